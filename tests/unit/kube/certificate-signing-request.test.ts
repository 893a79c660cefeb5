import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  buildCertificateSigningRequest,
  type CertificateSigningRequestParams,
} from '../../../src/kube/index.ts';
import { thrownCode as code } from '../../support/lab-error.ts';

const CSR =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIICijCCAXICAQAwRTELMAkGA1UEBhMCQVUx\n-----END CERTIFICATE REQUEST-----\n';

describe('buildCertificateSigningRequest', () => {
  test('builds the object of FACTS §3 with the defaults', () => {
    const { object, yaml } = buildCertificateSigningRequest({ name: 'jane', csrPem: CSR });
    const expected = {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'jane' },
      spec: {
        request: btoa(CSR),
        signerName: 'kubernetes.io/kube-apiserver-client',
        expirationSeconds: 86400,
        usages: ['client auth'],
      },
    };
    assert.deepEqual(object, expected);
    assert.deepEqual(parse(yaml), expected);
  });

  test('puts the request on one line, as `base64 | tr -d "\\n"` would', () => {
    const { yaml } = buildCertificateSigningRequest({ name: 'jane', csrPem: CSR });
    assert.match(yaml, /^ {2}request: [A-Za-z0-9+/=]+$/m);
  });

  test('encodes the PEM text with one final newline, whatever the input line ends', () => {
    const { object } = buildCertificateSigningRequest({
      name: 'jane',
      csrPem: CSR.replace(/\n/g, '\r\n').trim(),
    });
    assert.equal(atob(object.spec.request), CSR);
  });

  test('keeps the requested lifetime and usages', () => {
    const { object } = buildCertificateSigningRequest({
      name: 'jane.dev-1',
      csrPem: CSR,
      expirationSeconds: 600,
      usages: ['digital signature', 'key encipherment', 'client auth'],
    });
    assert.equal(object.spec.expirationSeconds, 600);
    assert.deepEqual(object.spec.usages, ['digital signature', 'key encipherment', 'client auth']);
  });

  const bad: [string, Partial<CertificateSigningRequestParams>, string][] = [
    ['an upper-case name', { name: 'Jane' }, 'csr-object/bad-name'],
    ['a name with a space', { name: 'jane doe' }, 'csr-object/bad-name'],
    ['an empty name', { name: '' }, 'csr-object/bad-name'],
    ['a name over 253 characters', { name: 'a'.repeat(254) }, 'csr-object/bad-name'],
    ['a name with a colon', { name: 'system:jane' }, 'csr-object/bad-name'],
    [
      'a certificate instead of a request',
      { csrPem: CSR.replaceAll('CERTIFICATE REQUEST', 'CERTIFICATE') },
      'csr-object/bad-pem',
    ],
    [
      'a NEW CERTIFICATE REQUEST label',
      { csrPem: CSR.replaceAll('CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST') },
      'csr-object/bad-pem',
    ],
    ['two requests', { csrPem: CSR + CSR }, 'csr-object/bad-pem'],
    ['no PEM', { csrPem: 'MIICijCCAXICAQAw' }, 'csr-object/bad-pem'],
    ['599 seconds', { expirationSeconds: 599 }, 'csr-object/expiration-too-short'],
    ['zero seconds', { expirationSeconds: 0 }, 'csr-object/expiration-too-short'],
    ['a fractional lifetime', { expirationSeconds: 600.5 }, 'csr-object/bad-expiration'],
    ['NaN seconds', { expirationSeconds: Number.NaN }, 'csr-object/bad-expiration'],
    ['more than int32 seconds', { expirationSeconds: 2 ** 31 }, 'csr-object/bad-expiration'],
    ['no client auth', { usages: ['digital signature'] }, 'csr-object/missing-client-auth'],
    ['no usages', { usages: [] }, 'csr-object/missing-client-auth'],
    ['server auth', { usages: ['client auth', 'server auth'] }, 'csr-object/usage-not-allowed'],
    ['a misspelt usage', { usages: ['client-auth'] }, 'csr-object/usage-not-allowed'],
    ['a duplicate usage', { usages: ['client auth', 'client auth'] }, 'csr-object/duplicate-usage'],
  ];
  for (const [what, change, expected] of bad) {
    test(`refuses ${what} with ${expected}`, () => {
      assert.equal(
        code(() => buildCertificateSigningRequest({ name: 'jane', csrPem: CSR, ...change })),
        expected,
      );
    });
  }
});
