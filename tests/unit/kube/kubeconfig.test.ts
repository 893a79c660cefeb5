import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { buildKubeconfig, type KubeconfigParams, parseKubeconfig } from '../../../src/kube/index.ts';
import { isLabError } from '../../../src/pki/errors.ts';
import { thrownCode as code } from '../../support/lab-error.ts';
import { kubeadmConf } from '../../support/lab-kubeconfig.ts';

const pem = (label: string, body = 'MIIBszCCAVmgAwIBAgIUQm9ndXMgYnV0IHdlbGwgZm9ybWVk') =>
  `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const b64 = (s: string) => btoa(s);

const CA = pem('CERTIFICATE', 'MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlcm5ldGVz');
const CERT = pem('CERTIFICATE');
const KEY = pem('EC PRIVATE KEY', 'MHcCAQEEIKf2bG9ndXNrZXlib2R5');
const GOOD: KubeconfigParams = {
  clusterName: 'kubernetes',
  server: 'https://192.0.2.10:6443',
  caPem: CA,
  userName: 'jane',
  clientCertificatePem: CERT,
  clientKeyPem: KEY,
};

function details(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (isLabError(e)) return { ...e.details, message: e.message };
    throw e;
  }
  assert.fail('expected an error');
}

describe('buildKubeconfig', () => {
  test('writes a Config with embedded data, kubeadm-style context name and current-context', () => {
    const doc = parse(buildKubeconfig(GOOD));
    assert.equal(doc.apiVersion, 'v1');
    assert.equal(doc.kind, 'Config');
    assert.equal(doc['current-context'], 'jane@kubernetes');
    assert.deepEqual(doc.contexts, [
      { name: 'jane@kubernetes', context: { cluster: 'kubernetes', user: 'jane' } },
    ]);
    assert.equal(doc.clusters[0].cluster.server, GOOD.server);
    assert.equal(doc.clusters[0].cluster['certificate-authority-data'], b64(CA));
    assert.equal(doc.users[0].user['client-certificate-data'], b64(CERT));
    assert.equal(doc.users[0].user['client-key-data'], b64(KEY));
  });

  test('writes every base64 value on one line', () => {
    const long = pem('CERTIFICATE', 'A'.repeat(64).concat('\n', 'B'.repeat(64)).repeat(20));
    const text = buildKubeconfig({ ...GOOD, caPem: long });
    const line = text.split('\n').find((l) => l.includes('certificate-authority-data'));
    assert.ok(line !== undefined && line.length > 2000);
  });

  test('uses the given context name and namespace', () => {
    const doc = parse(buildKubeconfig({ ...GOOD, contextName: 'lab', namespace: 'dev' }));
    assert.equal(doc['current-context'], 'lab');
    assert.deepEqual(doc.contexts[0].context, { cluster: 'kubernetes', user: 'jane', namespace: 'dev' });
  });

  test('quotes names that YAML 1.1 (kubectl) would read as booleans or numbers', () => {
    const text = buildKubeconfig({ ...GOOD, userName: 'yes', clusterName: 'on', contextName: '0x1A' });
    assert.match(text, /name: "yes"/);
    assert.match(text, /name: "on"/);
    assert.match(text, /current-context: "0x1A"/);
    const k = parseKubeconfig(text);
    assert.equal(k.users[0]?.name, 'yes');
    assert.equal(k.currentContext, '0x1A');
  });

  test('normalises CRLF PEM and adds the final newline', () => {
    const doc = parse(buildKubeconfig({ ...GOOD, caPem: CA.replace(/\n/g, '\r\n').trim() }));
    assert.equal(doc.clusters[0].cluster['certificate-authority-data'], b64(CA));
  });

  const bad: [string, Partial<KubeconfigParams>, string, string?][] = [
    ['an http server', { server: 'http://192.0.2.10:6443' }, 'kubeconfig/server-not-https', 'server'],
    ['a server that is not a URL', { server: '192.0.2.10:6443' }, 'kubeconfig/bad-server-url', 'server'],
    ['an ftp server', { server: 'ftp://192.0.2.10' }, 'kubeconfig/server-not-https', 'server'],
    ['a server with spaces', { server: 'https://a b' }, 'kubeconfig/bad-server-url', 'server'],
    ['a server with credentials', { server: 'https://u:p@h:6443' }, 'kubeconfig/bad-server-url', 'server'],
    ['a server with a query', { server: 'https://h:6443/?x=1' }, 'kubeconfig/bad-server-url', 'server'],
    ['an empty user name', { userName: '' }, 'kubeconfig/bad-name', 'userName'],
    ['a user name with a space', { userName: 'jane doe' }, 'kubeconfig/bad-name', 'userName'],
    ['a cluster name with a newline', { clusterName: 'a\nb' }, 'kubeconfig/bad-name', 'clusterName'],
    ['a context name too long', { contextName: 'x'.repeat(254) }, 'kubeconfig/bad-name', 'contextName'],
    ['an upper-case namespace', { namespace: 'Dev' }, 'kubeconfig/bad-namespace', 'namespace'],
    ['a key as the CA', { caPem: KEY }, 'kubeconfig/bad-pem', 'caPem'],
    ['a CA that is not PEM', { caPem: 'hello' }, 'kubeconfig/bad-pem', 'caPem'],
    [
      'a certificate with a broken body',
      { clientCertificatePem: pem('CERTIFICATE', '!!!') },
      'kubeconfig/bad-pem',
      'clientCertificatePem',
    ],
    ['a certificate as the key', { clientKeyPem: CERT }, 'kubeconfig/bad-pem', 'clientKeyPem'],
    ['two keys', { clientKeyPem: KEY + KEY }, 'kubeconfig/bad-pem', 'clientKeyPem'],
    [
      'an encrypted key',
      { clientKeyPem: pem('ENCRYPTED PRIVATE KEY') },
      'kubeconfig/encrypted-key',
      'clientKeyPem',
    ],
  ];
  for (const [what, change, expected, field] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      const d = details(() => buildKubeconfig({ ...GOOD, ...change }));
      assert.equal(
        code(() => buildKubeconfig({ ...GOOD, ...change })),
        expected,
      );
      if (field !== undefined) assert.equal(d.field, field);
    });
  }

  test('accepts PKCS#8, PKCS#1 and SEC1 keys and a CA bundle', () => {
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']) {
      assert.doesNotThrow(() => buildKubeconfig({ ...GOOD, clientKeyPem: pem(label), caPem: CA + CERT }));
    }
  });
});

describe('parseKubeconfig', () => {
  test('reads back what buildKubeconfig wrote', () => {
    const parsed = parseKubeconfig(buildKubeconfig({ ...GOOD, namespace: 'dev' }));
    assert.deepEqual(parsed.clusters, [
      { name: 'kubernetes', server: GOOD.server, caPem: CA, insecureSkipTlsVerify: false },
    ]);
    assert.equal(parsed.users.length, 1);
    const user = parsed.users[0]!;
    assert.equal(user.clientCertificatePem, CERT);
    assert.equal(user.clientKeyPresent, true);
    assert.equal(user.clientKeyPem, KEY);
    assert.deepEqual(parsed.contexts, [
      { name: 'jane@kubernetes', cluster: 'kubernetes', user: 'jane', namespace: 'dev' },
    ]);
    assert.equal(parsed.currentContext, 'jane@kubernetes');
  });

  test('keeps the client key out of JSON, Object.keys and spreads', () => {
    const user = parseKubeconfig(buildKubeconfig(GOOD)).users[0]!;
    assert.ok(!JSON.stringify(user).includes('PRIVATE KEY'));
    assert.ok(!Object.keys(user).includes('clientKeyPem'));
    assert.equal({ ...user }.clientKeyPem, undefined);
    assert.equal(user.clientKeyPem, KEY);
  });

  const ADMIN_CONF = kubeadmConf({
    caPem: CA,
    user: 'kubernetes-admin',
    certificatePem: CERT,
    keyPem: pem('RSA PRIVATE KEY'),
    server: 'https://10.0.0.5:6443',
  });

  test('reads an admin.conf-shaped file', () => {
    const k = parseKubeconfig(ADMIN_CONF);
    assert.equal(k.currentContext, 'kubernetes-admin@kubernetes');
    assert.equal(k.clusters[0]?.server, 'https://10.0.0.5:6443');
    assert.equal(k.clusters[0]?.caPem, CA);
    assert.equal(k.users[0]?.name, 'kubernetes-admin');
    assert.equal(k.users[0]?.clientCertificatePem, CERT);
    assert.equal(k.users[0]?.clientKeyPresent, true);
    assert.equal(k.users[0]?.token, false);
  });

  test('reads a super-admin.conf-shaped file', () => {
    const k = parseKubeconfig(ADMIN_CONF.replaceAll('kubernetes-admin', 'kubernetes-super-admin'));
    assert.equal(k.users[0]?.name, 'kubernetes-super-admin');
    assert.equal(k.contexts[0]?.user, 'kubernetes-super-admin');
  });

  test('reads many clusters and users in file-path, token, exec, auth-provider and basic forms', () => {
    const k = parseKubeconfig(`apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.example.com
    certificate-authority: /etc/kubernetes/pki/ca.crt
    tls-server-name: kubernetes
- name: lab
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
users:
- name: files
  user:
    client-certificate: /home/jane/jane.crt
    client-key: /home/jane/jane.key
- name: ci
  user:
    token: c2VjcmV0LXRva2Vu
- name: tokenfile
  user:
    tokenFile: /var/run/token
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token]
- name: oidc
  user:
    auth-provider:
      name: oidc
      config: {id-token: abc}
- name: basic
  user:
    username: admin
    password: hunter2
    as: someone
- name: nothing
contexts:
- name: c1
  context: {cluster: prod, user: files}
current-context: ""
`);
    assert.equal(k.currentContext, undefined);
    assert.deepEqual(k.clusters, [
      {
        name: 'prod',
        server: 'https://prod.example.com',
        caFile: '/etc/kubernetes/pki/ca.crt',
        tlsServerName: 'kubernetes',
        insecureSkipTlsVerify: false,
      },
      { name: 'lab', server: 'https://127.0.0.1:6443', insecureSkipTlsVerify: true },
    ]);
    const byName = new Map(k.users.map((u) => [u.name, u]));
    assert.deepEqual(byName.get('files'), {
      name: 'files',
      clientCertificateFile: '/home/jane/jane.crt',
      clientKeyFile: '/home/jane/jane.key',
      clientKeyPresent: true,
      token: false,
      exec: false,
      basicAuth: false,
    });
    assert.equal(byName.get('files')?.clientKeyPem, undefined);
    assert.equal(byName.get('ci')?.token, true);
    assert.equal(byName.get('tokenfile')?.token, true);
    assert.equal(byName.get('eks')?.exec, true);
    assert.equal(byName.get('eks')?.execCommand, 'aws');
    assert.equal(byName.get('oidc')?.authProvider, 'oidc');
    assert.equal(byName.get('basic')?.basicAuth, true);
    assert.equal(byName.get('basic')?.impersonate, 'someone');
    assert.equal(byName.get('nothing')?.clientKeyPresent, false);
    const dump = JSON.stringify(k);
    for (const secret of ['c2VjcmV0LXRva2Vu', 'hunter2', 'abc']) assert.ok(!dump.includes(secret), secret);
  });

  test('reads kubectl-style empty lists and a JSON kubeconfig', () => {
    const k = parseKubeconfig(
      '{"apiVersion":"v1","kind":"Config","clusters":null,"users":null,"contexts":[],"preferences":{}}',
    );
    assert.deepEqual(k, { clusters: [], users: [], contexts: [] });
  });

  const bad: [string, string, string, Record<string, unknown>?][] = [
    ['an empty file', '', 'kubeconfig/empty'],
    ['a comment only', '# nothing\n', 'kubeconfig/empty'],
    ['a list', '- a\n- b\n', 'kubeconfig/not-a-mapping'],
    ['a scalar', 'hello\n', 'kubeconfig/not-a-mapping'],
    ['another kind', 'apiVersion: v1\nkind: Pod\n', 'kubeconfig/wrong-kind', { field: 'kind' }],
    ['unclosed flow', 'clusters: [\n', 'kubeconfig/yaml-syntax'],
    ['bad indentation', 'users:\n- name: a\n user: {}\n  x: 1\n', 'kubeconfig/yaml-syntax'],
    ['a tab indent', 'users:\n\t- name: a\n', 'kubeconfig/yaml-syntax'],
    ['two documents', 'kind: Config\n---\nkind: Config\n', 'kubeconfig/multiple-documents'],
    ['an undefined alias', 'users: *nope\n', 'kubeconfig/yaml-syntax'],
    ['users as a mapping', 'users: {a: 1}\n', 'kubeconfig/bad-field', { field: 'users' }],
    ['a user entry that is a string', 'users: [x]\n', 'kubeconfig/bad-field', { field: 'users[0]' }],
    ['a user without a name', 'users:\n- user: {}\n', 'kubeconfig/missing-name', { field: 'users[0].name' }],
    [
      'a numeric server',
      'clusters:\n- name: a\n  cluster: {server: 1}\n',
      'kubeconfig/bad-field',
      { field: 'clusters[0].cluster.server' },
    ],
    [
      'a string insecure flag',
      'clusters:\n- name: a\n  cluster: {insecure-skip-tls-verify: "yes"}\n',
      'kubeconfig/bad-field',
    ],
    [
      'a user body that is a list',
      'users:\n- name: a\n  user: []\n',
      'kubeconfig/bad-field',
      { field: 'users[0].user' },
    ],
    ['exec that is a string', 'users:\n- name: a\n  user: {exec: aws}\n', 'kubeconfig/bad-field'],
    [
      'bad base64 in a user',
      'users:\n- name: jane\n  user: {client-key-data: "not base64!"}\n',
      'kubeconfig/bad-base64',
      { user: 'jane', field: 'client-key-data' },
    ],
    [
      'unpadded base64',
      `clusters:\n- name: k\n  cluster: {certificate-authority-data: ${b64(CA).replace(/=+$/, '')}x}\n`,
      'kubeconfig/bad-base64',
      { cluster: 'k', field: 'certificate-authority-data' },
    ],
    [
      'base64 that is not PEM',
      `clusters:\n- name: k\n  cluster: {certificate-authority-data: ${b64('hello')}}\n`,
      'kubeconfig/not-pem',
      { cluster: 'k' },
    ],
    [
      'a key where the certificate goes',
      `users:\n- name: j\n  user: {client-certificate-data: ${b64(KEY)}}\n`,
      'kubeconfig/not-pem',
      { user: 'j', field: 'client-certificate-data' },
    ],
    ['a numeric current-context', 'current-context: 5\n', 'kubeconfig/bad-field'],
    [
      'an unquoted yes as a name, a boolean to kubectl too',
      'users:\n- name: yes\n',
      'kubeconfig/name-not-string',
      { field: 'users[0].name', type: 'boolean', value: 'true' },
    ],
    [
      'an unquoted number as a name, a number to kubectl too',
      'clusters:\n- name: 123\n',
      'kubeconfig/name-not-string',
      { field: 'clusters[0].name', type: 'number', value: '123' },
    ],
  ];
  for (const [what, text, expected, want] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(
        code(() => parseKubeconfig(text)),
        expected,
      );
      const d = details(() => parseKubeconfig(text));
      for (const [k, v] of Object.entries(want ?? {})) assert.equal(d[k], v, k);
    });
  }

  test('names the line of a YAML syntax error', () => {
    const d = details(() => parseKubeconfig('apiVersion: v1\nkind: Config\nclusters: [\n  {name: a\n'));
    assert.equal(typeof d.line, 'number');
    assert.ok((d.line as number) >= 3);
    assert.match(String(d.message), /line \d+/);
  });

  test('accepts base64 wrapped over lines, as Go does', () => {
    const wrapped = b64(CA).replace(/(.{40})/g, '$1\n');
    const k = parseKubeconfig(
      `clusters:\n- name: k\n  cluster:\n    certificate-authority-data: |\n${wrapped
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n')}\n`,
    );
    assert.equal(k.clusters[0]?.caPem, CA);
  });

  test('refuses input over 1 MiB with kubeconfig/too-large before parsing', () => {
    const big = `kind: Config\n#${'x'.repeat(1024 * 1024)}\n`;
    assert.equal(
      code(() => parseKubeconfig(big)),
      'kubeconfig/too-large',
    );
    assert.equal(
      code(() => parseKubeconfig(`#${'é'.repeat(600 * 1024)}`)),
      'kubeconfig/too-large',
    );
  });

  test('stops an alias bomb fast with kubeconfig/too-many-aliases', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(
        `${cur}: &${cur} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const started = performance.now();
    assert.equal(
      code(() => parseKubeconfig(lines.join('\n'))),
      'kubeconfig/too-many-aliases',
    );
    assert.ok(performance.now() - started < 5000, 'an alias bomb must be refused, not expanded');
  });

  test('allows a few aliases, as a hand-written kubeconfig might use', () => {
    const k = parseKubeconfig(
      'clusters:\n- name: a\n  cluster: &c {server: "https://h"}\n- name: b\n  cluster: *c\n',
    );
    assert.equal(k.clusters[1]?.server, 'https://h');
  });

  test('lets a later duplicate key win, as kubectl does', () => {
    assert.equal(parseKubeconfig('current-context: a\ncurrent-context: b\n').currentContext, 'b');
  });

  const heavy: [string, string, string][] = [
    ['deep flow nesting', `${'['.repeat(100000)}${']'.repeat(100000)}`, 'kubeconfig/too-deep'],
    ['deep compact sequences', `${'- '.repeat(100000)}x`, 'kubeconfig/too-deep'],
    ['deep explicit keys', `${'? '.repeat(100000)}x`, 'kubeconfig/too-deep'],
    [
      'a mapping with 200k keys',
      Array.from({ length: 200000 }, (_, i) => `k${i}: 1`)
        .join('\n')
        .slice(0, 1000000),
      'kubeconfig/too-complex',
    ],
  ];
  for (const [what, text, expected] of heavy) {
    test(`refuses ${what} quickly with ${expected}`, () => {
      const started = performance.now();
      assert.equal(
        code(() => parseKubeconfig(text)),
        expected,
      );
      // A hang detector, not a speed test: the unguarded parse takes minutes.
      assert.ok(performance.now() - started < 10_000, `took ${performance.now() - started} ms`);
    });
  }

  test('keeps nested brackets inside quoted strings out of the depth count', () => {
    const k = parseKubeconfig(`users:\n- name: a\n  user:\n    exec: {command: "${'['.repeat(200)}"}\n`);
    assert.equal(k.users[0]?.execCommand, '['.repeat(200));
  });

  test('refuses a value that is not text', () => {
    assert.equal(
      code(() => parseKubeconfig(42 as unknown as string)),
      'kubeconfig/not-text',
    );
  });
});
