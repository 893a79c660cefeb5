// Random and mutated input into the part-5 engine: whatever comes in, only LabError may come out,
// and the authenticator and the impersonation filter never throw at all. Deterministic.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type IssuedCertificate, issueFrontProxyCa, LabError } from '../../../src/pki/index.ts';
import { proxyConfig, writeHtpasswd } from '../../../src/recipes/proxy/index.ts';
import {
  type HttpHeaders,
  impersonate,
  impersonationHeaders,
  readIdentityHeaders,
  readRbacTable,
  requestHeaderAuthenticator,
  resolveRequestHeaderConfig,
} from '../../../src/tokens/index.ts';
import { onlyLabErrorsSync, prng } from '../../support/fuzz.ts';

const rnd = prng(20261206);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const PIECES = [
  'X-Remote-',
  'Impersonate-',
  'User',
  'Group',
  'Extra-',
  'Uid',
  '%',
  '%2F',
  '%zz',
  ',',
  ':',
  ' ',
  '',
  'é',
  '\u0000',
  'system:serviceaccount:',
  'a',
];
const word = () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(PIECES)).join('');
const headers = (): HttpHeaders =>
  Array.from(
    { length: Math.floor(rnd() * 6) },
    () => [pick(['Impersonate-User', 'Impersonate-Extra-a%2F', 'X-Remote-User', word()]), word()] as const,
  );

describe('part-5 engine under random input', () => {
  let ca: IssuedCertificate;
  before(async () => {
    ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
  });
  it('reads random headers and random RBAC JSON with nothing but LabError', () => {
    const rbacTexts = [
      '{',
      '[]',
      '{"items":[null,1,"x",{"kind":"ClusterRole","metadata":{"name":"r"},"rules":[null,{"verbs":"x"}]}]}',
      '{"items":[{"kind":"RoleBinding","metadata":{"name":1}}]}',
      '{"items":[{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"r"},"subjects":[null,{"kind":"User"},{"kind":"Group","name":"g"}]},{"kind":"ClusterRole","metadata":{"name":"r"},"rules":[{"verbs":"x","resources":7},{"verbs":["*"],"apiGroups":["*"],"resources":["*"],"resourceNames":"n"}]}]}',
    ];
    for (let i = 0; i < 300; i++) {
      const h = headers();
      onlyLabErrorsSync(() => readIdentityHeaders(h));
      onlyLabErrorsSync(() =>
        resolveRequestHeaderConfig({ usernameHeaders: [word()], groupHeaders: [word()] }),
      );
      onlyLabErrorsSync(() =>
        impersonationHeaders({ as: word(), asGroups: [word()], asUserExtra: [word()] }),
      );
      let rbac: ReturnType<typeof readRbacTable> = [];
      onlyLabErrorsSync(() => {
        rbac = readRbacTable(pick(rbacTexts));
      });
      const v = impersonate({
        requester: { username: word(), uid: '', groups: [word(), 'g'], extra: {} },
        headers: h,
        rbac,
      });
      assert.ok(['none', 'impersonated', 'forbidden', 'error'].includes(v.outcome));
    }
  });
  it('the authenticator answers random certificates and headers without throwing', async () => {
    const a = requestHeaderAuthenticator({ clientCaPem: ca.certificatePem });
    const pem = ca.certificatePem;
    for (let i = 0; i < 60; i++) {
      const cut = Math.floor(rnd() * pem.length);
      const broken = rnd() < 0.5 ? pem.slice(0, cut) : `${pem.slice(0, cut)}${word()}${pem.slice(cut + 1)}`;
      const v = await a.authenticate({ headers: headers(), peerCertificatesPem: broken });
      assert.ok(['ok', 'error', 'not-mine'].includes(v.kind));
    }
  });
  it('the proxy recipes refuse bad values with LabError only', async () => {
    for (let i = 0; i < 100; i++) {
      onlyLabErrorsSync(() =>
        proxyConfig({
          mode: pick(['certificate', 'basic'] as const),
          apiServer: `https://${word()}`,
          serverName: word(),
          users: [{ name: word(), password: word(), groups: [word()] }],
        }),
      );
      await writeHtpasswd([{ name: word(), password: word() }]).catch((e) =>
        assert.ok(e instanceof LabError, String(e)),
      );
    }
  });
});
