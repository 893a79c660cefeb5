// The errors of parts 3 to 6 (OIDC, the token webhook, the authenticating proxy and impersonation,
// anonymous requests): what the explainer reads out of their lines, when a 401 is "anonymous is off",
// and that every lesson link of the catalogue names a page and a heading that exist, in English and
// in Korean (the heading ids as Starlight makes them, with github-slugger).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import GithubSlugger from 'github-slugger';
import { CATALOGUE, explainError, lessonAnchor } from '../../../src/explain/index.ts';

const root = join(import.meta.dirname, '../../..');
const ids = (text: string) => explainError(text).matches.map((m) => m.id);

/** The heading ids of an .mdx page, as Starlight's Markdown pipeline makes them. */
function headingIds(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{2,4} (.+)$/.exec(line);
    if (m) out.add(slugger.slug(m[1]!.replace(/`/g, '')));
  }
  return out;
}

describe('the lesson links of the catalogue', () => {
  for (const lang of ['en', 'ko'] as const) {
    test(`name pages and headings that exist (${lang})`, () => {
      for (const entry of CATALOGUE) {
        const { part = 'client-certificates', page } = entry.lesson;
        const file = join(root, 'content', lang === 'ko' ? 'ko' : '', part, `${page}.mdx`);
        assert.ok(existsSync(file), `${entry.id}: no ${file}`);
        const anchor = lessonAnchor(entry.lesson, lang);
        if (entry.lesson.anchor)
          assert.ok(anchor && headingIds(file).has(anchor), `${entry.id}: no #${anchor} in ${file}`);
      }
    });
  }
});

describe('explaining the errors of parts 3 to 6', () => {
  test("reads the audiences out of kube-apiserver's quoted log line", () => {
    const { matches } = explainError(
      'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: verify token: oidc: expected audience \\"kubernetes\\" got [\\"kubectl\\"]]"',
    );
    const m = matches.find((x) => x.id === 'oidc-audience');
    assert.deepEqual(m?.captures, { apiAudiences: '\\"kubernetes\\"', audiences: '[\\"kubectl\\"]' });
    // The "invalid bearer token" catch-all gives way to the specific entry on that line.
    assert.ok(!ids(m!.line).includes('invalid-bearer-token'));
  });

  test('names the impersonated kind and name, the real user and the resource of a 403', () => {
    const { matches } = explainError(
      'Error from server (Forbidden): groups "system:masters" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
    assert.deepEqual(
      matches.map((m) => [m.id, m.captures]),
      [
        [
          'impersonation-forbidden',
          { kind: 'groups', name: 'system:masters', user: 'jane', resource: 'groups' },
        ],
      ],
    );
  });

  test('a specific webhook failure replaces the catch-all, and Go’s own words inside it', () => {
    assert.deepEqual(
      ids(
        'Failed to make webhook authenticator request: Post "https://10.0.0.9:8443/authenticate": dial tcp 10.0.0.9:8443: connect: connection refused',
      ),
      ['webhook-unreachable'],
    );
    assert.deepEqual(
      ids(
        'Failed to make webhook authenticator request: Post "https://10.0.0.9:8443/authenticate": x509: certificate signed by unknown authority',
      ),
      ['webhook-tls'],
    );
    for (const w of CATALOGUE.find((e) => e.id === 'webhook-unreachable')!.wordings)
      assert.deepEqual(ids(w.sample), ['webhook-unreachable'], w.sample);
    for (const w of CATALOGUE.find((e) => e.id === 'webhook-tls')!.wordings)
      assert.deepEqual(ids(w.sample), ['webhook-tls'], w.sample);
  });

  const status401 =
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';
  const cases: [string, string, string[]][] = [
    [
      'a curl without any credential',
      '$ curl -sS --cacert ca.crt https://cp1:6443/api',
      ['anonymous-disabled'],
    ],
    ['a curl with -k and no credential', 'curl -k https://cp1:6443/readyz', ['anonymous-disabled']],
    [
      'a curl with a client certificate',
      '$ curl --cacert ca.crt --cert jane.crt --key jane.key https://cp1:6443/api',
      ['unauthorized'],
    ],
    ['a curl with -E', '$ curl --cacert ca.crt -E jane.pem https://cp1:6443/api', ['unauthorized']],
    [
      'a curl with a bearer token',
      '$ curl --cacert ca.crt -H "Authorization: Bearer abc" https://cp1:6443/api',
      ['token-unauthorized'],
    ],
    ['no command at all', '', ['unauthorized']],
  ];
  test("a kubectl 401 after a bare curl is still kubectl's, and a 401 after a later command is not the curl's", () => {
    assert.deepEqual(
      ids('$ curl https://localhost:8443/\nerror: You must be logged in to the server (Unauthorized)'),
      ['unauthorized'],
    );
    assert.deepEqual(
      ids(
        `$ curl -k https://cp1:6443/api\n$ curl -k --cert j.crt --key j.key https://cp1:6443/api\n${status401}`,
      ),
      ['unauthorized'],
    );
    assert.deepEqual(
      ids(
        `$ curl -k --cert j.crt --key j.key https://cp1:6443/api\nok\n$ curl -k https://cp1:6443/api\n${status401}`,
      ),
      ['anonymous-disabled'],
    );
  });
  for (const [name, command, want] of cases) {
    test(`a 401 after ${name} is ${want.join(', ')}`, () => {
      assert.deepEqual(ids(`${command}\n${status401}`.trim()), want);
    });
  }
});

describe('a refused proxy certificate', () => {
  const line =
    'E1207 16:40:01.000000       1 authentication.go:74] "Unable to authenticate the request" err="verifying certificate SN=77, SKID=, AKID=AB:CD failed: x509: certificate signed by unknown authority"';
  test('is any refused client certificate when nothing shows a proxy', () => {
    assert.ok(ids(line).includes('apiserver-verify-failed'), ids(line).join());
    assert.ok(!ids(line).includes('front-proxy-unknown-ca'));
  });
  test('is the front-proxy CA when the paste shows X-Remote-User, a --requestheader flag or proxy_ssl_certificate', () => {
    for (const sign of [
      "$ curl --cert proxy.pem --key proxy-key.pem -H 'X-Remote-User: alice' https://127.0.0.1:6443/api",
      '    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '    proxy_ssl_certificate /etc/nginx/proxy.pem;',
    ]) {
      const got = ids(`${sign}\n${line}`);
      assert.ok(
        got.includes('front-proxy-unknown-ca') && !got.includes('apiserver-verify-failed'),
        `${sign}: ${got}`,
      );
    }
  });
});
