import type { ClientCertificateParams, KeyAlgorithm, ServerCertificateParams } from '../pki/types.ts';
import { cfsslHours } from './cfssl-csr-json.ts';
import { checkValidityDays } from './recipe-params.ts';

/**
 * Key usages of a leaf profile: "signing" (digitalSignature), plus "key encipherment" for RSA keys
 * only — the same as src/pki issues and Go's convention (key encipherment means RSA key transport,
 * which ECDSA and Ed25519 keys cannot do).
 */
export function cfsslLeafUsages(algorithm: KeyAlgorithm | undefined): string[] {
  return (algorithm ?? 'RSA-2048').startsWith('RSA') ? ['signing', 'key encipherment'] : ['signing'];
}

/** cfssl's config.json with separate `server` (server auth) and `client` (client auth) profiles. */
export function cfsslConfigJson(params: {
  server: Pick<ServerCertificateParams, 'validityDays' | 'algorithm'>;
  client: Pick<ClientCertificateParams, 'validityDays' | 'algorithm'>;
}): string {
  const config = {
    signing: {
      profiles: {
        server: {
          usages: [...cfsslLeafUsages(params.server.algorithm), 'server auth'],
          expiry: cfsslHours(checkValidityDays('server.validityDays', params.server.validityDays, 365)),
        },
        client: {
          usages: [...cfsslLeafUsages(params.client.algorithm), 'client auth'],
          expiry: cfsslHours(checkValidityDays('client.validityDays', params.client.validityDays, 365)),
        },
      },
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
