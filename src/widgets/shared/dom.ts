// The one way the widgets build DOM at run time: h(), elements from text only (a string child becomes
// a text node, never HTML, so nothing the reader typed can become markup). Markup that never changes
// belongs in the widget's .astro file (or a <template> there); the script fills and wires it.

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, true an empty attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
