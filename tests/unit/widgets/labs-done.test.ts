// The home page's list of labs: each lab names real lessons in both languages and widgets that exist,
// and a lab counts as holding the reader's work only for a file it makes or a value typed into one of
// its widgets (a "keep" switch alone, or an emptied field, is not work).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LABS, labsWithWork } from '../../../src/widgets/labs-done/labs.ts';

const ws = (
  files: Record<string, string>,
  inputs: Record<string, Record<string, string | string[] | boolean>>,
) => ({
  files,
  inputs,
});

describe('the labs the home page lists', () => {
  it('name lessons that exist in English and Korean', () => {
    for (const lab of LABS) {
      assert.ok(existsSync(`content/${lab.page}.mdx`), lab.page);
      assert.ok(existsSync(`content/ko/${lab.page}.mdx`), `ko/${lab.page}`);
    }
  });

  it('name widgets that journal under those names, on those lessons', () => {
    const sources = readdirSync('src/widgets', { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    for (const lab of LABS)
      for (const w of lab.widgets)
        assert.match(
          sources,
          new RegExp(`(WIDGET|NEW_USER) = '${w}'`),
          `${lab.id}: no widget journals as ${w}`,
        );
  });

  it('have one id each', () => {
    assert.equal(new Set(LABS.map((l) => l.id)).size, LABS.length);
  });
});

describe('labsWithWork', () => {
  it('finds nothing in an empty workspace', () => {
    assert.deepEqual([...labsWithWork(ws({}, {}))], []);
  });

  it('counts a file a lab makes', () => {
    assert.deepEqual(
      [...labsWithWork(ws({ 'rootCA.pem': '-----BEGIN CERTIFICATE-----' }, {}))],
      ['certificates'],
    );
  });

  it('counts a typed value, in any of the lab’s widgets', () => {
    assert.deepEqual(
      [...labsWithWork(ws({}, { 'kubeconfig-builder': { server: 'https://10.0.0.1:6443' } }))],
      ['new-user'],
    );
    assert.deepEqual([...labsWithWork(ws({}, { 'token-file': { rows: ['alice'] } }))], ['token-file']);
    assert.deepEqual(
      [...labsWithWork(ws({}, { 'request-simulator': { tokenOn: 'off' } }))],
      ['request-simulator'],
    );
  });

  it('does not count a keep switch alone, an emptied field, or a widget that is not a lab', () => {
    const found = labsWithWork(
      ws(
        { 'notes.txt': 'x' },
        {
          'proxy-builder': { keepKeys: true, keep: true },
          'sa-token': { audience: '  ' },
          'error-explainer': { text: 'x509: certificate signed by unknown authority' },
        },
      ),
    );
    assert.deepEqual([...found], []);
  });
});
