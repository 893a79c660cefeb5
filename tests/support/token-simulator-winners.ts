// What the request simulator's examples must come to, written here and not taken from src: the
// step that authenticates each example request (tests/unit/tokens/request-simulator.test.ts checks
// the engine against it, tests/e2e/request-simulator.spec.ts the widget).
import type { ExampleRequest } from '../../src/tokens/index.ts';

/** The authenticator each example request is for. */
export const EXAMPLE_WINNER: Record<ExampleRequest, string> = {
  certificate: 'x509',
  'token-file': 'token-file',
  'service-account': 'service-account',
  oidc: 'oidc',
  webhook: 'webhook',
  proxy: 'request-header',
  nothing: 'anonymous',
  'certificate-and-wrong-token': 'x509',
  'foreign-certificate-and-token': 'token-file',
  'bootstrap-token': 'bootstrap-token',
  'impersonation-allowed': 'token-file',
  'impersonation-refused': 'token-file',
  'impersonation-without-user': 'token-file',
};
