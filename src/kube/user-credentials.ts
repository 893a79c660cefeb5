// Lesson 7's kubeconfig builder checks what the reader pasted before it writes anything: the
// cluster's CA, the user's signed certificate and the private key made in the browser must fit
// together. This is that check, DOM-free: each failure is a LabError whose details.field names the
// form field to blame, and success carries the identity, the chain verdict and what
// `kubectl auth whoami` will print (before and since Kubernetes 1.32).
import {
  describeIdentity,
  inspectCertificate,
  isLabError,
  keyMatchesCertificate,
  LabError,
  readCertificates,
  type VerifyResult,
  verifyChain,
} from '../pki/index.ts';
import { CREDENTIAL_ID_EXTRA_KEY, whoamiPreview, x509CredentialId } from './whoami-preview.ts';

/** The builder's field a problem belongs to. */
export type CredentialField = 'ca' | 'certificate' | 'key';

export interface UserCredentialsParams {
  /** The cluster CA certificate(s), PEM. */
  caPem: string;
  /** The user's certificate, PEM. */
  certificatePem: string;
  /** The user's private key, PEM. */
  keyPem: string;
}

export interface UserCredentials {
  /** The user name kube-apiserver reads (CN); undefined when the certificate has no CN. */
  user?: string;
  /** The groups it reads (O values, in certificate order, without system:authenticated). */
  groups: string[];
  /** Whether the certificate names a user at all. */
  authenticated: boolean;
  /** The chain verdict against the CA for client authentication (Go's rules). */
  chain: VerifyResult;
  /** `kubectl auth whoami` before Kubernetes 1.32; undefined when no user is named. */
  whoami?: string;
  /** The same since 1.32, with the certificate's credential ID. */
  whoamiWithCredentialId?: string;
}

/** Runs `fn`, which reads only `field`'s input, blaming that field for any LabError it throws. */
async function blame<T>(field: CredentialField, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw isLabError(e) ? new LabError(e.code, e.message, { ...e.details, field }) : e;
  }
}

/**
 * Checks that the certificate, the CA and the key fit together. Throws a LabError with
 * details.field set ('ca', 'certificate' or 'key'); a key that is not the certificate's gives
 * `credentials/key-mismatch` on the certificate. A chain that does not verify is not an error
 * (the kubeconfig can still be written): `chain.ok` is false and `chain.goError` says why.
 */
export async function checkUserCredentials(params: UserCredentialsParams): Promise<UserCredentials> {
  const identity = await blame('certificate', () => describeIdentity(params.certificatePem));
  await blame('ca', () => readCertificates(params.caPem));
  const matches = await blame('key', () => keyMatchesCertificate(params.keyPem, params.certificatePem));
  if (!matches) {
    throw new LabError(
      'credentials/key-mismatch',
      'This certificate is not for this key: it holds a different public key',
      { field: 'certificate' },
    );
  }
  // kube-apiserver verifies the first certificate the client sends and takes the rest as
  // intermediates (x509.go: PeerCertificates[1:]); kubectl sends all of client-certificate-data.
  const chain = await verifyChain({
    leaf: params.certificatePem,
    intermediates: readCertificates(params.certificatePem).slice(1),
    roots: params.caPem,
    purpose: 'client',
  });
  const groups = [...identity.organizations];
  const result: UserCredentials = { groups, authenticated: identity.authenticated, chain };
  if (identity.user !== null) result.user = identity.user;
  if (identity.authenticated && identity.user) {
    const { fingerprints } = await inspectCertificate(params.certificatePem);
    const uid = identity.uid === undefined ? {} : { uid: identity.uid };
    result.whoami = whoamiPreview({ user: identity.user, groups, ...uid });
    result.whoamiWithCredentialId = whoamiPreview({
      user: identity.user,
      groups,
      ...uid,
      extra: { [CREDENTIAL_ID_EXTRA_KEY]: [x509CredentialId(fingerprints.sha256)] },
    });
  }
  return result;
}
