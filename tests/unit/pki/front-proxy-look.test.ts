// Which certificates look like an authenticating proxy's client certificate (part 5): the engine's
// own front-proxy pair (kubeadm's names), a proxy certificate with another CN from the front-proxy
// CA, and never a plain client certificate or the CA itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  frontProxyLook,
  inspectCertificate,
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
} from '../../../src/pki/index.ts';
import { labSet } from './lab.ts';

const ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
const client = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, ca);
const lab = await labSet('ECDSA-P256');

describe('frontProxyLook', () => {
  it('recognises issueFrontProxyClientCertificate’s certificate by both names', async () => {
    assert.deepEqual(frontProxyLook(await inspectCertificate(client.certificatePem)), {
      by: 'both',
      commonName: 'front-proxy-client',
      issuerCommonName: 'front-proxy-ca',
    });
  });

  it('recognises a proxy certificate with its own CN by its front-proxy-ca issuer', async () => {
    const nginx = await issueFrontProxyClientCertificate(
      { commonName: 'nginx-proxy', algorithm: 'ECDSA-P256' },
      ca,
    );
    assert.deepEqual(frontProxyLook(await inspectCertificate(nginx.certificatePem)), {
      by: 'issuer',
      commonName: 'nginx-proxy',
      issuerCommonName: 'front-proxy-ca',
    });
  });

  it('recognises CN front-proxy-client from another CA by its subject', async () => {
    const other = await issueClientCertificate(
      { subject: { commonName: 'front-proxy-client' }, algorithm: 'ECDSA-P256' },
      lab.root,
    );
    assert.equal(frontProxyLook(await inspectCertificate(other.certificatePem))?.by, 'subject');
  });

  it('says nothing of a plain client certificate, a server certificate or the front-proxy CA', async () => {
    assert.equal(frontProxyLook(await inspectCertificate(lab.client.certificatePem)), undefined);
    assert.equal(frontProxyLook(await inspectCertificate(lab.server.certificatePem)), undefined);
    assert.equal(frontProxyLook(await inspectCertificate(ca.certificatePem)), undefined);
  });
});
