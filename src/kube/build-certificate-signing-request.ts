import { stringify } from 'yaml';
import { LabError } from '../pki/errors.ts';
import { encodeBase64, utf8Encode } from './base64.ts';
import { expirationSecondsVerdict, MIN_EXPIRATION_SECONDS } from './expiration-seconds.ts';
import { isDnsSubdomain } from './names.ts';
import { normalisePem, pemBlocks } from './pem-text.ts';

/** The signer that issues client certificates the API server trusts. */
export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/** Usages the kube-apiserver-client signer accepts; `client auth` is required. */
export const CLIENT_SIGNER_USAGES = ['client auth', 'digital signature', 'key encipherment'] as const;

/** A usage the kube-apiserver-client signer accepts. */
export type ClientSignerUsage = (typeof CLIENT_SIGNER_USAGES)[number];

/** What buildCertificateSigningRequest takes. */
export interface CertificateSigningRequestParams {
  /** Object name, an RFC 1123 subdomain, e.g. "jane". */
  name: string;
  /** The PKCS#10 request as PEM ("-----BEGIN CERTIFICATE REQUEST-----"). */
  csrPem: string;
  /** Requested lifetime; integer ≥ 600. Default: 86400 (one day). The signer may shorten it. */
  expirationSeconds?: number;
  /** Default: ['client auth']. Must include 'client auth'; only 'digital signature' and 'key encipherment' besides. */
  usages?: string[];
}

/** The CertificateSigningRequest object as the API takes it. */
export interface CertificateSigningRequestObject {
  apiVersion: 'certificates.k8s.io/v1';
  kind: 'CertificateSigningRequest';
  metadata: { name: string };
  spec: {
    request: string;
    signerName: typeof KUBE_APISERVER_CLIENT_SIGNER;
    expirationSeconds: number;
    usages: string[];
  };
}

/** Builds the CertificateSigningRequest object for the kube-apiserver-client signer, and its YAML. */
export function buildCertificateSigningRequest(params: CertificateSigningRequestParams): {
  object: CertificateSigningRequestObject;
  yaml: string;
} {
  const { name, csrPem, expirationSeconds = 86400, usages = ['client auth'] } = params;
  checkCsrObjectName(name);
  const blocks = pemBlocks(csrPem);
  if (blocks.length !== 1 || blocks[0]?.label !== 'CERTIFICATE REQUEST' || !blocks[0].bodyOk) {
    const seen = blocks.map((b) => b.label).join(', ') || 'no PEM block';
    throw new LabError(
      'csr-object/bad-pem',
      `csrPem must hold exactly one "-----BEGIN CERTIFICATE REQUEST-----" block (found ${seen}); the API rejects other PEM types`,
      { field: 'csrPem' },
    );
  }
  const verdict = expirationSecondsVerdict(expirationSeconds);
  if (verdict === 'not-a-number') {
    throw new LabError(
      'csr-object/bad-expiration',
      `expirationSeconds ${expirationSeconds} is not a whole number of seconds the API can store: use e.g. 86400 for one day`,
      { field: 'expirationSeconds' },
    );
  }
  if (verdict === 'too-short') {
    throw new LabError(
      'csr-object/expiration-too-short',
      `expirationSeconds ${expirationSeconds} is below the API minimum of ${MIN_EXPIRATION_SECONDS} (10 minutes)`,
      { field: 'expirationSeconds', minimum: MIN_EXPIRATION_SECONDS },
    );
  }
  checkUsages(usages);
  const object: CertificateSigningRequestObject = {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: {
      request: encodeBase64(utf8Encode(normalisePem(csrPem))),
      signerName: KUBE_APISERVER_CLIENT_SIGNER,
      expirationSeconds,
      usages: [...usages],
    },
  };
  return { object, yaml: stringify(object, { version: '1.1', lineWidth: 0 }) };
}

/** Refuses a CertificateSigningRequest name that is not an RFC 1123 subdomain. */
export function checkCsrObjectName(name: string): void {
  if (!isDnsSubdomain(name)) {
    throw new LabError(
      'csr-object/bad-name',
      `name ${JSON.stringify(name)} is not a valid object name: use lower-case letters, digits, '-' and '.', e.g. "jane"`,
      { field: 'name', value: name },
    );
  }
}

function checkUsages(usages: string[]): void {
  const seen = new Set<string>();
  for (const usage of usages) {
    if (!(CLIENT_SIGNER_USAGES as readonly string[]).includes(usage)) {
      throw new LabError(
        'csr-object/usage-not-allowed',
        `usage ${JSON.stringify(usage)} is refused by the ${KUBE_APISERVER_CLIENT_SIGNER} signer: use "client auth", optionally with "digital signature" and "key encipherment"`,
        { field: 'usages', usage },
      );
    }
    if (seen.has(usage)) {
      throw new LabError('csr-object/duplicate-usage', `usage ${JSON.stringify(usage)} is listed twice`, {
        field: 'usages',
        usage,
      });
    }
    seen.add(usage);
  }
  if (!seen.has('client auth')) {
    throw new LabError(
      'csr-object/missing-client-auth',
      `usages must include "client auth": the ${KUBE_APISERVER_CLIENT_SIGNER} signer issues client certificates only`,
      { field: 'usages' },
    );
  }
}
