// Impersonation, judged by real kubectl against the stand-in's impersonation filter: `kubectl
// --as/--as-group/--as-uid` with bob's client certificate and a ClusterRole that allows bob to
// impersonate exactly jane and the group devs. Allowed impersonations print the engine's whoami;
// refused ones print kube-apiserver's 403 text as the engine writes it; a group without a user is
// the filter's 500.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueClientCertificate, issueRootCa, issueServerCertificate } from '../../src/pki/index.ts';
import { impersonate, type RbacObject } from '../../src/tokens/impersonation-authorize.ts';
import { impersonationHeaders, type KubectlImpersonation } from '../../src/tokens/impersonation-headers.ts';
import { whoamiForUser } from '../../src/tokens/index.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { curlTls } from '../support/standin-client.ts';
import { BOB, bobImpersonatesJane } from '../support/token-impersonation.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'kubectl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the impersonation tests need ${missing.join(', ')}`);

const RBAC: RbacObject[] = bobImpersonatesJane({
  verbs: ['impersonate'],
  apiGroups: ['authentication.k8s.io'],
  resources: ['uids'],
  resourceNames: ['u-1'],
});

const flagsOf = (f: KubectlImpersonation) => [
  ...(f.as ? [`--as=${f.as}`] : []),
  ...(f.asGroups ?? []).map((g) => `--as-group=${g}`),
  ...(f.asUid ? [`--as-uid=${f.asUid}`] : []),
];

const CASES: KubectlImpersonation[] = [
  { as: 'jane' },
  { as: 'jane', asGroups: ['devs'] },
  { as: 'jane', asUid: 'u-1', asGroups: ['devs'] },
  { as: 'admin' },
  { as: 'jane', asGroups: ['system:masters'] },
  { as: 'jane', asUid: 'someone-else' },
  { as: 'system:serviceaccount:dev:builder' },
];

describe('kubectl --as against the stand-in: kube-apiserver’s answers, as the engine predicts', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let standin: Standin;
  const kubectl = (...args: string[]) => {
    const r = spawnSync(
      'kubectl',
      [
        '--kubeconfig',
        join(dir, 'empty.kubeconfig'),
        `--server=${standin.url}`,
        `--certificate-authority=${join(dir, 'ca.pem')}`,
        `--client-certificate=${join(dir, 'bob.pem')}`,
        `--client-key=${join(dir, 'bob-key.pem')}`,
        ...args,
      ],
      { encoding: 'utf8', stdin: 'ignore' } as never,
    );
    return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-impersonation-'));
    const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    const server = await issueServerCertificate(
      { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
      ca,
    );
    const bob = await issueClientCertificate({ subject: { commonName: 'bob' }, algorithm: 'ECDSA-P256' }, ca);
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
    writeFileSync(join(dir, 'server.pem'), server.certificatePem);
    writeFileSync(join(dir, 'server-key.pem'), server.privateKeyPem);
    writeFileSync(join(dir, 'bob.pem'), bob.certificatePem);
    writeFileSync(join(dir, 'bob-key.pem'), bob.privateKeyPem);
    writeFileSync(join(dir, 'empty.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    writeFileSync(join(dir, 'rbac.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: RBAC }));
    standin = await startStandin(dir, {
      cert: join(dir, 'server.pem'),
      key: join(dir, 'server-key.pem'),
      clientCa: join(dir, 'ca.pem'),
      rbacFile: join(dir, 'rbac.json'),
    });
  });
  after(() => {
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const flags of CASES) {
    const v = impersonate({ requester: BOB, headers: impersonationHeaders(flags), rbac: RBAC });
    const name =
      v.outcome === 'impersonated'
        ? `${flagsOf(flags).join(' ')}: allowed, whoami shows ${v.user.username} ${JSON.stringify(v.user.groups)}`
        : `${flagsOf(flags).join(' ')}: refused with 403`;
    it(name, () => {
      if (v.outcome === 'impersonated') {
        const r = kubectl(...flagsOf(flags), 'auth', 'whoami');
        assert.equal(r.stderr, '');
        assert.equal(r.stdout, whoamiForUser(v.user));
      } else {
        assert.equal(v.outcome, 'forbidden');
        const r = kubectl(...flagsOf(flags), 'get', '--raw', '/api');
        assert.equal(r.status, 1);
        assert.equal(
          r.stderr.trim(),
          `Error from server (Forbidden): ${v.outcome === 'forbidden' ? v.message : ''}`,
        );
      }
    });
  }

  it('answers a group without a user with the filter’s 500 text', () => {
    const v = impersonate({
      requester: BOB,
      headers: [['Impersonate-Group', 'devs']],
      rbac: RBAC,
      requestUri: '/api',
    });
    const r = spawnSync(
      'curl',
      [
        '-sS',
        '-w',
        '%{http_code}',
        ...curlTls(dir, 'ca', 'bob'),
        '-H',
        'Impersonate-Group: devs',
        `${standin.url}/api`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(v.outcome, 'error');
    assert.equal(r.stdout, `${v.outcome === 'error' ? v.message : ''}\n500`);
  });
});
