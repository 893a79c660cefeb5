// Go's crypto/x509 checkSignature, with WebCrypto doing the arithmetic: the same refusals (MD5 and
// SHA-1 are insecure, an algorithm that names another key type is a mismatch) and the same error
// texts, so verifyChain can print what Go prints.
import { toArrayBuffer } from './bytes.ts';
import { webcrypto } from './crypto.ts';
import { ecdsaDerToRaw } from './ecdsa-signature.ts';
import { CURVES, OID, SIGNATURE_ALGORITHMS } from './oids.ts';
import type { PublicKeyInfo } from './public-key-info.ts';

/** Why a signature did not check out. */
export interface SignatureProblem {
  kind: 'bad-signature' | 'insecure-algorithm' | 'unsupported-algorithm' | 'key-mismatch';
  /** What Go's checkSignature returns in this case. */
  goError: string;
}

const GO_KEY_TYPES = { RSA: '*rsa.PublicKey', EC: '*ecdsa.PublicKey', Ed25519: 'ed25519.PublicKey' } as const;
const GO_ALGO_NAMES = { RSA: 'RSA', EC: 'ECDSA', Ed25519: 'Ed25519', 'RSA-PSS': 'RSA' } as const;
const UNSUPPORTED = 'x509: cannot verify signature: algorithm unimplemented';

/** Null when `signature` over `data` verifies with `key` under `algorithmOid`; else the problem. */
export async function checkSignature(
  algorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
  key: PublicKeyInfo,
): Promise<SignatureProblem | null> {
  const alg = SIGNATURE_ALGORITHMS[algorithmOid];
  if (!alg) return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
  if (alg.hash === 'MD5' || alg.hash === 'SHA-1') {
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
  if (alg.key === 'RSA-PSS') return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
  const failure: SignatureProblem = {
    kind: 'bad-signature',
    goError:
      key.algorithm === 'RSA'
        ? 'crypto/rsa: verification error'
        : key.algorithm === 'EC'
          ? 'x509: ECDSA verification failure'
          : 'x509: Ed25519 verification failure',
  };
  try {
    let importAlg: RsaHashedImportParams | EcKeyImportParams | Algorithm;
    let verifyAlg: AlgorithmIdentifier | EcdsaParams;
    let sig = signature;
    if (key.algorithm === 'RSA') {
      importAlg = { name: 'RSASSA-PKCS1-v1_5', hash: alg.hash! };
      verifyAlg = { name: 'RSASSA-PKCS1-v1_5' };
    } else if (key.algorithm === 'EC') {
      const curve = Object.values(CURVES).find((c) => c.name === key.curve);
      if (!curve) return { kind: 'unsupported-algorithm', goError: UNSUPPORTED };
      importAlg = { name: 'ECDSA', namedCurve: curve.name };
      verifyAlg = { name: 'ECDSA', hash: alg.hash! };
      const raw = ecdsaDerToRaw(signature, curve.size);
      if (!raw) return failure;
      sig = raw;
    } else {
      importAlg = { name: 'Ed25519' };
      verifyAlg = { name: 'Ed25519' };
      if (algorithmOid !== OID.ed25519) return failure;
    }
    const publicKey = await webcrypto.subtle.importKey('spki', toArrayBuffer(key.spki), importAlg, false, [
      'verify',
    ]);
    const ok = await webcrypto.subtle.verify(verifyAlg, publicKey, toArrayBuffer(sig), toArrayBuffer(data));
    return ok ? null : failure;
  } catch {
    return failure;
  }
}
