// Part 3, lesson 2 as printed: the site's oidc-issuer.sh (English and Korean), run with --local on
// the files the engine makes (a server certificate from src/pki naming localhost, the discovery
// document and JWKS from buildOidcIssuer), prints exactly the report the page shows
// (oidcIssuerReport); the page's "Check it" commands (curl of the discovery document, the JWKS
// compared with jwks.json) and its SAN check (openssl) print exactly the blocks that follow them on
// the page, English and Korean, with the test's port for 8443.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair } from '../../src/pki/index.ts';
import { oidcIssuerReport } from '../../src/recipes/oidc/issuer-script.ts';
import { buildOidcIssuer, type OidcIssuer } from '../../src/tokens/index.ts';
import { writeLocalhostCertificates } from '../support/lab-certs.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { freePort } from '../support/net.ts';
import { type IssuerScript, startIssuerScript } from '../support/oidc-issuer-script.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['openssl', 'curl', 'nginx', 'bash', 'diff'];
const missing = tools.filter((t) => !hasTool(t) && !(t === 'nginx' && hasTool('/usr/sbin/nginx')));
if (missing.length && inCI)
  throw new Error(`CI=true and the lesson 2 issuer tests need ${missing.join(', ')}`);

const PAGE_PORT = '8443';
const page = (lang: 'en' | 'ko') =>
  readFileSync(
    new URL(`../../content/${lang === 'ko' ? 'ko/' : ''}oidc/02-lab-your-own-issuer.mdx`, import.meta.url),
    'utf8',
  );
/** The page's fenced blocks, in order: [language, text]. */
const fences = (text: string) =>
  [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);

describe('lesson 2 (OIDC): oidc-issuer.sh and the Check it commands print what the page shows', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let port = 0;
  let issuerUrl = '';
  let issuer: OidcIssuer;
  let script: IssuerScript | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-oidc-lesson-'));
    await writeLocalhostCertificates(dir, {
      caSubject: { commonName: 'Kube Auth Lab Root CA', organizations: ['Kube Auth Lab'] },
      algorithm: 'RSA-2048',
    });
    port = await freePort();
    issuerUrl = `https://localhost:${port}`;
    const key = await generateKeyPair('RSA-2048');
    issuer = await buildOidcIssuer({ issuerUrl, publicKey: key.publicKey });
    writeFileSync(join(dir, 'openid-configuration.json'), issuer.files[0]!.text);
    writeFileSync(join(dir, 'jwks.json'), issuer.files[1]!.text);
    script = await startIssuerScript(dir);
  });

  after(() => {
    script?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('oidc-issuer.sh prints the report of the page, after the nginx configuration it wrote', () => {
    const want = oidcIssuerReport({ issuer: issuerUrl, jwksUri: issuer.discovery.jwks_uri, mode: 'local' });
    const out = script!.output();
    assert.ok(out.endsWith(want), `the script printed:\n${out}\nthe page's report would be:\n${want}`);
    assert.match(out, /^ {2}server \{$/m);
    assert.match(out, new RegExp(`^ {6}listen 127\\.0\\.0\\.1:${port} ssl;$`, 'm'));
  });

  it('the Korean oidc-issuer.sh prints the Korean report (with --check, which stops after the checks)', async () => {
    // The English script still serves the issuer's port: the Korean one listens on another and
    // reaches the issuer URL there, as its curl --connect-to does.
    const other = await freePort();
    const r = spawnSync(
      'bash',
      [labScriptFile('oidc-issuer.sh', 'ko'), '--local', '--check', '--port', String(other)],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const want = oidcIssuerReport(
      { issuer: issuerUrl, jwksUri: issuer.discovery.jwks_uri, mode: 'local', check: true },
      'ko',
    );
    assert.ok(
      r.stdout.endsWith(want),
      `the script printed:\n${r.stdout}\nthe page's report would be:\n${want}`,
    );
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`every command of the page's SAN check and Check it prints the block after it (${lang})`, () => {
      const blocks = fences(page(lang));
      const commands = blocks
        .map(([l, text], i) => ({ l, text, i }))
        .filter(({ l, text }) => l === 'sh' && /^(curl|openssl x509 -noout -ext)/.test(text));
      assert.equal(commands.length, 3, 'the SAN check and two curl commands');
      for (const { text, i } of commands) {
        const [, expected] = blocks[i + 1]!;
        const command = text.replaceAll(`localhost:${PAGE_PORT}`, `localhost:${port}`);
        const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.stderr, '', command);
        // openssl ends its heading with a space, which a page's code block does not keep.
        const lines = (t: string) => t.replace(/ +$/gm, '');
        assert.equal(
          lines(r.stdout),
          expected.replaceAll(`localhost:${PAGE_PORT}`, `localhost:${port}`),
          command,
        );
      }
    });
  }

  it('a JWKS that differs from jwks.json makes the page’s diff say so instead of "same"', () => {
    const blocks = fences(page('en'));
    const command = blocks
      .map(([, text]) => text)
      .find((t) => t.includes('| diff - jwks.json'))!
      .replaceAll(`localhost:${PAGE_PORT}`, `localhost:${port}`);
    const other = mkdtempSync(join(dir, 'other-'));
    writeFileSync(join(other, 'rootCA.pem'), readFileSync(join(dir, 'rootCA.pem')));
    writeFileSync(join(other, 'jwks.json'), '{"keys": []}\n');
    const r = spawnSync('bash', ['-c', command], { cwd: other, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /^same$/m);
    assert.ok(execFileSync('curl', ['-sS', '--cacert', join(dir, 'rootCA.pem'), issuer.discovery.jwks_uri]));
  });
});
