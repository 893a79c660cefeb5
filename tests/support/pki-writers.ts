// The DER writers the tests build their own certificates with (custom extensions, odd encodings).
// They are src/pki's internals, not its public API (src/pki/index.ts), so tests take them from here.
export type { CertificateFields } from '../../src/pki/build-certificate.ts';
export { buildCertificate } from '../../src/pki/build-certificate.ts';
export * from '../../src/pki/extensions.ts';
export { randomSerial } from '../../src/pki/random-serial.ts';
