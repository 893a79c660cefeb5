// The proxy builder without its DOM (src/recipes/proxy/builder.ts): which settings may not be empty,
// the field a refusal of the texts belongs to, and the identity preview's belief through the proxy and
// around it (the verified user, a spoofed user, a refusal), judged by the request-header authenticator.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type IssuedCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
} from '../../../src/pki/index.ts';
import {
  builderErrorField,
  builderPreview,
  builderTexts,
  DEFAULT_INPUTS,
  missingSettings,
} from '../../../src/recipes/proxy/index.ts';

const filled = {
  mode: 'certificate' as const,
  proxyCn: 'front-proxy-client',
  user: 'jane',
  password: '',
  apiServer: 'https://127.0.0.1:6443',
  apiServerName: 'kubernetes',
};

const refusal = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('no refusal');
};

describe('missingSettings', () => {
  it('names nothing when everything is filled, and the password only for basic auth', () => {
    assert.deepEqual(missingSettings(filled), []);
    assert.deepEqual(missingSettings({ ...filled, mode: 'basic' }), ['password']);
  });
  it('names every empty or blank setting, in the builder’s order', () => {
    assert.deepEqual(
      missingSettings({
        mode: 'basic',
        proxyCn: ' ',
        user: '',
        password: '',
        apiServer: '\t',
        apiServerName: '',
      }),
      ['proxyCn', 'user', 'password', 'apiServer', 'apiServerName'],
    );
  });
});

describe('builderErrorField', () => {
  it('puts a bad API server at its field', () => {
    const e = refusal(() => builderTexts({ ...DEFAULT_INPUTS, apiServer: 'http://127.0.0.1:6443' }, 'en'));
    assert.equal(builderErrorField(e, 'certificate'), 'apiServer');
  });
  it('puts an unsafe proxy_ssl_name at the API server name', () => {
    const e = refusal(() => builderTexts({ ...DEFAULT_INPUTS, apiServerName: 'kube;rnetes' }, 'en'));
    assert.equal(builderErrorField(e, 'certificate'), 'apiServerName');
  });
  it('puts a basic-auth user or group nginx cannot take at the user or the groups', () => {
    const basic = { ...DEFAULT_INPUTS, mode: 'basic' as const, password: 'pw', groups: ['dev'] };
    const user = refusal(() => builderTexts({ ...basic, user: 'ja ne' }, 'en'));
    assert.equal(builderErrorField(user, 'basic'), 'user');
    const group = refusal(() => builderTexts({ ...basic, groups: ['dev ops'] }, 'en'));
    assert.equal(builderErrorField(group, 'basic'), 'groups');
  });
  it('falls back to the user (basic auth) or the API server name', () => {
    assert.equal(builderErrorField(new Error('x'), 'basic'), 'user');
    assert.equal(builderErrorField(undefined, 'certificate'), 'apiServerName');
  });
});

describe('builderPreview', () => {
  let ca: IssuedCertificate;
  let proxyCert: IssuedCertificate;
  before(async () => {
    ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    proxyCert = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, ca);
  });
  const certs = () => ({ caPem: ca.certificatePem, clientPem: proxyCert.certificatePem });

  it('through the safe proxy the verified user is believed; around it the client’s header is too, spoofed', async () => {
    const p = await builderPreview({
      inputs: DEFAULT_INPUTS,
      spoofUser: 'admin',
      spoofGroup: 'system:masters',
      certs: certs(),
    });
    assert.equal(p.through.belief, 'believed');
    assert.equal(p.through.verdict.user?.username, 'jane');
    assert.ok(p.through.headers.some(([n, v]) => n === 'X-Remote-User' && v === 'jane'));
    assert.equal(p.around.belief, 'spoofed');
    assert.equal(p.around.verdict.user?.username, 'admin');
    assert.ok(!p.around.headers.some(([n]) => n === 'Accept'));
  });
  it('with the pitfall, the client’s X-Remote-User is believed through the proxy', async () => {
    const p = await builderPreview({
      inputs: { ...DEFAULT_INPUTS, trust: true },
      spoofUser: 'admin',
      spoofGroup: '',
      certs: certs(),
    });
    assert.equal(p.through.belief, 'spoofed');
    assert.equal(p.through.verdict.user?.username, 'admin');
  });
  it('a CN the API server does not allow is refused, with kubectl’s 401', async () => {
    const p = await builderPreview({
      inputs: { ...DEFAULT_INPUTS, allowedNames: ['someone-else'] },
      spoofUser: '',
      spoofGroup: '',
      certs: certs(),
    });
    assert.equal(p.through.belief, 'refused');
    assert.match(p.through.whoami, /Unauthorized/);
  });
});
