// Shared certificates for the src/pki tests, made once per algorithm and reused (RSA-4096 key
// generation takes seconds). Imports only src/pki so the tests also run in a browser.

import type { IssuedCertificate, KeyAlgorithm } from '../../../src/pki/index.ts';
import {
  issueClientCertificate,
  issueIntermediateCa,
  issueRootCa,
  issueServerCertificate,
  supportsEd25519,
} from '../../../src/pki/index.ts';

export interface LabSet {
  algorithm: KeyAlgorithm;
  root: IssuedCertificate;
  intermediate: IssuedCertificate;
  server: IssuedCertificate;
  client: IssuedCertificate;
  /** A client certificate signed by the intermediate. */
  clientViaIntermediate: IssuedCertificate;
}

/** A fixed moment the lab certificates are valid around: issued at NOW, checked at NOW + 1 day. */
export const NOW = new Date('2026-01-15T10:00:00Z');
export const CHECK_AT = new Date('2026-01-16T10:00:00Z');

const cache = new Map<KeyAlgorithm, Promise<LabSet>>();

/** The root → intermediate → leaves set for `algorithm`, made once. */
export function labSet(algorithm: KeyAlgorithm): Promise<LabSet> {
  let set = cache.get(algorithm);
  if (!set) {
    set = (async () => {
      const root = await issueRootCa({
        subject: { commonName: `Lab Root ${algorithm}`, organizations: ['Kube Auth Lab'] },
        algorithm,
        notBefore: NOW,
      });
      const intermediate = await issueIntermediateCa(
        { subject: { commonName: `Lab Intermediate ${algorithm}` }, algorithm, notBefore: NOW },
        root,
      );
      const server = await issueServerCertificate(
        {
          subject: { commonName: 'localhost' },
          dnsNames: ['localhost', 'kubernetes.default.svc'],
          ipAddresses: ['127.0.0.1', '::1'],
          algorithm,
          notBefore: NOW,
        },
        root,
      );
      const client = await issueClientCertificate(
        { subject: { commonName: 'jane', organizations: ['dev', 'ops'] }, algorithm, notBefore: NOW },
        root,
      );
      const clientViaIntermediate = await issueClientCertificate(
        { subject: { commonName: 'joe', organizations: ['qa'] }, algorithm, notBefore: NOW },
        intermediate,
      );
      return { algorithm, root, intermediate, server, client, clientViaIntermediate };
    })();
    cache.set(algorithm, set);
  }
  return set;
}

/** The algorithms this runtime can test (Ed25519 only where WebCrypto has it). */
export async function testedAlgorithms(options: { slow?: boolean } = {}): Promise<KeyAlgorithm[]> {
  const algs: KeyAlgorithm[] = ['RSA-2048', 'ECDSA-P256', 'ECDSA-P384'];
  if (options.slow) algs.push('RSA-3072', 'RSA-4096');
  if (await supportsEd25519()) algs.push('Ed25519');
  return algs;
}

/** Resolves `fn`'s promise and returns the LabError code it rejects with (or 'resolved'). */
export async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'resolved';
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return (e as Error).name === 'LabError' && typeof code === 'string'
      ? code
      : `not a LabError: ${String(e)}`;
  }
}
