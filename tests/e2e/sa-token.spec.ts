// The service-account token inspector and forgery demo of part 2, lesson 4, as a reader uses them,
// in English and Korean, judged by real tools: tokens minted by Go's standard library (the way
// kube-apiserver's signer mints them) read in the inspector with the identity and verdict the Go
// stand-in for kube-apiserver gives them; tokens the demo mints in the browser (RS256, ES256, PS256)
// are accepted by the stand-in with the demo's sa.pub as its key file, and real `kubectl auth whoami`
// prints exactly the inspector's preview; every refusal the inspector predicts is the stand-in's 401
// and kubectl's message. Bad input in every field gets a message at that field; a reload keeps the
// settings, and keeps tokens and the demo's key only when the reader ticks "keep".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { exportPrivateKeyPem, generateKeyPair } from '../../src/pki/index.ts';
import { boundServiceAccountClaims, KUBECTL_401, signJwt } from '../../src/tokens/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { makeApiserverCertificates } from '../support/standin-certs.ts';
import { kubectlWithToken } from '../support/standin-client.ts';
import { hasTool } from '../support/tools.ts';
import { englishLeft } from './english-left.ts';
import { expect, test } from './fixtures.ts';

const PAGES = {
  en: '/bearer-tokens/04-service-account-tokens/',
  ko: '/ko/bearer-tokens/04-service-account-tokens/',
};
const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const SA_UID = '7f3c2a1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b';
const POD_UID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const NODE_UID = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const toolsMissing = ['go', 'openssl', 'kubectl'].filter((t) => !hasTool(t));

const widget = (page: Page) => page.locator('kal-sa-token');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const messageOf = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const verdict = (page: Page) => widget(page).locator('[data-verdict]');
const identity = (page: Page) => widget(page).locator('[data-identity]');
const button = (page: Page, action: string) => widget(page).locator(`[data-action="${action}"]`);

async function openSettings(page: Page) {
  const details = widget(page).locator('[data-settings]');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
}

/** A scratch folder with a CA and the stand-in's serving certificate. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-satoken-'));
  writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
  makeApiserverCertificates(dir);
  return dir;
}

const objectsList = (...items: object[]) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'List', items: items.map((o) => ({ apiVersion: 'v1', ...o })) });
const SA_OBJECT = { kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'lab', uid: SA_UID } };
const POD_OBJECT = { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: POD_UID } };
const NODE_OBJECT = { kind: 'Node', metadata: { name: 'node-1', uid: NODE_UID } };

/** Starts the stand-in with these key files and objects; kubectl --token … auth whoami against it. */
async function standin(dir: string, keyFiles: string[], objects: string) {
  writeFileSync(join(dir, 'objects.json'), objects);
  const server = await startStandin(dir, {
    cert: join(dir, 'apiserver.crt'),
    key: join(dir, 'apiserver.key'),
    objectsFile: join(dir, 'objects.json'),
    serviceAccountKeyFiles: keyFiles,
    serviceAccountIssuers: [ISSUER],
  });
  const whoami = (token: string) =>
    kubectlWithToken(dir, server.url, join(dir, 'ca.crt'), token, 'auth', 'whoami');
  return { server, whoami };
}

async function inspect(page: Page, token: string, keys: string, objects = '') {
  await field(page, 'token').fill(token);
  await field(page, 'keys').fill(keys);
  if (objects) {
    await openSettings(page);
    await field(page, 'objects').fill(objects);
  }
  await button(page, 'inspect').click();
  await expect(verdict(page)).not.toBeEmpty();
}

const now = () => Math.floor(Date.now() / 1000);
const boundClaims = (over: Record<string, unknown> = {}, k8s: Record<string, unknown> = {}) => ({
  aud: [ISSUER],
  exp: now() + 3600,
  iat: now(),
  iss: ISSUER,
  jti: 'e4d3c2b1-a098-4f7e-8d6c-5b4a39281706',
  'kubernetes.io': { namespace: 'lab', serviceaccount: { name: 'builder', uid: SA_UID }, ...k8s },
  nbf: now(),
  sub: 'system:serviceaccount:lab:builder',
  ...over,
});

/** Go mints one token per algorithm (RS256, PS256, ES256) with `claims`, each with its own sa.pub. */
function goMint(dir: string, name: string, claims: object) {
  const out = join(dir, name);
  execFileSync('mkdir', ['-p', out]);
  execFileSync(buildGoProgram('jwtmint'), [out, JSON.stringify(claims)]);
  return (alg: 'RS256' | 'PS256' | 'ES256') => ({
    token: readFileSync(join(out, `${alg}.jwt`), 'utf8'),
    pub: readFileSync(join(out, `${alg}.pub`), 'utf8'),
    pubFile: join(out, `${alg}.pub`),
  });
}

test.describe('tokens minted by Go, read in the inspector as the stand-in reads them', () => {
  test.skip(toolsMissing.length > 0, `needs ${toolsMissing.join(', ')}`);

  test('a pod-bound Go token (RS256, PS256, ES256) is accepted with the identity kubectl auth whoami prints; each refusal is the stand-in’s 401', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const dir = scratch();
    const servers: Standin[] = [];
    try {
      const pod = goMint(
        dir,
        'pod',
        boundClaims({}, { pod: { name: 'web-0', uid: POD_UID }, node: { name: 'node-1', uid: NODE_UID } }),
      );
      const refusals = {
        audience: goMint(dir, 'aud', boundClaims({ aud: ['vault'] })),
        expired: goMint(dir, 'exp', boundClaims({ exp: now() - 180, iat: now() - 4000, nbf: now() - 4000 })),
        'not-yet-valid': goMint(dir, 'nbf', boundClaims({ nbf: now() + 600, iat: now() })),
        'other-issuer': goMint(dir, 'iss', boundClaims({ iss: 'https://elsewhere.example' })),
        invalidated: goMint(dir, 'gone', boundClaims({}, { pod: { name: 'web-1', uid: POD_UID } })),
      };
      const objects = objectsList(SA_OBJECT, POD_OBJECT, NODE_OBJECT);
      await page.goto(PAGES.en);
      for (const alg of ['RS256', 'PS256', 'ES256'] as const) {
        const { token, pub, pubFile } = pod(alg);
        const { server, whoami } = await standin(dir, [pubFile], objects);
        servers.push(server);
        await inspect(page, token, pub, objects);
        await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
        const real = whoami(token);
        expect(real.stderr).toBe('');
        expect(await identity(page).textContent()).toBe(real.stdout);
        expect(real.stdout).toMatch(/authentication.kubernetes.io\/pod-name +\[web-0\]/);
        await expect(widget(page).locator('[data-facts]')).toHaveAttribute('data-signature', 'true');

        // The same token with one claim changed: the signature no longer verifies.
        const [h, , s] = token.split('.');
        const forged = `${h}.${Buffer.from(JSON.stringify(boundClaims({ sub: 'system:serviceaccount:kube-system:admin' }, { pod: { name: 'web-0', uid: POD_UID } }))).toString('base64url')}.${s}`;
        await inspect(page, forged, pub);
        await expect(verdict(page)).toHaveAttribute('data-refusal', 'bad-signature');
        expect(whoami(forged).stderr.trim()).toBe(KUBECTL_401.whoami);
        await expect(identity(page)).toContainText('go-jose/go-jose: error in cryptographic primitive');

        for (const [refusal, mint] of Object.entries(refusals)) {
          const r = mint(alg);
          const { server: s2, whoami: who2 } = await standin(dir, [r.pubFile], objects);
          servers.push(s2);
          await inspect(page, r.token, r.pub);
          await expect(verdict(page), `${alg} ${refusal}`).toHaveAttribute('data-ok', 'false');
          await expect(verdict(page), `${alg} ${refusal}`).toHaveAttribute('data-refusal', refusal);
          await expect(identity(page)).toContainText(KUBECTL_401.whoami);
          if (refusal === 'expired') {
            await expect(widget(page).locator('[data-facts]')).toContainText(/expired \d+ minutes ago/);
          }
          const real2 = who2(r.token);
          expect(real2.status, `${alg} ${refusal}`).not.toBe(0);
          expect(real2.stderr.trim(), `${alg} ${refusal}`).toBe(KUBECTL_401.whoami);
          const log = await s2.log();
          const predicted = (await identity(page).textContent()) ?? '';
          const logged = (/err="((?:[^"\\]|\\.)*)"/.exec(predicted)?.[1] ?? '').replace(/\\"/g, '"');
          expect(logged, `${alg} ${refusal}`).not.toBe('');
          expect(log, `${alg} ${refusal}: the stand-in logs the inspector's cause`).toContain(
            `Unable to authenticate the request: ${logged}\n`,
          );
          s2.stop();
        }
        // Without the key nothing can be judged, but the claims' identity is shown.
        await inspect(page, token, '');
        await expect(verdict(page)).toHaveAttribute('data-refusal', 'unchecked');
        await expect(identity(page)).toContainText('system:serviceaccount:lab:builder');
        server.stop();
      }
    } finally {
      for (const s of servers) s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('a legacy Secret-based token minted by Go', () => {
  test.skip(toolsMissing.length > 0, `needs ${toolsMissing.join(', ')}`);

  test('is accepted, never expires, and gives the identity kubectl auth whoami prints; once its Secret holds another token it is refused, as by the stand-in', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const dir = scratch();
    const servers: Standin[] = [];
    try {
      const legacy = goMint(dir, 'legacy', {
        iss: 'kubernetes/serviceaccount',
        'kubernetes.io/serviceaccount/namespace': 'lab',
        'kubernetes.io/serviceaccount/secret.name': 'builder-token',
        'kubernetes.io/serviceaccount/service-account.name': 'builder',
        'kubernetes.io/serviceaccount/service-account.uid': SA_UID,
        sub: 'system:serviceaccount:lab:builder',
      })('RS256');
      const secret = (token: string) => ({
        kind: 'Secret',
        metadata: { name: 'builder-token', namespace: 'lab', uid: 'b1c2d3e4-0000-4000-8000-000000000001' },
        type: 'kubernetes.io/service-account-token',
        data: { token: Buffer.from(token).toString('base64') },
      });
      await page.goto(PAGES.en);
      await inspect(page, legacy.token, legacy.pub);
      await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
      await expect(widget(page).locator('[data-facts]')).toContainText('never');
      const objects = objectsList(SA_OBJECT, secret(legacy.token));
      const ok = await standin(dir, [legacy.pubFile], objects);
      servers.push(ok.server);
      const real = ok.whoami(legacy.token);
      expect(real.stderr).toBe('');
      expect(await identity(page).textContent()).toBe(real.stdout);

      const replaced = objectsList(SA_OBJECT, secret('another token'));
      await inspect(page, legacy.token, legacy.pub, replaced);
      await expect(verdict(page)).toHaveAttribute('data-refusal', 'token-mismatch');
      ok.server.stop();
      const refused = await standin(dir, [legacy.pubFile], replaced);
      servers.push(refused.server);
      expect(refused.whoami(legacy.token).stderr.trim()).toBe(KUBECTL_401.whoami);
      expect(await refused.server.log()).toContain("Token does not match server's copy");
    } finally {
      for (const s of servers) s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('the forgery demo', () => {
  test.skip(toolsMissing.length > 0, `needs ${toolsMissing.join(', ')}`);

  for (const alg of ['RS256', 'ES256', 'PS256'] as const) {
    test(`a ${alg} token minted with the browser's key is accepted by the stand-in given the downloaded sa.pub, and kubectl auth whoami prints the inspector's preview`, async ({
      page,
    }) => {
      test.setTimeout(150_000);
      const dir = scratch();
      let server: Standin | undefined;
      try {
        await page.goto(PAGES.en);
        await field(page, 'alg').selectOption(alg);
        await field(page, 'namespace').fill('kube-system');
        await field(page, 'serviceAccount').fill('clusterrole-aggregation-controller');
        await field(page, 'uid').fill(SA_UID);
        await field(page, 'expiration').fill('7200');
        await button(page, 'forge').click();
        const tokenText = widget(page).locator('[data-forged-token]');
        await expect(tokenText).not.toBeEmpty({ timeout: 30_000 });
        const token = (await tokenText.textContent()) ?? '';
        const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
        expect(header.alg).toBe(alg);
        const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
        expect(claims.exp - claims.iat).toBe(7200);
        expect(claims.sub).toBe('system:serviceaccount:kube-system:clusterrole-aggregation-controller');

        const download = page.waitForEvent('download');
        await button(page, 'download-pub').click();
        const file = await download;
        expect(file.suggestedFilename()).toBe('sa.pub');
        const pubFile = join(dir, 'sa.pub');
        await file.saveAs(pubFile);
        const jwksDownload = page.waitForEvent('download');
        await button(page, 'download-jwks').click();
        const jwksFile = join(dir, 'jwks.json');
        await (await jwksDownload).saveAs(jwksFile);
        const jwks = JSON.parse(readFileSync(jwksFile, 'utf8'));
        expect(jwks.keys[0].kid).toBe(header.kid);

        await button(page, 'inspect-forged').click();
        await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
        const preview = await identity(page).textContent();

        const objects = objectsList({
          kind: 'ServiceAccount',
          metadata: { name: 'clusterrole-aggregation-controller', namespace: 'kube-system', uid: SA_UID },
        });
        const started = await standin(dir, [pubFile], objects);
        server = started.server;
        const real = started.whoami(token);
        expect(real.stderr).toBe('');
        expect(real.stdout).toBe(preview);

        // The JWKS of the demo verifies it in the inspector too.
        await inspect(page, token, readFileSync(jwksFile, 'utf8'));
        await expect(verdict(page)).toHaveAttribute('data-ok', 'true');

        // The API server without that key: the inspector and the stand-in both refuse.
        const other = goMint(dir, 'other', boundClaims());
        server.stop();
        const without = await standin(dir, [other('RS256').pubFile], objects);
        server = without.server;
        await inspect(page, token, other('RS256').pub);
        await expect(verdict(page)).toHaveAttribute('data-refusal', 'no-keys');
        expect(without.whoami(token).stderr.trim()).toBe(KUBECTL_401.whoami);
        expect(await without.server.log()).toContain('invalid signature, no keys found');
      } finally {
        server?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

test.describe('bad input gets a message at its field', () => {
  for (const lang of ['en', 'ko'] as const) {
    test(`every field of the inspector and the demo (${lang})`, async ({ page }) => {
      await page.goto(PAGES[lang]);
      const expectMessage = async (name: string, code: string) => {
        await expect(messageOf(page, name)).toHaveAttribute('data-code', code);
        await expect(messageOf(page, name)).not.toBeEmpty();
        await expect(field(page, name)).toHaveAttribute('aria-invalid', 'true');
      };
      const b64 = (s: string) => Buffer.from(s).toString('base64url');
      await button(page, 'inspect').click();
      await expectMessage('token', 'input/empty');
      for (const [token, code, text] of [
        ['not a token', 'jwt/malformed', lang === 'en' ? 'this has 1' : '1개'],
        [
          'eyJhbGciOiJSUzI1NiJ9.pay*load.c2ln',
          'jwt/malformed',
          lang === 'en' ? 'not base64url' : 'base64url',
        ],
        [
          `${b64('{"alg":"RS256"}')}.${b64('not json')}.c2ln`,
          'jwt/malformed',
          lang === 'en' ? 'JSON object' : 'JSON',
        ],
      ] as const) {
        await field(page, 'token').fill(token);
        await button(page, 'inspect').click();
        await expectMessage('token', code);
        await expect(messageOf(page, 'token')).toContainText(text);
      }
      const good = `${b64('{"alg":"RS256","kid":"x"}')}.${b64(JSON.stringify(boundClaims()))}.c2ln`;
      await field(page, 'token').fill(good);
      for (const [keys, code] of [
        ['not a key at all', 'pem/no-block'],
        ['-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', 'jwt-key/none'],
        ['{"keys": [', 'jwks/bad-json'],
        ['{"keys": []}', 'jwks/no-keys'],
        ['{"keys": [{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]}', 'jwks/no-usable-key'],
        ['{"keys": [{"kty":"oct","k":"c2VjcmV0"}]}', 'jwks/bad-key'],
      ] as const) {
        await field(page, 'keys').fill(keys);
        await button(page, 'inspect').click();
        await expectMessage('keys', code);
        await expect(messageOf(page, 'token')).toBeEmpty();
      }
      await field(page, 'keys').fill('');
      await openSettings(page);
      await field(page, 'issuers').fill('  ');
      await button(page, 'inspect').click();
      await expectMessage('issuers', 'sa-token/no-issuer');
      await field(page, 'issuers').fill(ISSUER);
      await field(page, 'objects').fill('{not json');
      await button(page, 'inspect').click();
      await expectMessage('objects', 'objects/bad-json');
      await field(page, 'objects').fill('{"kind":"ConfigMap","metadata":{"name":"x"}}');
      await button(page, 'inspect').click();
      await expectMessage('objects', 'objects/not-list');
      await field(page, 'objects').fill('');

      for (const [name, value, code] of [
        ['namespace', 'Lab_1', 'sa-token/bad-name'],
        ['serviceAccount', 'Builder!', 'sa-token/bad-name'],
        ['uid', '', 'sa-token/no-uid'],
        ['audience', '', 'sa-token/no-audience'],
        ['expiration', '60', 'sa-token/expiration-too-short'],
        ['expiration', 'soon', 'sa-token/expiration-too-short'],
      ] as const) {
        const before = await field(page, name).inputValue();
        await field(page, name).fill(value);
        await button(page, 'forge').click();
        await expectMessage(name, code);
        await expect(widget(page).locator('[data-forged]')).toBeHidden();
        await field(page, name).fill(before);
      }
      await button(page, 'forge').click();
      await expect(widget(page).locator('[data-forged-token]')).not.toBeEmpty({ timeout: 30_000 });
      for (const name of ['namespace', 'serviceAccount', 'uid', 'audience', 'expiration']) {
        await expect(messageOf(page, name)).toBeEmpty();
      }
    });
  }
});

test.describe('nothing is lost on a reload', () => {
  for (const lang of ['en', 'ko'] as const) {
    test(`settings and demo fields come back at once; the token and the demo's key only with keep ticked (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGES[lang]);
      const values: [string, string][] = [
        ['namespace', 'team-a'],
        ['serviceAccount', 'deployer'],
        ['uid', '11111111-2222-4333-8444-555555555555'],
        ['audience', 'https://issuer.example vault'],
        ['expiration', '1800'],
      ];
      await openSettings(page);
      await field(page, 'issuers').fill('https://issuer.example https://old.example');
      await field(page, 'audiences').fill('https://issuer.example');
      await field(page, 'alg').selectOption('ES256');
      for (const [name, value] of values) await field(page, name).fill(value);
      await button(page, 'forge').click();
      await expect(widget(page).locator('[data-forged-token]')).not.toBeEmpty({ timeout: 30_000 });
      await button(page, 'inspect-forged').click();
      await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
      const token = await field(page, 'token').inputValue();
      await expect(widget(page).locator('[data-token-not-kept]')).toBeVisible();
      await page.reload();
      for (const [name, value] of values) await expect(field(page, name)).toHaveValue(value);
      await expect(field(page, 'issuers')).toHaveValue('https://issuer.example https://old.example');
      await expect(field(page, 'audiences')).toHaveValue('https://issuer.example');
      await expect(field(page, 'alg')).toHaveValue('ES256');
      await expect(field(page, 'keys')).toHaveValue(/BEGIN PUBLIC KEY/);
      await expect(field(page, 'token')).toHaveValue('');
      await expect(widget(page).locator('[data-forged]')).toBeHidden();

      // With keep ticked, the token and the demo's key survive a reload made at once.
      await widget(page).locator('[data-keep-keys]').check();
      await field(page, 'token').fill(token);
      await button(page, 'forge').click();
      await expect(widget(page).locator('[data-forged-token]')).not.toBeEmpty({ timeout: 30_000 });
      const forged = await widget(page).locator('[data-forged-token]').textContent();
      await page.reload();
      await expect(field(page, 'token')).toHaveValue(token);
      await expect(widget(page).locator('[data-forged-token]')).toHaveText(forged ?? '');
      await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
      await button(page, 'inspect-forged').click();
      await expect(verdict(page)).toHaveAttribute('data-ok', 'true');

      // A value typed and reloaded at once is there too.
      await field(page, 'serviceAccount').fill('typed-then-reloaded');
      await page.reload();
      await expect(field(page, 'serviceAccount')).toHaveValue('typed-then-reloaded');
    });
  }
});

test('sa.key itself pasted as the key file verifies the token (as --service-account-key-file reads it) and, being a private key, is not kept for a reload', async ({
  page,
}) => {
  const key = await generateKeyPair('ECDSA-P256');
  const token = await signJwt({
    claims: boundServiceAccountClaims({
      issuer: ISSUER,
      namespace: 'lab',
      serviceAccount: { name: 'builder', uid: SA_UID },
    }),
    privateKey: key.privateKey,
  });
  const pem = await exportPrivateKeyPem(key.privateKey);
  await page.goto(PAGES.en);
  await inspect(page, token, pem);
  await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
  await expect(widget(page).locator('[data-not-kept]')).toBeVisible();
  await expect(widget(page).locator('[data-token-not-kept]')).toBeVisible();
  await page.reload();
  await expect(field(page, 'keys')).toHaveValue('');
  await expect(field(page, 'token')).toHaveValue('');
});

test('the Korean widget stays Korean while it is used: a minted token accepted, a refused one, a bad field', async ({
  page,
}) => {
  const english = async (where: string) => expect(await englishLeft(page, 'ko'), where).toEqual([]);
  await page.goto(PAGES.ko);
  await english('before use');
  await button(page, 'forge').click();
  await expect(widget(page).locator('[data-forged-token]')).not.toBeEmpty({ timeout: 30_000 });
  await button(page, 'inspect-forged').click();
  await expect(verdict(page)).toHaveAttribute('data-ok', 'true');
  await expect(verdict(page)).toContainText('system:serviceaccount:lab:builder');
  await english('accepted');
  await openSettings(page);
  await field(page, 'audiences').fill('vault');
  await button(page, 'inspect').click();
  await expect(verdict(page)).toHaveAttribute('data-refusal', 'audience');
  await english('refused');
  await field(page, 'keys').fill('{"keys": [');
  await button(page, 'inspect').click();
  await expect(messageOf(page, 'keys')).toHaveAttribute('data-code', 'jwks/bad-json');
  await english('a bad JWKS');
});
