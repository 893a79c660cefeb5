// The one place that wires @peculiar/x509 to the runtime's WebCrypto. `reflect-metadata` must be
// imported before @peculiar/x509 is used: without it the build passes and the browser fails at run
// time. Every module of src/pki imports x509 from here, never from '@peculiar/x509' directly.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

const webcrypto: Crypto | undefined = globalThis.crypto;
if (!webcrypto?.subtle) {
  throw new Error('WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
}
x509.cryptoProvider.set(webcrypto);

export { webcrypto, x509 };
