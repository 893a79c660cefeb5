// Go's crypto/x509 checkSignature (with getSignatureAlgorithmFromAI), WebCrypto doing the
// arithmetic: the same algorithm table (MD2, the ISO SHA-1 OID, DSA, RSA-PSS with Go's three
// accepted parameter sets, Ed25519 without parameters), the same refusals (MD5 and SHA-1 are
// insecure, an algorithm that names another key type is a mismatch, DSA keys are not verified) and
// the same error texts, so verifyChain can print what Go prints. What Go checks but WebCrypto
// cannot (P-224; Ed25519 in a browser without it) is "cannot-check", never a broken signature.
import { bytesEqual, toArrayBuffer } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { DerCursor } from './der-cursor.ts';
import { ecdsaDerToRaw } from './ecdsa-signature.ts';
import { CURVES, GO_CURVES, OID, SIGNATURE_ALGORITHMS } from './oids.ts';
import type { PublicKeyInfo } from './public-key-info.ts';

/** Why a signature did not check out. */
export interface SignatureProblem {
  kind: 'bad-signature' | 'insecure-algorithm' | 'unsupported-algorithm' | 'key-mismatch' | 'cannot-check';
  /** What Go's checkSignature returns in this case ('' for cannot-check: Go would check it). */
  goError: string;
}

const GO_KEY_TYPES = { RSA: '*rsa.PublicKey', EC: '*ecdsa.PublicKey', Ed25519: 'ed25519.PublicKey' } as const;
const GO_ALGO_NAMES = { RSA: 'RSA', EC: 'ECDSA', Ed25519: 'Ed25519', 'RSA-PSS': 'RSA', DSA: 'DSA' } as const;
const UNSUPPORTED = 'x509: cannot verify signature: algorithm unimplemented';
const HASH_OIDS: Record<string, { hash: string; size: number }> = {
  '2.16.840.1.101.3.4.2.1': { hash: 'SHA-256', size: 32 },
  '2.16.840.1.101.3.4.2.2': { hash: 'SHA-384', size: 48 },
  '2.16.840.1.101.3.4.2.3': { hash: 'SHA-512', size: 64 },
};
const MGF1 = '1.2.840.113549.1.1.8';
const NULL = Uint8Array.of(0x05, 0x00);

/** An AlgorithmIdentifier's OID and parameters (DER), or null. */
function readAI(c: DerCursor): { oid: string; params?: Uint8Array } | null {
  const body = c.read(0x30);
  if (body === null) return null;
  const ai = new DerCursor(body);
  const oid = ai.readOid();
  if (oid === null) return null;
  if (ai.empty()) return { oid };
  const p = ai.readAnyElement();
  return p ? { oid, params: p.bytes } : null;
}

/** Go's reading of RSASSA-PSS parameters: the hash when they are one of Go's three sets, else null. */
function pssHash(params: Uint8Array | undefined): { hash: string; size: number } | null {
  if (!params) return null;
  const top = new DerCursor(params).read(0x30);
  if (top === null) return null;
  const c = new DerCursor(top);
  const hashField = c.readOptional(0xa0);
  const mgfField = hashField && c.readOptional(0xa1);
  const saltField = mgfField && c.readOptional(0xa2);
  const trailerField = saltField && c.readOptional(0xa3);
  if (!hashField?.value || !mgfField?.value || !saltField?.value || !trailerField) return null;
  const hashAI = readAI(new DerCursor(hashField.value));
  const mgfAI = readAI(new DerCursor(mgfField.value));
  const salt = new DerCursor(saltField.value).readInt();
  const trailer = trailerField.value === undefined ? 1 : new DerCursor(trailerField.value).readInt();
  if (!hashAI || !mgfAI || salt === null || mgfAI.oid !== MGF1 || !mgfAI.params) return null;
  const mgfHash = readAI(new DerCursor(mgfAI.params));
  const nullOrAbsent = (p?: Uint8Array) => p === undefined || bytesEqual(p, NULL);
  if (!mgfHash || !nullOrAbsent(hashAI.params) || mgfHash.oid !== hashAI.oid || !nullOrAbsent(mgfHash.params))
    return null;
  if (trailer !== 1) return null;
  const h = HASH_OIDS[hashAI.oid];
  return h && h.size === salt ? h : null;
}

/**
 * Null when `signature` over `data` verifies with `key` under the algorithm; else the problem.
 * `allowSha1` is Go's argument of the same name: false for certificates, true for CSRs
 * (`CertificateRequest.CheckSignature`), which still accept SHA-1.
 */
export async function checkSignature(
  algorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
  key: PublicKeyInfo,
  algorithmParams?: Uint8Array,
  allowSha1 = false,
): Promise<SignatureProblem | null> {
  let alg = SIGNATURE_ALGORITHMS[algorithmOid];
  let pss: { hash: string; size: number } | null = null;
  if (algorithmOid === OID.ed25519 && algorithmParams) alg = undefined;
  if (alg?.key === 'RSA-PSS') {
    pss = pssHash(algorithmParams);
    if (!pss) alg = undefined;
  }
  if (!alg) return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
  const hash = pss?.hash ?? alg.hash;
  if (hash === 'MD2' || (hash === undefined && alg.key !== 'Ed25519'))
    return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
  if (hash === 'MD5' || (hash === 'SHA-1' && !allowSha1)) {
    const override =
      alg.goName === 'SHA1-RSA' || alg.goName === 'ECDSA-SHA1'
        ? ' (temporarily override with GODEBUG=x509sha1=1)'
        : '';
    return {
      kind: 'insecure-algorithm',
      goError: `x509: cannot verify signature: insecure algorithm ${alg.goName}${override}`,
    };
  }
  if (key.algorithm === 'unknown') return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
  const keyFamily = alg.key === 'RSA-PSS' ? 'RSA' : alg.key;
  if (keyFamily !== key.algorithm) {
    return {
      kind: 'key-mismatch',
      goError: `x509: signature algorithm specifies an ${GO_ALGO_NAMES[alg.key]} public key, but have public key of type ${GO_KEY_TYPES[key.algorithm]}`,
    };
  }
  const failure: SignatureProblem = {
    kind: 'bad-signature',
    goError:
      key.algorithm === 'RSA'
        ? 'crypto/rsa: verification error'
        : key.algorithm === 'EC'
          ? 'x509: ECDSA verification failure'
          : 'x509: Ed25519 verification failure',
  };
  const cannot: SignatureProblem = { kind: 'cannot-check', goError: '' };
  let importAlg: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  let verifyAlg: AlgorithmIdentifier | EcdsaParams | RsaPssParams;
  let sig = signature;
  if (key.algorithm === 'RSA') {
    importAlg = pss ? { name: 'RSA-PSS', hash: pss.hash } : { name: 'RSASSA-PKCS1-v1_5', hash: hash! };
    verifyAlg = pss ? { name: 'RSA-PSS', saltLength: pss.size } : { name: 'RSASSA-PKCS1-v1_5' };
  } else if (key.algorithm === 'EC') {
    const curve = Object.values(CURVES).find((c) => c.name === key.curve);
    if (!curve) {
      const known = Object.values(GO_CURVES).some((c) => c.name === key.curve);
      return known ? cannot : { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
    }
    importAlg = { name: 'ECDSA', namedCurve: curve.name };
    verifyAlg = { name: 'ECDSA', hash: hash! };
    const raw = ecdsaDerToRaw(signature, curve.size);
    if (!raw) return failure;
    sig = raw;
  } else {
    importAlg = { name: 'Ed25519' };
    verifyAlg = { name: 'Ed25519' };
  }
  let publicKey: CryptoKey;
  try {
    publicKey = await webcrypto.subtle.importKey('spki', toArrayBuffer(key.spki), importAlg, false, [
      'verify',
    ]);
  } catch {
    return key.algorithm === 'Ed25519' ? cannot : failure;
  }
  try {
    const ok = await webcrypto.subtle.verify(verifyAlg, publicKey, toArrayBuffer(sig), toArrayBuffer(data));
    return ok ? null : failure;
  } catch {
    return failure;
  }
}
