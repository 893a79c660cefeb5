// The widgets build DOM one way: markup that does not change is in the widget's .astro file (or a
// <template> there), and what the script adds is made with h() (src/widgets/shared/dom.ts), from
// text only. So no document.createElement( outside shared/dom.ts, and no HTML put in with
// .innerHTML / .outerHTML / insertAdjacentHTML except where the HTML is ours, named below with why.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../../..');
const WIDGETS = 'src/widgets';
const DOM = 'src/widgets/shared/dom.ts';

/** The HTML these renderers write escapes every value; the .astro renders the same at build time. */
const RENDER_TS =
  "its render.ts's HTML (every value through escapeHtml), which the .astro also renders (set:html)";

/** The files that may set HTML, and why that HTML is safe. */
const MAY_SET_HTML: Record<string, string> = {
  'src/widgets/shared/highlight.ts': "Shiki's HTML of code the widgets generate (Shiki escapes the code)",
  'src/widgets/apiserver-change/update.ts': RENDER_TS,
  'src/widgets/impersonation/update.ts': RENDER_TS,
  'src/widgets/oidc-config/update.ts': RENDER_TS,
  'src/widgets/request-simulator/update.ts': RENDER_TS,
  'src/widgets/token-review/update.ts': RENDER_TS,
  'src/widgets/webhook-config/update.ts': RENDER_TS,
};

interface Site {
  file: string;
  line: number;
  kind: 'createElement' | 'html';
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.(ts|astro)$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** The script of a file: a .ts file whole, an .astro file's <script> blocks and frontmatter. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  const parts = [...text.matchAll(/^---\n([\s\S]*?)\n---|<script\b[^>]*>([\s\S]*?)<\/script>/gm)];
  return parts.map((m) => m[1] ?? m[2] ?? '').join('\n');
}

/** Every document.createElement( call and every HTML write (.innerHTML =, .outerHTML =, insertAdjacentHTML). */
export function domSites(file: string, text: string): Site[] {
  const source = ts.createSourceFile(file, scriptOf(file, text), ts.ScriptTarget.Latest, true);
  const found: Site[] = [];
  const at = (node: ts.Node, kind: Site['kind']) =>
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, kind });
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression;
      if (name.text === 'createElement' && target.getText() === 'document') at(node, 'createElement');
      if (name.text === 'insertAdjacentHTML') at(node, 'html');
    }
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
      ts.isPropertyAccessExpression(node.left) &&
      ['innerHTML', 'outerHTML'].includes(node.left.name.text)
    ) {
      at(node, 'html');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The sites the rule forbids, as "file:line kind". */
export function offences(sites: Site[]): string[] {
  return sites
    .filter((s) => s.file !== DOM && !(s.kind === 'html' && s.file in MAY_SET_HTML))
    .map((s) => `${s.file}:${s.line} ${s.kind}`);
}

describe('the widgets build DOM one way', () => {
  const all = files(WIDGETS);
  const sites = all.flatMap((f) => domSites(f, readFileSync(join(ROOT, f), 'utf8')));

  it('make elements with h() (shared/dom.ts) or in the .astro file, never with document.createElement elsewhere, and set no HTML but their own', () => {
    assert.ok(all.length > 100, `only ${all.length} widget files read`);
    assert.deepEqual(offences(sites), []);
  });

  it('name only exceptions that still set HTML, each with a reason', () => {
    for (const [file, why] of Object.entries(MAY_SET_HTML)) {
      assert.ok(why.length > 20, `${file} needs a reason`);
      assert.ok(
        sites.some((s) => s.file === file && s.kind === 'html'),
        `${file} sets no HTML any more: take it off the list`,
      );
    }
  });

  it('sees createElement and HTML writes in a script, not in its comments or strings', () => {
    const text = [
      '// document.createElement("p") in a comment',
      "const s = 'el.innerHTML = x';",
      "const p = document.createElement('p');",
      'p.innerHTML = "<b>x</b>";',
      'p.outerHTML += y;',
      "p.insertAdjacentHTML('beforeend', z);",
      'const ok = h("p", {}, text);',
    ].join('\n');
    assert.deepEqual(offences(domSites('src/widgets/probe/element.ts', text)), [
      'src/widgets/probe/element.ts:3 createElement',
      'src/widgets/probe/element.ts:4 html',
      'src/widgets/probe/element.ts:5 html',
      'src/widgets/probe/element.ts:6 html',
    ]);
    const astro =
      "---\nconst a = 1;\n---\n<p>document.createElement('p')</p>\n<script>\nel.innerHTML = a;\n</script>\n";
    assert.equal(offences(domSites('src/widgets/probe/Probe.astro', astro)).length, 1);
  });
});
