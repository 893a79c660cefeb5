// The engine's layers, held by its imports: widgets → recipes → tokens → kube → pki, never back.
// src/pki knows nothing above it; src/kube builds on src/pki; src/tokens on src/kube and src/pki;
// src/recipes may use all three; nothing in them imports a widget, a page or the explainer. The
// dictionaries (src/i18n) are data: recipes read their texts, and the engine may take types from
// them (LabErrorCode), never code. The engine uses no node: module (it runs in the browser).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

/** What each engine folder may import at run time (besides itself and npm packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'src/pki': [],
  'src/kube': ['src/pki'],
  'src/tokens': ['src/pki', 'src/kube'],
  'src/recipes': ['src/pki', 'src/kube', 'src/tokens', 'src/i18n'],
};
/** What they may take types from (erased: no code follows). */
const MAY_IMPORT_TYPES = ['src/i18n'];

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Every import of a file: static, re-exports, dynamic import() and typeof import(). */
export function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (spec: ts.Node | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteral(spec)) found.push({ file, target: spec.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The src/ folder (e.g. "src/kube") an import resolves into, the package name, or "node:…". */
function layerOf(imp: Import): string {
  if (!imp.target.startsWith('.')) return imp.target;
  const path = relative(ROOT, resolve(ROOT, imp.file, '..', imp.target));
  return path.split('/').slice(0, 2).join('/');
}

/** The imports that break the layering, as "file → target". */
export function violations(imports: Import[], folder: string): string[] {
  const allowed = MAY_IMPORT[folder]!;
  return imports
    .filter((imp) => {
      const layer = layerOf(imp);
      if (layer.startsWith('node:')) return true;
      if (!layer.startsWith('src/')) return false; // an npm package
      if (layer === folder || allowed.includes(layer)) return false;
      return !(imp.typeOnly && MAY_IMPORT_TYPES.includes(layer));
    })
    .map((imp) => `${imp.file} → ${imp.target}${imp.typeOnly ? ' (types)' : ''}`);
}

describe('the engine layering', () => {
  for (const folder of Object.keys(MAY_IMPORT)) {
    it(`keeps ${folder} from importing what sits above it, or node:`, () => {
      const imports = files(folder).flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
      assert.ok(imports.length > 10, `only ${imports.length} imports read in ${folder}`);
      assert.deepEqual(violations(imports, folder), []);
    });
  }

  it('sees a backward import, a dynamic one and a node: one', () => {
    const text = [
      "import { recipe } from '../recipes/x.ts';",
      "import type { T } from '../i18n/index.ts';",
      "const w = () => import('../widgets/w/element.ts');",
      "import { readFileSync } from 'node:fs';",
      "import { parse } from 'yaml';",
      'const program = `import { webcrypto } from "node:crypto";`;',
    ].join('\n');
    assert.deepEqual(violations(importsOf('src/kube/probe.ts', text), 'src/kube'), [
      'src/kube/probe.ts → ../recipes/x.ts',
      'src/kube/probe.ts → ../widgets/w/element.ts',
      'src/kube/probe.ts → node:fs',
    ]);
  });
});
