// Random and mutated input into the OIDC engine: tokens, discovery documents, JWKS, claims and
// configurations. The authenticator never throws; builders fail only with LabError. Deterministic.
import { describe, it } from 'node:test';
import { generateKeyPair } from '../../../src/pki/index.ts';
import {
  authenticateOidcToken,
  buildOidcIssuer,
  idTokenClaims,
  type JwtAuthenticator,
  jwtAuthenticatorFromFlags,
  mintIdToken,
  oidcFlagList,
  validateJwtAuthenticator,
} from '../../../src/tokens/index.ts';
import { onlyLabErrors, prng } from '../../support/fuzz.ts';

const CHARS = ['.', '"', ',', '\n', ' ', '=', '{', '}', 'A', '-', '_', '\u0000', 'é', '/', '#', '?', ':'];
function mutate(text: string, rnd: () => number): string {
  const i = Math.floor(rnd() * (text.length + 1));
  const c = CHARS[Math.floor(rnd() * CHARS.length)]!;
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return text.slice(0, i);
    case 1:
      return text.slice(0, i) + c + text.slice(i + 1);
    case 2:
      return text.slice(0, i) + c.repeat(1 + Math.floor(rnd() * 3)) + text.slice(i);
    default:
      return text.split('.').reverse().join('.');
  }
}

describe('the OIDC engine under random input', () => {
  it('the authenticator never throws and the builders fail only with LabError', async () => {
    const key = await generateKeyPair('RSA-2048');
    const url = 'https://localhost:8443';
    const issuer = await buildOidcIssuer({ issuerUrl: url, publicKey: key.publicKey });
    const token = await mintIdToken({
      claims: idTokenClaims({ issuer: url, audience: 'k', sub: 'a', email: 'a@b', groups: ['g'] }),
      privateKey: key.privateKey,
    });
    const file: JwtAuthenticator = {
      issuer: { url, audiences: ['k'] },
      claimMappings: {
        username: { expression: 'claims.sub' },
        groups: { expression: 'claims.groups' },
        extra: [{ key: 'example.com/e', valueExpression: 'claims.email' }],
      },
      claimValidationRules: [{ expression: 'claims.sub != ""' }],
      userValidationRules: [{ expression: "!user.username.startsWith('system:')" }],
    };
    const flags = jwtAuthenticatorFromFlags({
      issuerUrl: url,
      clientId: 'k',
      groupsClaim: 'groups',
    }).authenticator;
    const rnd = prng(2626);
    const started = Date.now();
    for (let i = 0; i < 300 && Date.now() - started < 20_000; i++) {
      const t = mutate(token, rnd);
      for (const authenticator of [flags, file]) {
        await authenticateOidcToken(t, { authenticator, discovery: issuer.discovery, jwks: issuer.jwks });
      }
      await authenticateOidcToken(token, {
        authenticator: flags,
        discovery: mutate(issuer.files[0]!.text, rnd),
        jwks: mutate(issuer.files[1]!.text, rnd),
      });
      const expr = mutate('claims.sub + ":" + claims.groups[0]', rnd);
      await authenticateOidcToken(token, {
        authenticator: { ...file, claimMappings: { username: { expression: expr } } },
        discovery: issuer.discovery,
        jwks: issuer.jwks,
      });
      const u = mutate(url, rnd);
      await onlyLabErrors(() => buildOidcIssuer({ issuerUrl: u, publicKey: key.publicKey }));
      await onlyLabErrors(() => oidcFlagList({ issuerUrl: u, clientId: mutate('kubernetes', rnd) }));
      await onlyLabErrors(() =>
        validateJwtAuthenticator({ ...file, issuer: { url: u, audiences: [mutate('k', rnd)] } }),
      );
    }
  });
});
