import type { ClientCertificateParams, ServerCertificateParams } from '../pki/types.ts';
import { cfsslHours } from './cfssl-csr-json.ts';
import { checkValidityDays } from './recipe-params.ts';

/**
 * Key usages both leaf profiles carry: "signing" (digitalSignature) and "key encipherment", as
 * kubeadm's leaf template and the classic cfssl recipes do.
 */
export const CFSSL_LEAF_USAGES = ['signing', 'key encipherment'] as const;

/** cfssl's config.json with separate `server` (server auth) and `client` (client auth) profiles. */
export function cfsslConfigJson(params: {
  server: Pick<ServerCertificateParams, 'validityDays'>;
  client: Pick<ClientCertificateParams, 'validityDays'>;
}): string {
  const config = {
    signing: {
      profiles: {
        server: {
          usages: [...CFSSL_LEAF_USAGES, 'server auth'],
          expiry: cfsslHours(checkValidityDays('server.validityDays', params.server.validityDays, 365)),
        },
        client: {
          usages: [...CFSSL_LEAF_USAGES, 'client auth'],
          expiry: cfsslHours(checkValidityDays('client.validityDays', params.client.validityDays, 365)),
        },
      },
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
