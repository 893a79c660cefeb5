// An OpenID Connect issuer made from a key in the browser: the discovery document that
// kube-apiserver fetches from {issuer}/.well-known/openid-configuration (go-oidc NewProvider:
// strings.TrimSuffix(issuer, "/") + that path; the body's "issuer" must equal the configured URL
// string-exactly, trailing slash included) and the JWKS its jwks_uri names. Only `issuer` and
// `jwks_uri` matter to kube-apiserver (it passes its own algorithm list, FACTS-2-5 §2.2); the other
// fields are the ones OpenID Connect Discovery 1.0 §3 requires, so other clients accept the files too.
import { LabError } from '../pki/errors.ts';
import { buildJwks, type PublishedJwk } from './build-jwks.ts';
import type { OidcSigningAlg } from './oidc-authenticator.ts';
import { defaultAlgorithm } from './sign-jwt.ts';

/** Parameters of buildOidcIssuer. */
export interface OidcIssuerParams {
  /** The issuer URL, exactly as kube-apiserver will be told (https, no query or fragment). */
  issuerUrl: string;
  /** The public key that verifies the tokens (RSA or ECDSA). */
  publicKey: CryptoKey;
  /** The algorithm the tokens are signed with. Default: RS256 for RSA, ES256/384/512 by curve. */
  alg?: OidcSigningAlg;
  /** Where the JWKS is served, relative to the issuer. Default: 'openid/v1/jwks' (kube-apiserver's own path). */
  jwksPath?: string;
}

/** The discovery document (OpenID Connect Discovery 1.0 §3, the required fields). */
export interface OidcDiscovery {
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
}

/** What the issuer serves, and where. */
export interface OidcIssuer {
  discovery: OidcDiscovery;
  jwks: { keys: PublishedJwk[] };
  kid: string;
  alg: OidcSigningAlg;
  /** The URL kube-apiserver fetches first. */
  discoveryUrl: string;
  /** The files under the web server's root: URL path (no leading slash) → text. */
  files: { path: string; url: string; text: string }[];
}

/** The URL of the discovery document for an issuer, as go-oidc builds it. */
export function discoveryUrlFor(issuerUrl: string): string {
  return `${issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

/** Checks an issuer URL. Throws `oidc-issuer/bad-url`, `oidc-issuer/not-https`. */
export function checkIssuerUrl(issuerUrl: string): URL {
  let u: URL;
  try {
    u = new URL(issuerUrl);
  } catch {
    throw new LabError('oidc-issuer/bad-url', `"${issuerUrl}" is not a URL such as https://localhost:8443`, {
      field: 'issuerUrl',
      value: String(issuerUrl),
    });
  }
  if (
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    /[\s\u0000-\u001f"'\\<>`]/.test(issuerUrl) ||
    u.username ||
    u.password ||
    u.search ||
    u.hash ||
    /[?#]/.test(issuerUrl)
  ) {
    throw new LabError(
      'oidc-issuer/bad-url',
      `"${issuerUrl}" must be https://host[:port][/path] without spaces, quotes, user, query or fragment`,
      { field: 'issuerUrl', value: issuerUrl },
    );
  }
  if (u.protocol !== 'https:') {
    throw new LabError('oidc-issuer/not-https', `"${issuerUrl}": kube-apiserver accepts only https issuers`, {
      field: 'issuerUrl',
      value: issuerUrl,
    });
  }
  return u;
}

/** The discovery document, the JWKS and the files to serve. Throws `oidc-issuer/*`, `jwt-sign/*`, `jwks/*`. */
export async function buildOidcIssuer(p: OidcIssuerParams): Promise<OidcIssuer> {
  const u = checkIssuerUrl(p.issuerUrl);
  const alg = p.alg ?? defaultAlgorithm(p.publicKey);
  const keyType = p.publicKey.algorithm.name === 'ECDSA' ? 'EC' : 'RSA';
  if (
    (keyType === 'EC') !== alg.startsWith('ES') ||
    (keyType === 'EC' && alg !== defaultAlgorithm(p.publicKey))
  ) {
    throw new LabError(
      'jwt-sign/wrong-algorithm',
      `${alg} does not fit a ${p.publicKey.algorithm.name} key`,
      {
        field: 'alg',
        alg,
      },
    );
  }
  const jwksPath = (p.jwksPath ?? 'openid/v1/jwks').replace(/^\/+/, '');
  if (
    !/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(jwksPath) ||
    jwksPath.split('/').some((s) => /^\.+$/.test(s))
  ) {
    throw new LabError('oidc-issuer/bad-path', `"${jwksPath}" is not a path such as openid/v1/jwks`, {
      field: 'jwksPath',
      value: jwksPath,
    });
  }
  const base = p.issuerUrl.replace(/\/$/, '');
  const published = await buildJwks([p.publicKey]);
  const jwks = { keys: published.keys.map((k) => ({ ...k, alg })) };
  const discovery: OidcDiscovery = {
    issuer: p.issuerUrl,
    jwks_uri: `${base}/${jwksPath}`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [alg],
  };
  const root = u.pathname.replace(/^\/+|\/+$/g, '');
  const under = (rel: string) => (root ? `${root}/${rel}` : rel);
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return {
    discovery,
    jwks,
    kid: jwks.keys[0]!.kid,
    alg,
    discoveryUrl: discoveryUrlFor(p.issuerUrl),
    files: [
      {
        path: under('.well-known/openid-configuration'),
        url: discoveryUrlFor(p.issuerUrl),
        text: json(discovery),
      },
      { path: under(jwksPath), url: discovery.jwks_uri, text: json(jwks) },
    ],
  };
}
