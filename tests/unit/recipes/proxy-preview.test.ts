// The proxy builder's preview: the headers the lab's nginx sends upstream (the site's config sets
// only what it verified; the pitfall config passes the client's own, except the names it sets),
// and what kube-apiserver's request-header authenticator then believes from the proxy's certificate.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  type IssuedCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
} from '../../../src/pki/index.ts';
import { apiServerPreview, upstreamHeaders } from '../../../src/recipes/proxy/index.ts';

const jane = { user: 'jane', groups: ['devs', 'ops'] };
const spoof: [string, string][] = [
  ['X-Remote-User', 'spoofed-admin'],
  ['X-Remote-Group', 'system:masters'],
  ['X-Remote-Extra-Scopes', 'everything'],
  ['Accept', 'application/json'],
];

describe('upstreamHeaders', () => {
  it("sends only what nginx verified with the site's config", () => {
    assert.deepEqual(upstreamHeaders({ mode: 'certificate' }, jane, spoof), [
      ['Accept', 'application/json'],
      ['X-Remote-User', 'jane'],
      ['X-Remote-Group', 'devs'],
      ['X-Remote-Group', 'ops'],
    ]);
  });
  it("with the pitfall, passes the client's headers and its X-Remote-User wins", () => {
    assert.deepEqual(upstreamHeaders({ mode: 'certificate', trustClientIdentity: true }, jane, spoof), [
      ['X-Remote-Extra-Scopes', 'everything'],
      ['Accept', 'application/json'],
      ['X-Remote-User', 'spoofed-admin'],
      ['X-Remote-Group', 'devs'],
      ['X-Remote-Group', 'ops'],
    ]);
  });
  it('with the pitfall and a basic-auth config without groups, even X-Remote-Group passes', () => {
    const h = upstreamHeaders(
      { mode: 'basic', trustClientIdentity: true, users: [{ name: 'amy', password: 'x' }] },
      { user: 'amy', groups: [] },
      spoof,
    );
    assert.deepEqual(
      h.filter(([n]) => n.startsWith('X-Remote-G')),
      [['X-Remote-Group', 'system:masters']],
    );
  });
  it('keeps only as many groups as the config has lines for', () => {
    const h = upstreamHeaders({ mode: 'certificate', certificateGroups: 1 }, jane, []);
    assert.deepEqual(h, [
      ['X-Remote-User', 'jane'],
      ['X-Remote-Group', 'devs'],
    ]);
  });
});

describe('apiServerPreview', () => {
  let ca: IssuedCertificate;
  let proxy: IssuedCertificate;
  let other: IssuedCertificate;
  before(async () => {
    ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    proxy = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, ca);
    other = await issueFrontProxyClientCertificate({ commonName: 'anything', algorithm: 'ECDSA-P256' }, ca);
  });
  it('believes the headers from the allowed proxy certificate, as kubectl auth whoami prints', async () => {
    const p = await apiServerPreview({
      headers: upstreamHeaders({ mode: 'certificate' }, jane, spoof),
      peerCertificatePem: proxy.certificatePem,
      frontProxyCaPem: ca.certificatePem,
    });
    assert.equal(p.verdict.outcome, 'authenticated');
    assert.equal(
      p.whoami,
      'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs ops system:authenticated]\n',
    );
  });
  it('refuses a CN outside the allowed names with a 401', async () => {
    const p = await apiServerPreview({
      headers: [['X-Remote-User', 'jane']],
      peerCertificatePem: other.certificatePem,
      frontProxyCaPem: ca.certificatePem,
    });
    assert.equal(p.verdict.outcome, 'unauthorized');
    assert.match(p.verdict.error ?? '', /x509: subject with cn=anything is not in the allowed list/);
    assert.equal(p.whoami, 'error: You must be logged in to the server (Unauthorized)\n');
  });
  it('with empty allowed names, believes any certificate of the CA, system:masters included', async () => {
    const p = await apiServerPreview({
      headers: [
        ['X-Remote-User', 'someone'],
        ['X-Remote-Group', 'system:masters'],
      ],
      peerCertificatePem: other.certificatePem,
      frontProxyCaPem: ca.certificatePem,
      config: { allowedNames: [] },
    });
    assert.deepEqual(p.verdict.user?.groups, ['system:masters', 'system:authenticated']);
  });
});
