// The runtime's WebCrypto, the one place src/pki gets it from (the browser's `crypto`, or Node's
// global `crypto`, which is the same API).
//
// Why no @peculiar/x509 here (a change from the planned stack): src/pki reads and writes DER itself
// (der.ts). Go's crypto/x509, which kube-apiserver uses, compares issuer and subject names byte for
// byte and checks signatures over the raw TBSCertificate; matching it to the letter needs those raw
// spans, which a schema library re-encodes. Parsing ourselves also lets every malformed input end
// in a LabError with a code (the fuzz tests hold us to that), and keeps the lazily loaded crypto
// chunk small. openssl and Go judge everything this code makes (tests/interop).

import { LabError } from './errors.ts';

const runtimeCrypto: Crypto | undefined = globalThis.crypto;
if (!runtimeCrypto?.subtle) {
  throw new LabError(
    'crypto/unavailable',
    'WebCrypto (globalThis.crypto.subtle) is not available in this runtime',
  );
}

/** The runtime's WebCrypto. */
export const webcrypto: Crypto = runtimeCrypto;
