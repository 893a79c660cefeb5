// Random and mutated input into every token parser and authenticator: whatever comes in, only
// LabError may come out (authenticators never throw at all), and nothing may hang. Deterministic.
import { describe, it } from 'node:test';
import { exportPublicKeyPem, generateKeyPair } from '../../../src/pki/index.ts';
import {
  authenticateBootstrapToken,
  authenticateRequest,
  boundServiceAccountClaims,
  buildBootstrapTokenSecret,
  type ClusterObject,
  decodeJwt,
  parseAuthorizationHeader,
  parseBootstrapToken,
  readTokenFile,
  readVerificationKeysJwks,
  readVerificationKeysPem,
  serviceAccountAuthenticators,
  signJwt,
  verifyJwtSignature,
} from '../../../src/tokens/index.ts';
import { onlyLabErrors, prng } from '../../support/fuzz.ts';

function mutate(text: string, rnd: () => number): string {
  const chars = ['.', '"', ',', '\n', ' ', '=', '{', '}', 'A', '-', '_', '\u0000', 'é'];
  const ops = [
    () => text.slice(0, Math.floor(rnd() * text.length)),
    () => {
      const i = Math.floor(rnd() * text.length);
      return text.slice(0, i) + chars[Math.floor(rnd() * chars.length)] + text.slice(i + 1);
    },
    () => {
      const i = Math.floor(rnd() * text.length);
      return (
        text.slice(0, i) +
        chars[Math.floor(rnd() * chars.length)]!.repeat(1 + Math.floor(rnd() * 3)) +
        text.slice(i)
      );
    },
    () => text.split('.').reverse().join('.'),
  ];
  return ops[Math.floor(rnd() * ops.length)]!();
}

describe('the token parsers and authenticators under random input', () => {
  it('fail only with LabError, and authenticators never throw', async () => {
    const key = await generateKeyPair('ECDSA-P256');
    const pem = await exportPublicKeyPem(key.publicKey);
    const keys = await readVerificationKeysPem(pem);
    const issuer = 'https://k';
    const jwt = await signJwt({
      claims: boundServiceAccountClaims({
        issuer,
        namespace: 'ns',
        serviceAccount: { name: 'sa', uid: 'u' },
      }),
      privateKey: key.privateKey,
    });
    const objects: ClusterObject[] = [
      { kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'ns', uid: 'u' } },
      buildBootstrapTokenSecret({ token: 'abcdef.0123456789abcdef' }).object as ClusterObject,
    ];
    const authenticators = serviceAccountAuthenticators({ issuers: [issuer], keys, objects });
    const jwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB', kid: 'k' }] });
    const rnd = prng(4242);
    const started = Date.now();
    for (let i = 0; i < 300 && Date.now() - started < 20_000; i++) {
      const token = mutate(jwt, rnd);
      await onlyLabErrors(() => decodeJwt(token));
      await onlyLabErrors(() => verifyJwtSignature(token, keys));
      await authenticateRequest({ authorization: `Bearer ${token}`, authenticators });
      parseAuthorizationHeader(mutate('Bearer abc', rnd));
      const bt = mutate('abcdef.0123456789abcdef', rnd);
      await onlyLabErrors(() => parseBootstrapToken(bt));
      authenticateBootstrapToken(bt, { secrets: objects });
      await onlyLabErrors(() => readTokenFile(mutate('tok,alice,1001,"dev,ops"\nb,c,d\n', rnd)));
      await onlyLabErrors(() => readVerificationKeysJwks(mutate(jwks, rnd)));
      if (i % 10 === 0) await onlyLabErrors(() => readVerificationKeysPem(mutate(pem, rnd)));
    }
  });
});
