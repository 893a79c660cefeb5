import { toArrayBuffer } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { readSingle } from './der.ts';
import { LabError } from './errors.ts';
import { parsePem } from './parse-pem.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';
import { readCertificates } from './read-certificates.ts';

/** A verify-only CryptoKey from "PUBLIC KEY" PEM (or a certificate's key); RSA keys verify with SHA-256. */
export async function importPublicKeyPem(pem: string): Promise<CryptoKey> {
  const blocks = parsePem(pem);
  const block = blocks.find((b) => b.label === 'PUBLIC KEY');
  let spki: Uint8Array;
  if (block) spki = block.der;
  else if (blocks.some((b) => b.label === 'CERTIFICATE')) spki = readCertificates(pem)[0]!.publicKey.spki;
  else {
    throw new LabError(
      'key/not-a-public-key',
      `Expected a "PUBLIC KEY" block but found ${blocks.map((b) => `"${b.label}"`).join(', ')}`,
    );
  }
  let info: ReturnType<typeof parsePublicKeyInfo>;
  try {
    info = parsePublicKeyInfo(readSingle(spki));
  } catch (e) {
    throw new LabError('key/malformed', `The public key is not valid: ${(e as Error).message}`);
  }
  const params =
    info.algorithm === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : info.algorithm === 'EC' && (info.curve === 'P-256' || info.curve === 'P-384')
        ? { name: 'ECDSA', namedCurve: info.curve }
        : info.algorithm === 'Ed25519'
          ? { name: 'Ed25519' }
          : null;
  if (!params) {
    throw new LabError(
      'key/unsupported-algorithm',
      `Public keys of algorithm ${info.curve ?? info.oid} are not supported here`,
    );
  }
  try {
    return await webcrypto.subtle.importKey('spki', toArrayBuffer(info.spki), params, true, ['verify']);
  } catch (e) {
    throw new LabError('key/malformed', `The public key could not be imported: ${(e as Error).message}`);
  }
}
