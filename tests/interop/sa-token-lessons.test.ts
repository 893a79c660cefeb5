// The outputs part 2's lessons 4 and 5 print after their commands are what real kubectl prints
// against the Go stand-in for kube-apiserver's authentication (tests/interop/go/apiserver), given
// service-account tokens with the lessons' own values (namespace lab, service account builder, its
// UID, the pod web-0 on node-1, the jti): `kubectl --token … auth whoami` for a `kubectl create
// token` token and for a pod's token, `kubectl get pods` before and after the service account may
// list pods, and the 401 once the pod a token is bound to is gone. Each output must appear, as a
// whole, in both the English and the Korean page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportPublicKeyPem, generateKeyPair } from '../../src/pki/index.ts';
import {
  boundServiceAccountClaims,
  type ClusterObject,
  clusterObjectsJson,
  KUBECTL_401,
  signJwt,
} from '../../src/tokens/index.ts';
import { makeLeaf } from '../support/openssl.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { makeApiserverCertificates } from '../support/standin-certs.ts';
import { kubectlWithToken } from '../support/standin-client.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'openssl', 'kubectl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the lesson output tests need ${missing.join(', ')}`);

/** The values lessons 4 and 5 use. */
export const LESSON = {
  issuer: 'https://kubernetes.default.svc.cluster.local',
  namespace: 'lab',
  serviceAccount: { name: 'builder', uid: '7f3c2a1e-5b8d-4e6f-9a0b-1c2d3e4f5a6b' },
  createTokenJti: '3c9e6f0a-8b1d-4c2e-a5f7-0d9b8e7c6a51',
  pod: { name: 'web-0', uid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
  node: { name: 'node-1', uid: '9f8e7d6c-5b4a-4321-8fed-cba987654321' },
  podTokenJti: 'e4d3c2b1-a098-4f7e-8d6c-5b4a39281706',
};

const page = (lang: '' | 'ko/', n: '04-service-account-tokens' | '05-check-it-and-limits') =>
  readFileSync(new URL(`../../content/${lang}bearer-tokens/${n}.mdx`, import.meta.url), 'utf8');

function assertOnPages(n: '04-service-account-tokens' | '05-check-it-and-limits', output: string) {
  const text = output.trimEnd();
  assert.notEqual(text, '');
  for (const lang of ['', 'ko/'] as const) {
    assert.ok(page(lang, n).includes(text), `content/${lang}bearer-tokens/${n}.mdx shows:\n${text}`);
  }
}

describe('the outputs lessons 4 and 5 of part 2 print, as kubectl prints them against the stand-in', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let closed: Standin;
  let open: Standin;
  let createToken = '';
  let podToken = '';
  const objects: ClusterObject[] = [
    {
      kind: 'ServiceAccount',
      metadata: { name: 'builder', namespace: 'lab', uid: LESSON.serviceAccount.uid },
    },
    { kind: 'Pod', metadata: { name: 'web-0', namespace: 'lab', uid: LESSON.pod.uid } },
    { kind: 'Node', metadata: { name: 'node-1', uid: LESSON.node.uid } },
  ];

  const kubectl = (server: Standin, token: string, ...args: string[]) =>
    kubectlWithToken(dir, server.url, join(dir, 'ca.crt'), token, ...args);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-sa-lessons-'));
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    makeApiserverCertificates(dir);
    makeLeaf(dir, 'ca', 'admin', '/CN=kubernetes-admin/O=kubeadm:cluster-admins', [
      'extendedKeyUsage=clientAuth',
    ]);
    const key = await generateKeyPair('RSA-2048');
    writeFileSync(join(dir, 'sa.pub'), await exportPublicKeyPem(key.publicKey));
    writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects));
    const sa = {
      issuer: LESSON.issuer,
      namespace: LESSON.namespace,
      serviceAccount: LESSON.serviceAccount,
    };
    createToken = await signJwt({
      claims: boundServiceAccountClaims({ ...sa, jti: LESSON.createTokenJti }),
      privateKey: key.privateKey,
    });
    podToken = await signJwt({
      claims: boundServiceAccountClaims({
        ...sa,
        jti: LESSON.podTokenJti,
        expirationSeconds: 3607,
        bound: { kind: 'Pod', ...LESSON.pod },
        podNode: LESSON.node,
      }),
      privateKey: key.privateKey,
    });
    const common = {
      cert: join(dir, 'apiserver.crt'),
      key: join(dir, 'apiserver.key'),
      clientCa: join(dir, 'ca.crt'),
      objectsFile: join(dir, 'objects.json'),
      serviceAccountKeyFiles: [join(dir, 'sa.pub')],
      serviceAccountIssuers: [LESSON.issuer],
      // No success cache: the pod's deletion shows at once (kube-apiserver: within 10 s).
      tokenCacheTtl: '0s',
    };
    closed = await startStandin(dir, { ...common, allowGroups: [] });
    open = await startStandin(dir, { ...common, allowGroups: ['system:serviceaccounts:lab'] });
  });

  after(() => {
    closed?.stop();
    open?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lesson 4: kubectl auth whoami with a kubectl create token token', () => {
    const r = kubectl(closed, createToken, 'auth', 'whoami');
    assert.equal(r.status, 0, r.stderr);
    assertOnPages('04-service-account-tokens', r.stdout);
  });

  it('lesson 4: kubectl auth whoami with a pod’s token (pod and node extras)', () => {
    const r = kubectl(closed, podToken, 'auth', 'whoami');
    assert.equal(r.status, 0, r.stderr);
    assertOnPages('04-service-account-tokens', r.stdout);
  });

  it('lesson 5: the same whoami, then get pods refused by authorization and allowed after the binding', () => {
    const who = kubectl(closed, createToken, 'auth', 'whoami');
    assertOnPages('05-check-it-and-limits', who.stdout);
    const before = kubectl(closed, createToken, 'get', 'pods', '-n', 'lab');
    assert.notEqual(before.status, 0);
    assertOnPages('05-check-it-and-limits', before.stderr);
    const afterBinding = kubectl(open, createToken, 'get', 'pods', '-n', 'lab');
    assert.equal(afterBinding.status, 0, afterBinding.stderr);
    assertOnPages('05-check-it-and-limits', afterBinding.stdout + afterBinding.stderr);
  });

  it('lesson 5: a pod’s token is refused once the pod is gone, with kubectl’s 401 message', () => {
    assert.equal(kubectl(closed, podToken, 'auth', 'whoami').status, 0);
    writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects.filter((o) => o.kind !== 'Pod')));
    try {
      const r = kubectl(closed, podToken, 'auth', 'whoami');
      assert.notEqual(r.status, 0);
      assert.equal(r.stderr.trim(), KUBECTL_401.whoami);
      assertOnPages('05-check-it-and-limits', r.stderr);
    } finally {
      writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects));
    }
  });

  it('lesson 5: kubectl get with a refused token ends with one of the two 401 lines the page shows', () => {
    writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects.filter((o) => o.kind !== 'Pod')));
    try {
      for (const cache of ['fresh', 'warm']) {
        const r = kubectl(closed, podToken, 'get', 'pods', '-n', 'lab');
        assert.notEqual(r.status, 0, cache);
        const last = r.stderr.trim().split('\n').at(-1) ?? '';
        assert.ok(Object.values(KUBECTL_401).includes(last as never), r.stderr);
      }
      assertOnPages('05-check-it-and-limits', `${KUBECTL_401.whoami}\n${KUBECTL_401.get}`);
    } finally {
      writeFileSync(join(dir, 'objects.json'), clusterObjectsJson(objects));
    }
  });

  it('the pages’ commands, run as printed with an admin kubeconfig that holds a client certificate, print the pages’ output', () => {
    // The admin's kubeconfig, as kubeadm's admin.conf: the cluster CA and a client certificate the
    // stand-in accepts. kubectl --token alone would still send it, and be the admin.
    const admin = join(dir, 'admin.conf');
    const k = (...a: string[]) => {
      const r = spawnSync('kubectl', ['--kubeconfig', admin, ...a], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    k(
      'config',
      'set-cluster',
      'lab',
      `--server=${closed.url}`,
      '--certificate-authority=ca.crt',
      '--embed-certs',
    );
    k(
      'config',
      'set-credentials',
      'admin',
      '--client-certificate=admin.crt',
      '--client-key=admin.key',
      '--embed-certs',
    );
    k('config', 'set-context', 'admin@lab', '--cluster=lab', '--user=admin');
    k('config', 'use-context', 'admin@lab');
    assert.match(
      k('--token', createToken, 'auth', 'whoami'),
      /kubernetes-admin/,
      'the certificate wins over --token',
    );
    for (const n of ['04-service-account-tokens', '05-check-it-and-limits'] as const) {
      for (const lang of ['', 'ko/'] as const) {
        const blocks = [...page(lang, n).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
        const server = blocks.find((b) => b.startsWith('SERVER=') || b.includes('\nSERVER='));
        const whoami = blocks.find((b) =>
          /^kubectl --kubeconfig=\/dev\/null .*--token="\$TOKEN" auth whoami$/m.test(b),
        );
        assert.ok(
          server && whoami,
          `content/${lang}bearer-tokens/${n}.mdx has the SERVER and whoami commands`,
        );
        const script = [
          ...server.split('\n').filter((l) => /^(SERVER=|kubectl config view)/.test(l)),
          whoami.split('\n').find((l) => /auth whoami$/.test(l)),
        ].join('\n');
        const r = spawnSync('bash', ['-ec', script], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, KUBECONFIG: admin, TOKEN: createToken, HOME: dir },
        });
        assert.equal(r.status, 0, r.stderr);
        assertOnPages(n, r.stdout);
        assert.match(r.stdout, /system:serviceaccount:lab:builder/);
      }
    }
  });
});
