// Names from certificates, CSRs and kubeconfigs on the page, as Kubernetes compares them: each goes in
// a <bdi> (so right-to-left text in it cannot reorder the sentence around it) with every character
// that would hide or reorder something written out by src/pki's visibleName() and marked. Imported
// only by code that loads on first use, never up front.
import { codePointLabel, type VisibleName, visibleName } from '../../pki/visible-name.ts';
import { h } from './dom.ts';
import type { Translate } from './strings.ts';

export { visibleName };

/** A <bdi> showing `name` with its hidden characters written out ("jane⟨U+202E⟩nimda"). */
export function nameNode(name: string): HTMLElement {
  const v = visibleName(name);
  return h(
    'bdi',
    { class: 'kal-name', 'data-suspicious': v.suspicious && 'true' },
    ...v.parts.map((p) =>
      p.kind === 'text' ? p.text : h('span', { class: 'kal-name-hidden', 'data-hidden': p.kind }, p.escape),
    ),
  );
}

/** `text` (already written out) with each "⟨U+XXXX⟩" marked, for previews built from escaped names. */
export function markEscapes(el: HTMLElement, text: string): void {
  const nodes: (Node | string)[] = [];
  for (const piece of text.split(/(⟨U\+[0-9A-F]{4,6}⟩)/)) {
    if (!piece) continue;
    nodes.push(/^⟨U\+[0-9A-F]{4,6}⟩$/.test(piece) ? h('span', { class: 'kal-name-hidden' }, piece) : piece);
  }
  el.replaceChildren(...nodes);
}

/**
 * The translated template `key` with its placeholders filled: names in `names` become nameNode()s,
 * other values text. (The template is read with no values, which leaves its {placeholders} in.)
 */
export function fillWithNames(
  t: Translate,
  key: string,
  values: Record<string, string | number | Node>,
  names: Record<string, string>,
): (Node | string)[] {
  const template = t(key);
  const out: (Node | string)[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    out.push(template.slice(last, m.index));
    const name = m[1]!;
    if (name in names) out.push(nameNode(names[name]!));
    else if (name in values) {
      const v = values[name]!;
      out.push(typeof v === 'object' ? v : String(v));
    } else out.push(m[0]);
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out.filter((x) => x !== '');
}

/** The code points of every hidden character in `names`, each once ("U+202E, U+200B"). */
export function hiddenCharacters(names: string[]): string {
  const seen: string[] = [];
  for (const n of names) {
    for (const p of visibleName(n).parts) {
      if (p.kind !== 'text' && !seen.includes(codePointLabel(p.codePoint)))
        seen.push(codePointLabel(p.codePoint));
    }
  }
  return seen.join(', ');
}

/**
 * A warning paragraph (translated, "widget.name.hidden") when any of `names` holds characters that
 * do not show or that reorder text; null when none does.
 */
export function nameWarning(
  t: Translate,
  names: string[],
  className = 'kal-name-warning',
): HTMLElement | null {
  if (!names.some((n) => visibleName(n).suspicious)) return null;
  return h(
    'p',
    { class: className, 'data-name-warning': true, role: 'note' },
    t('widget.name.hidden', { chars: hiddenCharacters(names) }),
  );
}

/** A list of names ("a, b"), each a nameNode(), in one <span>. */
export function namesNode(names: string[], separator = ', '): HTMLElement {
  return h('span', {}, ...names.flatMap((n, i) => (i ? [separator, nameNode(n)] : [nameNode(n)])));
}

export type { VisibleName };
