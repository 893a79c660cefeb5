// The "in your own code" programs as text (they are run with the real @peculiar/x509 in
// tests/interop/recipes-x509-program.test.ts): the reader's values in one place, only the key
// algorithms used, the same code in both languages, and every step the widgets show translated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionary } from '../../../src/i18n/index.ts';
import { type LabCertificateParams, x509CsrRecipe, x509LabRecipe } from '../../../src/recipes/index.ts';
import { englishSentences, HANGUL } from '../../support/english-text.ts';

const LAB: LabCertificateParams = {
  rootCa: { subject: { commonName: 'Lab CA', organizations: ['Lab'] }, algorithm: 'ECDSA-P384' },
  server: { subject: { commonName: 'localhost' }, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] },
  client: { subject: { commonName: "O'Brien", organizations: ['dev', 'back\\slash'] }, algorithm: 'Ed25519' },
};

/** The program without its comments and its closing message. */
const code = (s: string) =>
  s
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/console\.log\(.*\);/, '')
    .replace(/\n+/g, '\n');

describe('make-lab-certs.mjs and make-user-csr.mjs', () => {
  it("hold the reader's values once, as JavaScript literals, and key tables for only the algorithms used", () => {
    const program = x509LabRecipe(LAB).file.content;
    assert.match(program, /commonName: 'O\\'Brien',\n\s+organizations: \['dev', 'back\\\\slash'\]/);
    assert.match(program, /algorithm: 'ECDSA-P384',\n\s+days: 3650,/);
    assert.match(program, /algorithm: 'RSA-2048',\n\s+days: 365,\n\s+dnsNames: \['localhost'\]/);
    const start = program.indexOf('const KEY = {');
    const keyTable = program.slice(start, program.indexOf('\n};', start));
    assert.deepEqual(
      [...keyTable.matchAll(/^ {2}'([\w-]+)':/gm)].map((m) => m[1]),
      ['ECDSA-P384', 'RSA-2048', 'Ed25519'],
    );
  });

  it('run the same code in Korean, with Korean comments', () => {
    for (const [en, ko] of [
      [x509LabRecipe(LAB).file.content, x509LabRecipe(LAB, 'ko').file.content],
      [
        x509CsrRecipe({ user: 'jane', groups: ['dev'] }).file.content,
        x509CsrRecipe({ user: 'jane', groups: ['dev'] }, 'ko').file.content,
      ],
    ] as const) {
      assert.equal(code(ko), code(en));
      const comments = ko.match(/^\s*\/\/.*$/gm) ?? [];
      assert.ok(comments.filter((c) => HANGUL.test(c)).length >= 8, 'Korean comments');
      assert.deepEqual(
        englishSentences(comments.join('\n')),
        [],
        'no English sentence left in Korean comments',
      );
    }
  });

  it('name their files as the builder does and say how to install and run them', () => {
    const csr = x509CsrRecipe({ user: 'Jane Doe', groups: [] });
    assert.equal(csr.file.name, 'make-user-csr.mjs');
    assert.match(csr.file.content, /keyFile: 'jane-doe-key\.pem',\n\s+csrFile: 'jane-doe\.csr',/);
    assert.deepEqual(
      csr.commands.map((c) => c.command),
      ['npm install @peculiar/x509 reflect-metadata', 'node make-user-csr.mjs'],
    );
    assert.deepEqual(
      x509LabRecipe(LAB).commands.map((c) => c.command),
      ['npm install @peculiar/x509 reflect-metadata', 'node make-lab-certs.mjs'],
    );
  });

  it('have every step the widgets show translated, with the same placeholders', () => {
    const steps = [...x509LabRecipe(LAB).commands, ...x509CsrRecipe({ user: 'jane' }).commands];
    for (const lang of ['en', 'ko'] as const) {
      const dict = dictionary(lang);
      for (const c of steps) {
        const text = dict[c.step ?? ''];
        assert.ok(text, `${lang}: no text for step ${c.step}`);
        for (const name of Object.keys(c.vars ?? {})) assert.match(text, new RegExp(`\\{${name}\\}`));
      }
    }
  });
});
