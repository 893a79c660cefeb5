// The request simulator's form as flat text fields: one name per field, the same names the engine's
// LabErrors carry in `details.field` (so a widget puts each message at the field that caused it).
// `simulatorValues` turns a setup and a request into the fields' texts; `simulatorInput` reads them
// back (a missing or unknown value falls back to the default example's), both from one table of which
// field holds which value of the setup (SETUP_PLACES). Switches are 'on'/'off'.

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

/** Which field holds each value of the setup (the switches are each part's `on`). */
const SETUP_PLACES = {
  requestHeader: {
    on: 'rhOn',
    caPem: 'rhCaPem',
    allowedNames: 'rhAllowedNames',
    usernameHeaders: 'rhUsernameHeaders',
    groupHeaders: 'rhGroupHeaders',
    extraPrefixes: 'rhExtraPrefixes',
  },
  clientCa: { on: 'clientCaOn', caPem: 'clientCaPem' },
  tokenFile: { on: 'tokenOn', csv: 'tokenCsv' },
  serviceAccount: { on: 'saOn', keyPem: 'saKeyPem', issuer: 'saIssuer', accounts: 'saAccounts' },
  oidc: {
    on: 'oidcOn',
    issuerUrl: 'oidcIssuerUrl',
    clientId: 'oidcClientId',
    usernameClaim: 'oidcUsernameClaim',
    usernamePrefix: 'oidcUsernamePrefix',
    groupsClaim: 'oidcGroupsClaim',
    groupsPrefix: 'oidcGroupsPrefix',
    signingAlgs: 'oidcSigningAlgs',
    keyPem: 'oidcKeyPem',
  },
  bootstrap: { on: 'bootstrapOn', tokens: 'bootstrapTokens' },
  webhook: { on: 'webhookOn', users: 'webhookUsers' },
  anonymous: { mode: 'anonymousMode', paths: 'anonymousPaths' },
  impersonation: { rules: 'impersonationRules' },
} as const satisfies { [P in keyof SimulatorSetup]: { [K in keyof SimulatorSetup[P]]: SimulatorField } };

/** Each part of the setup with its values' fields, in SETUP_PLACES's order. */
const places = () =>
  Object.entries(SETUP_PLACES).map(
    ([part, fields]) => [part, Object.entries(fields)] as [keyof SimulatorSetup, [string, SimulatorField][]],
  );

/** The fields' texts for a setup and a request. */
export function simulatorValues(s: SimulatorSetup, r: SimulatorRequest): Record<SimulatorField, string> {
  const text = new Map<SimulatorField, string>();
  for (const [part, fields] of places())
    for (const [key, field] of fields) {
      const value = (s[part] as Record<string, string | boolean>)[key];
      text.set(field, typeof value === 'boolean' ? (value ? 'on' : 'off') : (value as string));
    }
  for (const field of SIMULATOR_REQUEST_FIELDS) text.set(field, r[field]);
  return Object.fromEntries(SIMULATOR_FIELDS.map((f) => [f, text.get(f)])) as Record<SimulatorField, string>;
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
  const setup = Object.fromEntries(
    places().map(([part, fields]) => [
      part,
      Object.fromEntries(fields.map(([key, field]) => [key, key === 'on' ? v(field) === 'on' : v(field)])),
    ]),
  ) as unknown as SimulatorSetup;
  const mode = setup.anonymous.mode as string;
  setup.anonymous.mode = mode === 'off' || mode === 'conditions' ? mode : 'on';
  const endpoint = v('endpoint');
  return {
    setup,
    request: {
      endpoint: (ENDPOINTS as readonly string[]).includes(endpoint) ? (endpoint as Endpoint) : 'whoami',
      certificatePem: v('certificatePem'),
      authorization: v('authorization'),
      headers: v('headers'),
    },
  };
}
