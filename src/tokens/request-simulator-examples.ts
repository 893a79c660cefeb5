// The request simulator's examples: a setup that works without any key (token file, webhook users,
// anonymous), and, on request, a working example for every authenticator — a client CA and a user's
// certificate (part 1), a front proxy's CA and client certificate (part 5), a service-account key and
// a bound token (part 2), an OIDC issuer's key and an ID token (part 3) — made in the browser, with
// the requests that use them.
import { exportPublicKeyPem } from '../pki/export-public-key-pem.ts';
import { generateKeyPair } from '../pki/generate-key-pair.ts';
import { issueClientCertificate } from '../pki/issue-client-certificate.ts';
import { issueFrontProxyCa, issueFrontProxyClientCertificate } from '../pki/issue-front-proxy.ts';
import { issueRootCa } from '../pki/issue-root-ca.ts';
import { idTokenClaims, mintIdToken } from './oidc-id-token.ts';
import type { SimulatorRequest, SimulatorSetup } from './request-simulator.ts';
import { boundServiceAccountClaims } from './service-account-claims.ts';
import { signJwt } from './sign-jwt.ts';

export const EXAMPLE_TOKEN = '31ada4fd-adec-460c-809a-9e56ceb75269';
export const EXAMPLE_WEBHOOK_TOKEN = 'wh-carol-7f3a9c2e';
export const EXAMPLE_SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const EXAMPLE_SA = {
  namespace: 'default',
  name: 'build-bot',
  uid: '0b9f7a52-3c1e-4d55-9a61-2f4a8c7e1d03',
};
export const EXAMPLE_OIDC_ISSUER = 'https://issuer.example.com';
/** A bootstrap token (the form of the Kubernetes documentation's example) and its kubeadm group. */
export const EXAMPLE_BOOTSTRAP_TOKEN = '07401b.f395accd246ae52d';
export const EXAMPLE_BOOTSTRAP_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/** The setup before any key is made: token file, bootstrap tokens, webhook and anonymous on; alice may act as sam of group qa. */
export const DEFAULT_SETUP: SimulatorSetup = {
  requestHeader: {
    on: false,
    caPem: '',
    allowedNames: 'front-proxy-client',
    usernameHeaders: 'X-Remote-User',
    groupHeaders: 'X-Remote-Group',
    extraPrefixes: 'X-Remote-Extra-',
  },
  clientCa: { on: false, caPem: '' },
  tokenFile: { on: true, csv: `${EXAMPLE_TOKEN},alice,1001,"developers,ops"\n` },
  serviceAccount: {
    on: false,
    keyPem: '',
    issuer: EXAMPLE_SA_ISSUER,
    accounts: `${EXAMPLE_SA.namespace}/${EXAMPLE_SA.name} ${EXAMPLE_SA.uid}\n`,
  },
  oidc: {
    on: false,
    issuerUrl: EXAMPLE_OIDC_ISSUER,
    clientId: 'kubernetes',
    usernameClaim: 'email',
    usernamePrefix: '',
    groupsClaim: 'groups',
    groupsPrefix: 'oidc:',
    signingAlgs: 'RS256',
    keyPem: '',
  },
  webhook: {
    on: true,
    users: `${JSON.stringify({ users: [{ token: EXAMPLE_WEBHOOK_TOKEN, username: 'carol', uid: 'c-1', groups: ['ops'] }] }, null, 2)}\n`,
  },
  bootstrap: { on: true, tokens: `${EXAMPLE_BOOTSTRAP_TOKEN} ${EXAMPLE_BOOTSTRAP_GROUP}\n` },
  anonymous: { mode: 'on', paths: '/livez\n/readyz\n/healthz\n' },
  impersonation: { rules: 'alice: users/sam groups/qa\n' },
};

/** The request before any key is made: the token file's token. */
export const DEFAULT_REQUEST: SimulatorRequest = {
  endpoint: 'whoami',
  certificatePem: '',
  authorization: `Bearer ${EXAMPLE_TOKEN}`,
  headers: '',
};

/** The example requests, by name. */
export const EXAMPLE_REQUESTS = [
  'certificate',
  'token-file',
  'bootstrap-token',
  'service-account',
  'oidc',
  'webhook',
  'proxy',
  'nothing',
  'certificate-and-wrong-token',
  'foreign-certificate-and-token',
  'impersonation-allowed',
  'impersonation-refused',
  'impersonation-without-user',
] as const;
export type ExampleRequest = (typeof EXAMPLE_REQUESTS)[number];

/** What makeExamples made: the setup with every authenticator on, and the credentials. */
export interface SimulatorExamples {
  setup: SimulatorSetup;
  /** PEM certificates (no keys: the simulator never needs one). */
  clientCertificatePem: string;
  proxyCertificatePem: string;
  /** A certificate from a CA the API server does not trust. */
  foreignCertificatePem: string;
  serviceAccountToken: string;
  idToken: string;
  /** The private keys, for tests that must present the certificates (never shown or kept by the widget). */
  keys: { client: string; proxy: string; foreign: string };
}

/** Makes a working example for every authenticator. `clientCaPem`/`clientCertificatePem` from the part-1 workspace are used when given. */
export async function makeExamples(
  p: { oidcIssuerUrl?: string; now?: Date; clientCaPem?: string; clientCertificatePem?: string } = {},
): Promise<SimulatorExamples> {
  const now = p.now ?? new Date();
  const algorithm = 'ECDSA-P256' as const;
  const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm, notBefore: now });
  const client = await issueClientCertificate(
    { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm, notBefore: now },
    ca,
  );
  const foreignCa = await issueRootCa({ subject: { commonName: 'someone-else' }, algorithm, notBefore: now });
  const foreign = await issueClientCertificate(
    { subject: { commonName: 'mallory', organizations: ['system:masters'] }, algorithm, notBefore: now },
    foreignCa,
  );
  const proxyCa = await issueFrontProxyCa({ algorithm, notBefore: now });
  const proxy = await issueFrontProxyClientCertificate({ algorithm, notBefore: now }, proxyCa);
  const saKey = await generateKeyPair('RSA-2048');
  const serviceAccountToken = await signJwt({
    claims: boundServiceAccountClaims({
      issuer: EXAMPLE_SA_ISSUER,
      namespace: EXAMPLE_SA.namespace,
      serviceAccount: { name: EXAMPLE_SA.name, uid: EXAMPLE_SA.uid },
      expirationSeconds: 86400,
      now,
    }),
    privateKey: saKey.privateKey,
  });
  const issuerUrl = p.oidcIssuerUrl ?? EXAMPLE_OIDC_ISSUER;
  const oidcKey = await generateKeyPair('RSA-2048');
  const idToken = await mintIdToken({
    claims: idTokenClaims({
      issuer: issuerUrl,
      audience: 'kubernetes',
      sub: 'bob-1234',
      email: 'bob@example.com',
      emailVerified: true,
      groups: ['platform'],
      lifetimeSeconds: 86400,
      now,
    }),
    privateKey: oidcKey.privateKey,
  });
  const useWorkspace = Boolean(p.clientCaPem?.trim() && p.clientCertificatePem?.trim());
  const setup: SimulatorSetup = {
    ...DEFAULT_SETUP,
    requestHeader: { ...DEFAULT_SETUP.requestHeader, on: true, caPem: proxyCa.certificatePem },
    clientCa: { on: true, caPem: useWorkspace ? p.clientCaPem! : ca.certificatePem },
    serviceAccount: {
      ...DEFAULT_SETUP.serviceAccount,
      on: true,
      keyPem: await exportPublicKeyPem(saKey.publicKey),
    },
    oidc: { ...DEFAULT_SETUP.oidc, on: true, issuerUrl, keyPem: await exportPublicKeyPem(oidcKey.publicKey) },
  };
  return {
    setup,
    clientCertificatePem: useWorkspace ? p.clientCertificatePem! : client.certificatePem,
    proxyCertificatePem: proxy.certificatePem,
    foreignCertificatePem: foreign.certificatePem,
    serviceAccountToken,
    idToken,
    keys: { client: client.privateKeyPem, proxy: proxy.privateKeyPem, foreign: foreign.privateKeyPem },
  };
}

/** One of the example requests, with the credentials of `ex`. */
export function exampleRequest(name: ExampleRequest, ex: SimulatorExamples): SimulatorRequest {
  const base: SimulatorRequest = { endpoint: 'whoami', certificatePem: '', authorization: '', headers: '' };
  switch (name) {
    case 'certificate':
      return { ...base, certificatePem: ex.clientCertificatePem };
    case 'token-file':
      return { ...base, authorization: `Bearer ${EXAMPLE_TOKEN}` };
    case 'bootstrap-token':
      return { ...base, authorization: `Bearer ${EXAMPLE_BOOTSTRAP_TOKEN}` };
    case 'service-account':
      return { ...base, authorization: `Bearer ${ex.serviceAccountToken}` };
    case 'oidc':
      return { ...base, authorization: `Bearer ${ex.idToken}` };
    case 'webhook':
      return { ...base, authorization: `Bearer ${EXAMPLE_WEBHOOK_TOKEN}` };
    case 'proxy':
      return {
        ...base,
        certificatePem: ex.proxyCertificatePem,
        headers: 'X-Remote-User: fido\nX-Remote-Group: dogs\nX-Remote-Extra-Scopes: openid\n',
      };
    case 'nothing':
      return base;
    case 'certificate-and-wrong-token':
      return { ...base, certificatePem: ex.clientCertificatePem, authorization: 'Bearer not-a-known-token' };
    case 'foreign-certificate-and-token':
      return { ...base, certificatePem: ex.foreignCertificatePem, authorization: `Bearer ${EXAMPLE_TOKEN}` };
    case 'impersonation-allowed':
      return {
        ...base,
        authorization: `Bearer ${EXAMPLE_TOKEN}`,
        headers: 'Impersonate-User: sam\nImpersonate-Group: qa\n',
      };
    case 'impersonation-refused':
      return { ...base, authorization: `Bearer ${EXAMPLE_TOKEN}`, headers: 'Impersonate-User: admin\n' };
    case 'impersonation-without-user':
      return { ...base, authorization: `Bearer ${EXAMPLE_TOKEN}`, headers: 'Impersonate-Group: qa\n' };
  }
}
