// The claims kube-apiserver signs into service-account tokens: bound ones (TokenRequest,
// pkg/serviceaccount/claims.go Claims) and legacy Secret-based ones (legacy.go LegacyClaims).

import { webcrypto } from '../pki/crypto.ts';
import { LabError } from '../pki/errors.ts';

/** An object a bound token names. */
export interface ObjectRef {
  name: string;
  uid: string;
}

/** Parameters of boundServiceAccountClaims (a TokenRequest). */
export interface BoundTokenParams {
  /** The first --service-account-issuer. Required. */
  issuer: string;
  namespace: string;
  /** The ServiceAccount's name and UID. */
  serviceAccount: ObjectRef;
  /** spec.audiences. Default: [issuer] (the API audiences when --api-audiences is unset). */
  audiences?: string[];
  /** spec.expirationSeconds. Default: 3600. At least 600 (TokenRequest validation). */
  expirationSeconds?: number;
  /** Issue time. Default: now. */
  now?: Date;
  /** spec.boundObjectRef. Default: none (kubectl create token). */
  bound?: { kind: 'Pod' | 'Secret' | 'Node' } & ObjectRef;
  /** The node a bound Pod runs on (ServiceAccountTokenPodNodeInfo, GA 1.32). Default: none. */
  podNode?: ObjectRef;
  /** jti (ServiceAccountTokenJTI, GA 1.32). Default: a random UUID. '' leaves it out. */
  jti?: string;
  /** kubernetes.io.warnafter, seconds after now (extended pod tokens). Default: none. */
  warnAfterSeconds?: number;
}

/** Issuer of legacy tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
/** TokenRequest's default and minimum expirationSeconds. */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
export const MIN_EXPIRATION_SECONDS = 600;

/** system:serviceaccount:<ns>:<name>. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function checkName(field: string, value: string, re: RegExp): void {
  if (!re.test(value)) {
    throw new LabError(
      'sa-token/bad-name',
      `"${value}" is not a valid Kubernetes name: lower-case letters, digits and '-'`,
      {
        field,
        value,
      },
    );
  }
}

/** The claims of a bound token. Throws `sa-token/bad-name`, `sa-token/expiration-too-short`, `sa-token/no-issuer`, `sa-token/no-audience`. */
export function boundServiceAccountClaims(p: BoundTokenParams): Record<string, unknown> {
  if (!p.issuer) throw new LabError('sa-token/no-issuer', 'The issuer is empty', { field: 'issuer' });
  checkName('namespace', p.namespace, DNS_LABEL);
  checkName('serviceAccount', p.serviceAccount.name, DNS_SUBDOMAIN);
  const exp = p.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (!Number.isInteger(exp) || exp < MIN_EXPIRATION_SECONDS || exp > 2 ** 32) {
    throw new LabError(
      'sa-token/expiration-too-short',
      `expirationSeconds ${exp}: the API server refuses less than 600 (may not specify a duration less than 10 minutes) or more than 2^32`,
      { field: 'expirationSeconds', limit: MIN_EXPIRATION_SECONDS },
    );
  }
  const audiences = p.audiences ?? [p.issuer];
  if (audiences.length === 0 || audiences.some((a) => a === '')) {
    throw new LabError('sa-token/no-audience', 'Every audience must be a non-empty string', {
      field: 'audiences',
    });
  }
  const now = Math.floor((p.now ?? new Date()).getTime() / 1000);
  const k8s: Record<string, unknown> = {
    namespace: p.namespace,
    serviceaccount: { name: p.serviceAccount.name, uid: p.serviceAccount.uid },
  };
  if (p.bound) {
    const key = p.bound.kind.toLowerCase();
    k8s[key] = { name: p.bound.name, uid: p.bound.uid };
    if (p.bound.kind === 'Pod' && p.podNode) k8s.node = { name: p.podNode.name, uid: p.podNode.uid };
  }
  if (p.warnAfterSeconds) k8s.warnafter = now + p.warnAfterSeconds;
  const jti = p.jti ?? webcrypto.randomUUID();
  // go-jose writes the registered claims in this order: iss, sub, aud, exp, nbf, iat, jti.
  return {
    aud: audiences,
    exp: now + exp,
    iat: now,
    iss: p.issuer,
    ...(jti ? { jti } : {}),
    'kubernetes.io': k8s,
    nbf: now,
    sub: serviceAccountUsername(p.namespace, p.serviceAccount.name),
  };
}

/** Parameters of legacyServiceAccountClaims. */
export interface LegacyTokenParams {
  namespace: string;
  serviceAccount: ObjectRef;
  /** The kubernetes.io/service-account-token Secret that holds the token. */
  secretName: string;
}

/** The claims of a legacy Secret-based token: no exp, no aud. */
export function legacyServiceAccountClaims(p: LegacyTokenParams): Record<string, unknown> {
  checkName('namespace', p.namespace, DNS_LABEL);
  checkName('serviceAccount', p.serviceAccount.name, DNS_SUBDOMAIN);
  checkName('secretName', p.secretName, DNS_SUBDOMAIN);
  return {
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': p.namespace,
    'kubernetes.io/serviceaccount/secret.name': p.secretName,
    'kubernetes.io/serviceaccount/service-account.name': p.serviceAccount.name,
    'kubernetes.io/serviceaccount/service-account.uid': p.serviceAccount.uid,
    sub: serviceAccountUsername(p.namespace, p.serviceAccount.name),
  };
}
