// The request simulator's form as flat text fields: one name per field, the same names the engine's
// LabErrors carry in `details.field` (so a widget puts each message at the field that caused it).
// `simulatorValues` turns a setup and a request into the fields' texts; `simulatorInput` reads them
// back (a missing or unknown value falls back to the default example's). Switches are 'on'/'off'.

import { ENDPOINTS, type Endpoint, type SimulatorRequest, type SimulatorSetup } from './request-simulator.ts';
import { DEFAULT_REQUEST, DEFAULT_SETUP } from './request-simulator-examples.ts';

/** The switches, one per authenticator (anonymous is a mode, not a switch). */
export const SIMULATOR_SWITCHES = [
  'rhOn',
  'clientCaOn',
  'tokenOn',
  'saOn',
  'bootstrapOn',
  'oidcOn',
  'webhookOn',
] as const;
/** The setup's text fields. */
export const SIMULATOR_SETUP_FIELDS = [
  'rhCaPem',
  'rhAllowedNames',
  'rhUsernameHeaders',
  'rhGroupHeaders',
  'rhExtraPrefixes',
  'clientCaPem',
  'tokenCsv',
  'saKeyPem',
  'saIssuer',
  'saAccounts',
  'bootstrapTokens',
  'oidcIssuerUrl',
  'oidcClientId',
  'oidcUsernameClaim',
  'oidcUsernamePrefix',
  'oidcGroupsClaim',
  'oidcGroupsPrefix',
  'oidcSigningAlgs',
  'oidcKeyPem',
  'webhookUsers',
  'anonymousMode',
  'anonymousPaths',
  'impersonationRules',
] as const;
/** The request's fields. */
export const SIMULATOR_REQUEST_FIELDS = ['endpoint', 'certificatePem', 'authorization', 'headers'] as const;
export const SIMULATOR_FIELDS = [
  ...SIMULATOR_SWITCHES,
  ...SIMULATOR_SETUP_FIELDS,
  ...SIMULATOR_REQUEST_FIELDS,
] as const;
export type SimulatorField = (typeof SIMULATOR_FIELDS)[number];

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** The fields' texts for a setup and a request. */
export function simulatorValues(s: SimulatorSetup, r: SimulatorRequest): Record<SimulatorField, string> {
  return {
    rhOn: onOff(s.requestHeader.on),
    clientCaOn: onOff(s.clientCa.on),
    tokenOn: onOff(s.tokenFile.on),
    saOn: onOff(s.serviceAccount.on),
    bootstrapOn: onOff(s.bootstrap.on),
    oidcOn: onOff(s.oidc.on),
    webhookOn: onOff(s.webhook.on),
    rhCaPem: s.requestHeader.caPem,
    rhAllowedNames: s.requestHeader.allowedNames,
    rhUsernameHeaders: s.requestHeader.usernameHeaders,
    rhGroupHeaders: s.requestHeader.groupHeaders,
    rhExtraPrefixes: s.requestHeader.extraPrefixes,
    clientCaPem: s.clientCa.caPem,
    tokenCsv: s.tokenFile.csv,
    saKeyPem: s.serviceAccount.keyPem,
    saIssuer: s.serviceAccount.issuer,
    saAccounts: s.serviceAccount.accounts,
    bootstrapTokens: s.bootstrap.tokens,
    oidcIssuerUrl: s.oidc.issuerUrl,
    oidcClientId: s.oidc.clientId,
    oidcUsernameClaim: s.oidc.usernameClaim,
    oidcUsernamePrefix: s.oidc.usernamePrefix,
    oidcGroupsClaim: s.oidc.groupsClaim,
    oidcGroupsPrefix: s.oidc.groupsPrefix,
    oidcSigningAlgs: s.oidc.signingAlgs,
    oidcKeyPem: s.oidc.keyPem,
    webhookUsers: s.webhook.users,
    anonymousMode: s.anonymous.mode,
    anonymousPaths: s.anonymous.paths,
    impersonationRules: s.impersonation.rules,
    endpoint: r.endpoint,
    certificatePem: r.certificatePem,
    authorization: r.authorization,
    headers: r.headers,
  };
}

/** The default example's fields (what the page shows before the reader edits anything). */
export const SIMULATOR_DEFAULTS = simulatorValues(DEFAULT_SETUP, DEFAULT_REQUEST);

/** The setup and the request the fields describe. */
export function simulatorInput(values: Partial<Record<string, string>>): {
  setup: SimulatorSetup;
  request: SimulatorRequest;
} {
  const v = (name: SimulatorField): string => {
    const x = values[name];
    return typeof x === 'string' ? x : SIMULATOR_DEFAULTS[name];
  };
  const on = (name: SimulatorField) => v(name) === 'on';
  const mode = v('anonymousMode');
  const endpoint = v('endpoint');
  return {
    setup: {
      requestHeader: {
        on: on('rhOn'),
        caPem: v('rhCaPem'),
        allowedNames: v('rhAllowedNames'),
        usernameHeaders: v('rhUsernameHeaders'),
        groupHeaders: v('rhGroupHeaders'),
        extraPrefixes: v('rhExtraPrefixes'),
      },
      clientCa: { on: on('clientCaOn'), caPem: v('clientCaPem') },
      tokenFile: { on: on('tokenOn'), csv: v('tokenCsv') },
      serviceAccount: {
        on: on('saOn'),
        keyPem: v('saKeyPem'),
        issuer: v('saIssuer'),
        accounts: v('saAccounts'),
      },
      oidc: {
        on: on('oidcOn'),
        issuerUrl: v('oidcIssuerUrl'),
        clientId: v('oidcClientId'),
        usernameClaim: v('oidcUsernameClaim'),
        usernamePrefix: v('oidcUsernamePrefix'),
        groupsClaim: v('oidcGroupsClaim'),
        groupsPrefix: v('oidcGroupsPrefix'),
        signingAlgs: v('oidcSigningAlgs'),
        keyPem: v('oidcKeyPem'),
      },
      bootstrap: { on: on('bootstrapOn'), tokens: v('bootstrapTokens') },
      webhook: { on: on('webhookOn'), users: v('webhookUsers') },
      anonymous: {
        mode: mode === 'off' || mode === 'conditions' ? mode : 'on',
        paths: v('anonymousPaths'),
      },
      impersonation: { rules: v('impersonationRules') },
    },
    request: {
      endpoint: (ENDPOINTS as readonly string[]).includes(endpoint) ? (endpoint as Endpoint) : 'whoami',
      certificatePem: v('certificatePem'),
      authorization: v('authorization'),
      headers: v('headers'),
    },
  };
}
