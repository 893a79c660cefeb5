import { fromBase64 } from './bytes.ts';
import { checkSignature } from './check-signature.ts';
import { webcrypto } from './crypto.ts';
import { readSingle } from './der.ts';
import { LabError } from './errors.ts';
import { importPrivateKeyPem } from './import-private-key-pem.ts';
import { OID } from './oids.ts';
import { parsePem } from './parse-pem.ts';
import type { PublicKeyInfo } from './public-key-info.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';
import { readCertificates } from './read-certificates.ts';

async function publicKeyInfo(key: string | CryptoKey): Promise<PublicKeyInfo> {
  if (typeof key !== 'string') {
    return parsePublicKeyInfo(readSingle(new Uint8Array(await webcrypto.subtle.exportKey('spki', key))));
  }
  const blocks = parsePem(key);
  const pub = blocks.find((b) => b.label === 'PUBLIC KEY');
  if (pub) {
    try {
      return parsePublicKeyInfo(readSingle(pub.der));
    } catch (e) {
      throw new LabError('key/malformed', `The PUBLIC KEY block is not valid: ${(e as Error).message}`);
    }
  }
  if (blocks.some((b) => b.label === 'CERTIFICATE')) return readCertificates(key)[0]!.publicKey;
  const imported = await importPrivateKeyPem(key);
  return publicKeyInfo(imported.publicKey);
}

function algorithmFor(info: PublicKeyInfo): string {
  if (info.algorithm === 'RSA') return OID.sha256WithRSA;
  if (info.algorithm === 'Ed25519') return OID.ed25519;
  if (info.algorithm === 'EC') return info.curve === 'P-384' ? OID.ecdsaWithSHA384 : OID.ecdsaWithSHA256;
  throw new LabError('key/unsupported-algorithm', `Keys of algorithm ${info.oid} cannot verify here`);
}

/** True when `signatureBase64` is a signature of the UTF-8 text by the key (PUBLIC KEY, CERTIFICATE or private key PEM, or CryptoKey). */
export async function verifyMessage(
  publicKey: string | CryptoKey,
  text: string,
  signatureBase64: string,
): Promise<boolean> {
  let signature: Uint8Array;
  try {
    signature = fromBase64(signatureBase64);
  } catch (e) {
    throw new LabError(
      'message/bad-signature-encoding',
      `The signature is not base64: ${(e as Error).message}`,
    );
  }
  const info = await publicKeyInfo(publicKey);
  const problem = await checkSignature(algorithmFor(info), new TextEncoder().encode(text), signature, info);
  return problem === null;
}
