// The engine and the stand-in read the same proxied and impersonating requests alike: curl sends
// a table of header sets with the front-proxy client certificate straight to the stand-in (its
// request-header authenticator with username, uid and group headers and an extra prefix, then its
// impersonation filter), and the user in its SelfSubjectReview equals the one the engine derives
// (authenticateFullRequest, then impersonate) — or both refuse with the same status.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type IssuedCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
  issueServerCertificate,
} from '../../src/pki/index.ts';
import {
  authenticateFullRequest,
  type HttpHeaders,
  impersonate,
  type RbacObject,
  type RequestHeaderConfig,
  requestHeaderAuthenticator,
  type UserInfo,
} from '../../src/tokens/index.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const missing = ['go', 'curl'].filter((t) => !hasTool(t));
if (missing.length && inCI)
  throw new Error(`CI=true and the stand-in header tests need ${missing.join(', ')}`);

const CONFIG: RequestHeaderConfig = {
  allowedNames: ['front-proxy-client'],
  usernameHeaders: ['X-Remote-User', 'X-Proxy-User'],
  uidHeaders: ['X-Remote-Uid'],
  groupHeaders: ['X-Remote-Group', 'X-Proxy-Group'],
  extraHeaderPrefixes: ['X-Remote-Extra-', 'X-Proxy-Extra-'],
};
const RBAC: RbacObject[] = [
  {
    kind: 'ClusterRole',
    metadata: { name: 'impersonator' },
    rules: [
      { verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] },
      { verbs: ['impersonate'], apiGroups: ['authentication.k8s.io'], resources: ['userextras/*'] },
    ],
  },
  {
    kind: 'ClusterRoleBinding',
    metadata: { name: 'admins-impersonate' },
    roleRef: { kind: 'ClusterRole', name: 'impersonator' },
    subjects: [{ kind: 'Group', name: 'impersonators' }],
  },
];

const CASES: { name: string; headers: HttpHeaders }[] = [
  {
    name: 'the documented example',
    headers: [
      ['X-Remote-User', 'fido'],
      ['X-Remote-Group', 'dogs'],
      ['X-Remote-Group', 'dachshunds'],
      ['X-Remote-Extra-Acme.com%2Fproject', 'some-project'],
      ['X-Remote-Extra-Scopes', 'openid'],
      ['X-Remote-Extra-Scopes', 'profile'],
    ],
  },
  {
    name: 'a comma in a group is one group',
    headers: [
      ['X-Remote-User', 'a'],
      ['X-Remote-Group', 'x,y'],
    ],
  },
  {
    name: 'an empty group value is left out',
    headers: [
      ['X-Remote-User', 'a'],
      ['X-Remote-Group', ''],
      ['X-Proxy-Group', 'z'],
    ],
  },
  {
    name: 'the second username header when the first is empty',
    headers: [
      ['X-Remote-User', ''],
      ['X-Proxy-User', 'second'],
      ['X-Remote-Uid', 'u-7'],
    ],
  },
  {
    name: 'lower-case names and a second extra prefix',
    headers: [
      ['x-remote-user', 'low'],
      ['x-proxy-extra-team', 'blue'],
      ['X-REMOTE-EXTRA-Team', 'red'],
    ],
  },
  {
    name: 'a malformed escape keeps the key as it is',
    headers: [
      ['X-Remote-User', 'a'],
      ['X-Remote-Extra-Bad%zzKey', 'v'],
    ],
  },
  { name: 'no username header: not the proxy’s, anonymous', headers: [['X-Remote-Group', 'g']] },
  {
    name: 'impersonation by a proxied user',
    headers: [
      ['X-Remote-User', 'boss'],
      ['X-Remote-Group', 'impersonators'],
      ['Impersonate-User', 'jane'],
      ['Impersonate-Group', 'devs'],
      ['Impersonate-Extra-Acme.com%2Fteam', 'blue'],
    ],
  },
  {
    name: 'impersonating an invalid service-account name is a user',
    headers: [
      ['X-Remote-User', 'boss'],
      ['X-Remote-Group', 'impersonators'],
      ['Impersonate-User', 'system:serviceaccount:Bad:x'],
    ],
  },
  {
    name: 'impersonation refused',
    headers: [
      ['X-Remote-User', 'nobody'],
      ['Impersonate-User', 'jane'],
    ],
  },
];

/** The stand-in's JSON of a user (omitempty uid, groups, extra). */
function asJson(u: UserInfo): Record<string, unknown> {
  return {
    username: u.username,
    ...(u.uid ? { uid: u.uid } : {}),
    ...(u.groups.length ? { groups: u.groups } : {}),
    ...(Object.keys(u.extra).length ? { extra: u.extra } : {}),
  };
}

describe('the engine and the stand-in read proxied and impersonating headers alike', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let standin: Standin;
  let proxyCa: IssuedCertificate;
  let client: IssuedCertificate;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-rh-headers-'));
    const cluster = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    const server = await issueServerCertificate(
      { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
      cluster,
    );
    proxyCa = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    client = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, proxyCa);
    const files: Record<string, string> = {
      'ca.pem': cluster.certificatePem,
      'server.pem': server.certificatePem,
      'server-key.pem': server.privateKeyPem,
      'front-proxy-ca.pem': proxyCa.certificatePem,
      'proxy.pem': client.certificatePem,
      'proxy-key.pem': client.privateKeyPem,
      'rbac.json': JSON.stringify({ kind: 'List', items: RBAC }),
    };
    for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
    standin = await startStandin(dir, {
      cert: join(dir, 'server.pem'),
      key: join(dir, 'server-key.pem'),
      rbacFile: join(dir, 'rbac.json'),
      requestHeaderFlags: {
        'requestheader-client-ca-file': join(dir, 'front-proxy-ca.pem'),
        'requestheader-allowed-names': CONFIG.allowedNames!.join(','),
        'requestheader-username-headers': CONFIG.usernameHeaders!.join(','),
        'requestheader-uid-headers': CONFIG.uidHeaders!.join(','),
        'requestheader-group-headers': CONFIG.groupHeaders!.join(','),
        'requestheader-extra-headers-prefix': CONFIG.extraHeaderPrefixes!.join(','),
      },
    });
  });
  after(() => {
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES)
    it(c.name, async () => {
      const args = c.headers.flatMap(([n, v]) => ['-H', v === '' ? `${n};` : `${n}: ${v}`]);
      const r = spawnSync(
        'curl',
        [
          '-sS',
          '-w',
          '\n%{http_code}',
          '--cacert',
          join(dir, 'ca.pem'),
          '--cert',
          join(dir, 'proxy.pem'),
          '--key',
          join(dir, 'proxy-key.pem'),
          '-X',
          'POST',
          ...args,
          `${standin.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
        ],
        { encoding: 'utf8' },
      );
      const body = r.stdout.slice(0, r.stdout.lastIndexOf('\n'));
      const code = Number(r.stdout.slice(r.stdout.lastIndexOf('\n') + 1));
      const authn = await authenticateFullRequest({
        request: { headers: c.headers, peerCertificatesPem: client.certificatePem },
        requestAuthenticators: [
          requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem, config: CONFIG }),
        ],
      });
      assert.ok(authn.user);
      if (authn.outcome === 'anonymous') {
        assert.equal(code, 403);
        return;
      }
      const v = impersonate({ requester: authn.user, headers: c.headers, rbac: RBAC });
      if (v.outcome === 'forbidden') {
        assert.equal(code, 403);
        assert.equal(JSON.parse(body).message, v.message);
        return;
      }
      assert.equal(code, 201, body);
      const user = v.outcome === 'impersonated' ? v.user : authn.user;
      assert.deepEqual(JSON.parse(body).status.userInfo, asJson(user));
    });
});
