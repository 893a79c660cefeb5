// Reads the private key forms real tools write: PKCS#8 "PRIVATE KEY" (openssl genpkey, kubeadm for
// ECDSA, this site), PKCS#1 "RSA PRIVATE KEY" (cfssl, kubeadm, `openssl genrsa -traditional`) and
// SEC1 "EC PRIVATE KEY" (cfssl, `openssl ecparam -genkey`, which also writes an "EC PARAMETERS"
// block first). PKCS#1 and SEC1 are wrapped into PKCS#8 — the one form WebCrypto imports — and the
// public key is derived from the private key's JWK.
import { bitLength, fromBase64Url } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import {
  children,
  derNull,
  expectTag,
  octetString,
  oid,
  readOid,
  readSingle,
  readUnsigned,
  seq,
  smallInteger,
  TAG,
} from './der.ts';
import { encodePem } from './encode-pem.ts';
import { LabError } from './errors.ts';
import { CURVES, OID } from './oids.ts';
import type { PemBlock } from './parse-pem.ts';
import { parsePem } from './parse-pem.ts';
import { runtimeName, supportsEd25519 } from './supports-ed25519.ts';
import type { KeyAlgorithm } from './types.ts';

/** A private key read from PEM, with its public half. */
export interface ImportedPrivateKey {
  /** The KeyAlgorithm it is, or null for an RSA size this site does not offer (e.g. 1024 or 8192). */
  algorithm: KeyAlgorithm | null;
  keyType: 'RSA' | 'EC' | 'Ed25519';
  /** RSA modulus size. */
  bits?: number;
  /** EC curve. */
  curve?: 'P-256' | 'P-384';
  /** The PEM form it came in. */
  format: 'pkcs8' | 'pkcs1' | 'sec1';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The same key as PKCS#8 PEM. */
  pkcs8Pem: string;
}

const PRIVATE_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

function bad(message: string): never {
  throw new LabError('key/malformed', message);
}

function curveFromOid(curveOid: string): 'P-256' | 'P-384' {
  const name = CURVES[curveOid]?.name;
  if (name === 'P-256' || name === 'P-384') return name;
  throw new LabError(
    'key/unsupported-algorithm',
    `EC keys on curve ${name ?? curveOid} are not supported here; use P-256 or P-384`,
    { curve: name ?? curveOid },
  );
}

interface Normalized {
  pkcs8: Uint8Array;
  keyType: 'RSA' | 'EC' | 'Ed25519';
  bits?: number;
  curve?: 'P-256' | 'P-384';
}

function fromPkcs8(der: Uint8Array): Normalized {
  const parts = children(expectTag(readSingle(der), TAG.SEQUENCE, 'a PrivateKeyInfo'));
  const alg = children(expectTag(parts[1], TAG.SEQUENCE, 'the key algorithm'));
  const algOid = readOid(alg[0]!);
  if (algOid === OID.rsaEncryption) {
    const inner = expectTag(parts[2], TAG.OCTET_STRING, 'the private key').value;
    const rsa = children(expectTag(readSingle(inner), TAG.SEQUENCE, 'an RSAPrivateKey'));
    return { pkcs8: der, keyType: 'RSA', bits: bitLength(readUnsigned(rsa[1]!, 'the modulus')) };
  }
  if (algOid === OID.ecPublicKey) {
    return {
      pkcs8: der,
      keyType: 'EC',
      curve: curveFromOid(readOid(expectTag(alg[1], TAG.OID, 'the curve'))),
    };
  }
  if (algOid === OID.ed25519) return { pkcs8: der, keyType: 'Ed25519' };
  throw new LabError(
    'key/unsupported-algorithm',
    `Private keys of algorithm ${algOid} are not supported here`,
    {
      oid: algOid,
    },
  );
}

function fromPkcs1(der: Uint8Array): Normalized {
  const rsa = children(expectTag(readSingle(der), TAG.SEQUENCE, 'an RSAPrivateKey'));
  if (rsa.length < 9) bad('An RSA PRIVATE KEY needs nine integers (version, n, e, d, p, q, dp, dq, qinv)');
  const n = readUnsigned(rsa[1]!, 'the modulus');
  const pkcs8 = seq(smallInteger(0), seq(oid(OID.rsaEncryption), derNull()), octetString(der));
  return { pkcs8, keyType: 'RSA', bits: bitLength(n) };
}

function fromSec1(der: Uint8Array, paramsBlock: PemBlock | undefined): Normalized {
  const parts = children(expectTag(readSingle(der), TAG.SEQUENCE, 'an ECPrivateKey'));
  const priv = expectTag(parts[1], TAG.OCTET_STRING, 'the EC private key').value;
  let curveOid: string | undefined;
  const params = parts.find((p) => p.tag === 0xa0);
  if (params) curveOid = readOid(children(params)[0]!);
  else if (paramsBlock) curveOid = readOid(readSingle(paramsBlock.der));
  else if (priv.length === 32) curveOid = OID.p256;
  else if (priv.length === 48) curveOid = OID.p384;
  else bad('The EC PRIVATE KEY does not say its curve');
  const curve = curveFromOid(curveOid);
  const pkcs8 = seq(smallInteger(0), seq(oid(OID.ecPublicKey), oid(curveOid)), octetString(der));
  return { pkcs8, keyType: 'EC', curve };
}

function importParams(n: Normalized): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  if (n.keyType === 'RSA') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (n.keyType === 'EC') return { name: 'ECDSA', namedCurve: n.curve! };
  return { name: 'Ed25519' };
}

function keyAlgorithmOf(n: Normalized): KeyAlgorithm | null {
  if (n.keyType === 'RSA') {
    return n.bits === 2048 || n.bits === 3072 || n.bits === 4096 ? (`RSA-${n.bits}` as KeyAlgorithm) : null;
  }
  if (n.keyType === 'EC') return n.curve === 'P-256' ? 'ECDSA-P256' : 'ECDSA-P384';
  return 'Ed25519';
}

/** Reads a PEM private key (PKCS#8, PKCS#1 or SEC1); reports its algorithm and the form it came in. */
export async function importPrivateKeyPem(pem: string): Promise<ImportedPrivateKey> {
  const blocks = parsePem(pem);
  const encrypted = blocks.find(
    (b) => b.label === 'ENCRYPTED PRIVATE KEY' || (b.headers?.['Proc-Type'] ?? '').includes('ENCRYPTED'),
  );
  if (encrypted) {
    throw new LabError(
      'key/encrypted',
      `The private key at line ${encrypted.line} is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)`,
      { line: encrypted.line },
    );
  }
  const block = blocks.find((b) => PRIVATE_LABELS.includes(b.label));
  if (!block) {
    throw new LabError(
      'key/not-a-private-key',
      `Expected a private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) but found ${blocks.map((b) => b.label).join(', ')}`,
      { labels: blocks.map((b) => b.label).join(', ') },
    );
  }
  const format =
    block.label === 'PRIVATE KEY' ? 'pkcs8' : block.label === 'RSA PRIVATE KEY' ? 'pkcs1' : 'sec1';
  let normalized: Normalized;
  try {
    normalized =
      format === 'pkcs8'
        ? fromPkcs8(block.der)
        : format === 'pkcs1'
          ? fromPkcs1(block.der)
          : fromSec1(
              block.der,
              blocks.find((b) => b.label === 'EC PARAMETERS'),
            );
  } catch (e) {
    if (e instanceof LabError && e.code.startsWith('key/')) throw e;
    throw new LabError(
      'key/malformed',
      `The ${block.label} block is not a valid key: ${(e as Error).message}`,
      {
        line: block.line,
      },
    );
  }
  if (normalized.keyType === 'Ed25519' && !(await supportsEd25519())) {
    throw new LabError('key/unsupported-algorithm', `Ed25519 keys are not available in ${runtimeName()}`, {
      algorithm: 'Ed25519',
    });
  }
  const params = importParams(normalized);
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  try {
    privateKey = await webcrypto.subtle.importKey(
      'pkcs8',
      normalized.pkcs8.slice().buffer as ArrayBuffer,
      params,
      true,
      ['sign'],
    );
    const jwk = await webcrypto.subtle.exportKey('jwk', privateKey);
    const pub: JsonWebKey = { kty: jwk.kty, ext: true };
    if (jwk.kty === 'RSA') Object.assign(pub, { n: jwk.n, e: jwk.e });
    else if (jwk.kty === 'EC') Object.assign(pub, { crv: jwk.crv, x: jwk.x, y: jwk.y });
    else Object.assign(pub, { crv: jwk.crv, x: jwk.x });
    publicKey = await webcrypto.subtle.importKey('jwk', pub, params, true, ['verify']);
  } catch (e) {
    throw new LabError(
      'key/malformed',
      `The ${block.label} block could not be imported: ${(e as Error).message}`,
      {
        line: block.line,
      },
    );
  }
  const result: ImportedPrivateKey = {
    algorithm: keyAlgorithmOf(normalized),
    keyType: normalized.keyType,
    format,
    privateKey,
    publicKey,
    pkcs8Pem: encodePem('PRIVATE KEY', normalized.pkcs8),
  };
  if (normalized.bits !== undefined) result.bits = normalized.bits;
  if (normalized.curve !== undefined) result.curve = normalized.curve;
  return result;
}

/** The raw public values of a key pair's JWK: RSA n/e, EC x/y, Ed25519 x. */
export async function publicValues(publicKey: CryptoKey): Promise<Uint8Array[]> {
  const jwk = await webcrypto.subtle.exportKey('jwk', publicKey);
  const fields = jwk.kty === 'RSA' ? [jwk.n, jwk.e] : jwk.kty === 'EC' ? [jwk.x, jwk.y] : [jwk.x];
  return fields.map((f) => fromBase64Url(f ?? ''));
}
