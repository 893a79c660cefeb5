// The front proxy as kube-apiserver reads it: the proxy's certificate (front-proxy CA, client
// auth, CN in the allowed names), then the X-Remote-* headers (groups never split on commas,
// extras lower-cased and unescaped), in the request union before the tokens.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  FRONT_PROXY_CLIENT_CN,
  type IssuedCertificate,
  inspectCertificate,
  isLabError,
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
} from '../../../src/pki/index.ts';
import { authenticateFullRequest } from '../../../src/tokens/request-header-authenticate.ts';
import {
  canonicalHeaderKey,
  goPathUnescape,
  readIdentityHeaders,
  requestHeaderAuthenticator,
} from '../../../src/tokens/request-header-authenticator.ts';
import {
  checkRequestHeaderCas,
  OVERLAPPING_CA_ERROR,
  requestHeaderFindings,
  requestHeaderFlags,
  resolveRequestHeaderConfig,
} from '../../../src/tokens/request-header-config.ts';

describe('request-header configuration', () => {
  it('defaults to what kubeadm writes into the kube-apiserver manifest', () => {
    assert.deepEqual(requestHeaderFlags(), [
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-username-headers=X-Remote-User',
    ]);
  });
  it('writes empty allowed names and the uid header when asked, and names the risks', () => {
    const config = { allowedNames: [], uidHeaders: ['X-Remote-Uid'] };
    assert.ok(requestHeaderFlags(config).includes('--requestheader-allowed-names='));
    assert.ok(requestHeaderFlags(config).includes('--requestheader-uid-headers=X-Remote-Uid'));
    assert.deepEqual(requestHeaderFindings(config), [
      { code: 'any-cn', flag: 'requestheader-allowed-names' },
    ]);
    assert.deepEqual(requestHeaderFindings({ usernameHeaders: ['X-Proxy-User'] }), [
      { code: 'aggregation-headers', flag: 'requestheader-username-headers' },
    ]);
  });
  it('refuses an empty header name as trimHeaders does', () => {
    assert.throws(
      () => resolveRequestHeaderConfig({ groupHeaders: ['X-Remote-Group', '  '] }),
      (e) => isLabError(e, 'requestheader/empty-header') && e.details.flag === 'requestheader-group-headers',
    );
  });
});

describe('headers read as Go reads them', () => {
  it('canonicalises names like textproto', () => {
    assert.equal(canonicalHeaderKey('x-remote-user'), 'X-Remote-User');
    assert.equal(
      canonicalHeaderKey('X-REMOTE-EXTRA-acme.com%2Fproject'),
      'X-Remote-Extra-Acme.com%2fproject',
    );
    assert.equal(canonicalHeaderKey('bad header'), 'bad header');
  });
  it('unescapes like url.PathUnescape and refuses a broken escape', () => {
    assert.equal(goPathUnescape('acme.com%2fproject'), 'acme.com/project');
    assert.equal(goPathUnescape('a%zz'), undefined);
    assert.equal(goPathUnescape('a%2'), undefined);
  });
  it('reads the documented example: groups per value, extras lower-cased and unescaped', () => {
    const user = readIdentityHeaders([
      ['X-Remote-User', 'fido'],
      ['X-Remote-Group', 'dogs'],
      ['X-Remote-Group', 'dachshunds'],
      ['X-Remote-Group', 'a,b'],
      ['X-Remote-Extra-Acme.com%2Fproject', 'some-project'],
      ['X-Remote-Extra-Scopes', 'openid'],
      ['x-remote-extra-scopes', 'profile'],
      ['X-Remote-Extra-Bad%zz', 'kept'],
    ]);
    assert.deepEqual(user, {
      username: 'fido',
      uid: '',
      groups: ['dogs', 'dachshunds', 'a,b'],
      extra: { 'acme.com/project': ['some-project'], scopes: ['openid', 'profile'], 'bad%zz': ['kept'] },
    });
  });
  it('takes the first non-empty username header in flag order, and the uid only from a uid header', () => {
    const config = { usernameHeaders: ['X-A', 'X-B'], uidHeaders: ['X-Remote-Uid'] };
    const user = readIdentityHeaders(
      [
        ['X-A', ''],
        ['X-B', 'second'],
        ['X-Remote-Uid', 'u-1'],
      ],
      config,
    );
    assert.equal(user?.username, 'second');
    assert.equal(user?.uid, 'u-1');
    assert.equal(readIdentityHeaders([['X-Remote-Group', 'g']]), undefined);
  });
});

describe('the proxy certificate', () => {
  let proxyCa: IssuedCertificate;
  let proxyClient: IssuedCertificate;
  let otherCn: IssuedCertificate;
  let clientCa: IssuedCertificate;
  let userCert: IssuedCertificate;
  before(async () => {
    proxyCa = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    proxyClient = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, proxyCa);
    otherCn = await issueFrontProxyClientCertificate(
      { commonName: 'not-the-proxy', algorithm: 'ECDSA-P256' },
      proxyCa,
    );
    clientCa = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    userCert = await issueClientCertificate(
      { subject: { commonName: 'front-proxy-client' }, algorithm: 'ECDSA-P256' },
      clientCa,
    );
  });
  const headers = [
    ['X-Remote-User', 'jane'],
    ['X-Remote-Group', 'devs'],
  ] as const;

  it("is kubeadm's profile: CN front-proxy-client, client auth, no O", async () => {
    const info = await inspectCertificate(proxyClient.certificatePem);
    assert.equal(FRONT_PROXY_CLIENT_CN, 'front-proxy-client');
    assert.match(JSON.stringify(info), /front-proxy-client/);
    assert.match(JSON.stringify(info), /clientAuth|1\.3\.6\.1\.5\.5\.7\.3\.2/);
    assert.doesNotMatch(JSON.stringify(info.subject), /"O"/);
  });
  it('from the front-proxy CA with an allowed CN, makes the headers the user', async () => {
    const a = requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem });
    const v = await a.authenticate({ headers, peerCertificatesPem: proxyClient.certificatePem });
    assert.deepEqual(v, { kind: 'ok', user: { username: 'jane', uid: '', groups: ['devs'], extra: {} } });
  });
  it('refuses a CN that is not allowed, with kube-apiserver’s error', async () => {
    const a = requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem });
    const v = await a.authenticate({ headers, peerCertificatesPem: otherCn.certificatePem });
    assert.deepEqual(v, {
      kind: 'error',
      error: 'x509: subject with cn=not-the-proxy is not in the allowed list',
    });
  });
  it('accepts any CN of that CA when allowed names are empty', async () => {
    const a = requestHeaderAuthenticator({
      clientCaPem: proxyCa.certificatePem,
      config: { allowedNames: [] },
    });
    const v = await a.authenticate({ headers, peerCertificatesPem: otherCn.certificatePem });
    assert.equal(v.kind, 'ok');
  });
  it('refuses a certificate of another CA even with the allowed CN', async () => {
    const a = requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem });
    const v = await a.authenticate({ headers, peerCertificatesPem: userCert.certificatePem });
    assert.equal(v.kind, 'error');
    assert.match(
      v.kind === 'error' ? v.error : '',
      /^verifying certificate SN=\d+, SKID=[0-9A-F:]*, AKID=[0-9A-F:]+ failed: x509: certificate signed by unknown authority/,
    );
  });
  it('is not mine without a certificate or without a username header', async () => {
    const a = requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem });
    assert.equal((await a.authenticate({ headers })).kind, 'not-mine');
    assert.equal(
      (
        await a.authenticate({
          headers: [['X-Remote-Group', 'g']],
          peerCertificatesPem: proxyClient.certificatePem,
        })
      ).kind,
      'not-mine',
    );
  });
  it('in the chain: an error is a 401 unless something else succeeds; no credential is anonymous', async () => {
    const requestAuthenticators = [requestHeaderAuthenticator({ clientCaPem: proxyCa.certificatePem })];
    const ok = await authenticateFullRequest({
      request: { headers, peerCertificatesPem: proxyClient.certificatePem },
      requestAuthenticators,
    });
    assert.equal(ok.outcome, 'authenticated');
    assert.deepEqual(ok.user?.groups, ['devs', 'system:authenticated']);
    const refused = await authenticateFullRequest({
      request: { headers, peerCertificatesPem: otherCn.certificatePem },
      requestAuthenticators,
    });
    assert.equal(refused.outcome, 'unauthorized');
    assert.equal(refused.error, 'x509: subject with cn=not-the-proxy is not in the allowed list');
    const none = await authenticateFullRequest({ request: { headers }, requestAuthenticators });
    assert.equal(none.outcome, 'anonymous');
  });
  it('refuses a CA shared with --client-ca-file without allowed names (kube-apiserver 1.35)', () => {
    assert.throws(
      () =>
        checkRequestHeaderCas({
          requestHeaderCaPem: clientCa.certificatePem,
          clientCaPem: clientCa.certificatePem,
          config: { allowedNames: [] },
        }),
      (e) => isLabError(e, 'requestheader/overlapping-ca') && e.message === OVERLAPPING_CA_ERROR,
    );
    checkRequestHeaderCas({
      requestHeaderCaPem: clientCa.certificatePem,
      clientCaPem: clientCa.certificatePem,
    });
    checkRequestHeaderCas({
      requestHeaderCaPem: proxyCa.certificatePem,
      clientCaPem: clientCa.certificatePem,
      config: { allowedNames: [] },
    });
  });
});
