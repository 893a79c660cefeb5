// The public API of src/tokens: bearer tokens as kube-apiserver reads them (static token files,
// bootstrap tokens, service-account JWTs) and the authentication decision on a request. DOM-free,
// runs in Node and the browser; throws only LabError.

export {
  authenticateBootstrapToken,
  type BootstrapAuthParams,
  type BootstrapRefusal,
  type BootstrapVerdict,
  bootstrapTokenAuthenticator,
  parseRfc3339,
} from './authenticate-bootstrap-token.ts';
export {
  ANONYMOUS,
  type AuthenticateRequestParams,
  addAuthenticatedGroup,
  authenticateRequest,
  type BearerHeader,
  EXTRA_SPACE_WARNING,
  INVALID_BEARER_TOKEN,
  KUBECTL_401,
  parseAuthorizationHeader,
  type RequestVerdict,
  UNAUTHORIZED_STATUS,
} from './authenticate-request.ts';
export {
  authenticateLegacyServiceAccountToken,
  authenticateServiceAccountToken,
  LEEWAY_SECONDS,
  type ServiceAccountAuthParams,
  type ServiceAccountRefusal,
  type ServiceAccountVerdict,
  serviceAccountAuthenticators,
  serviceAccountUser,
  unverifiedIssuer,
} from './authenticate-service-account-token.ts';
export {
  BOOTSTRAP_DEFAULT_GROUP,
  BOOTSTRAP_GROUP_PATTERN,
  BOOTSTRAP_SECRET_PREFIX,
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_USAGES,
  BOOTSTRAP_USER_PREFIX,
  type BootstrapTokenParts,
  type BootstrapUsage,
  bootstrapGroupError,
  generateBootstrapToken,
  goQuote,
  parseBootstrapToken,
} from './bootstrap-token.ts';
export {
  type BootstrapTokenSecret,
  type BootstrapTokenSecretParams,
  buildBootstrapTokenSecret,
  KUBEADM_DEFAULT_NODE_TOKEN_GROUP,
  rfc3339,
  type SecretObject,
} from './bootstrap-token-secret.ts';
export { buildJwks, type PublishedJwk } from './build-jwks.ts';
export { type ClusterObject, clusterObjectsJson, findObject, secretValue } from './cluster-objects.ts';
export { type DecodedJwt, decodeJwt } from './decode-jwt.ts';
export {
  type GoCsvError,
  type GoCsvRecord,
  goCsvFieldNeedsQuotes,
  readGoCsv,
  writeGoCsvRecord,
} from './go-csv.ts';
export { parseGoDuration } from './go-duration.ts';
export {
  forbiddenMessage,
  type ImpersonationVerdict,
  impersonate,
  type RbacObject,
  type RbacRule,
  rbacAllows,
  readRbacTable,
  ruleAllows,
} from './impersonation-authorize.ts';
export {
  escapeExtraKey,
  type ImpersonationAttributes,
  type ImpersonationRequest,
  impersonationAttributes,
  impersonationHeaders,
  type KubectlImpersonation,
  readImpersonationHeaders,
} from './impersonation-headers.ts';
export { keyIdFromPublicKey } from './key-id.ts';
export {
  authenticateOidcToken,
  checkDiscovery,
  goTime,
  mapClaims,
  type OidcAuthParams,
  type OidcRefusal,
  type OidcVerdict,
  oidcTokenAuthenticator,
  untrustedOidcIssuer,
} from './oidc-authenticate.ts';
export {
  type ClaimOrExpression,
  type ClaimValidationRule,
  type JwtAuthenticator,
  type JwtValidationError,
  kubernetesMinor,
  OIDC_SIGNING_ALGS,
  type OidcSigningAlg,
  type OidcVersionSupport,
  oidcVersionSupport,
  type PrefixedClaimOrExpression,
  usesCel,
  usesClaim,
  validateJwtAuthenticator,
} from './oidc-authenticator.ts';
export {
  authenticationConfiguration,
  checkOidcFlags,
  flagUsernamePrefix,
  jwtAuthenticatorFromFlags,
  type OidcFlag,
  type OidcFlags,
  oidcFlagList,
} from './oidc-flags.ts';
export {
  ID_TOKEN_REGISTERED_CLAIMS,
  type IdTokenClaimsParams,
  idTokenClaims,
  type MintIdTokenParams,
  mintIdToken,
} from './oidc-id-token.ts';
export {
  buildOidcIssuer,
  checkIssuerUrl,
  discoveryUrlFor,
  type OidcDiscovery,
  type OidcIssuer,
  type OidcIssuerParams,
} from './oidc-issuer.ts';
export { pythonJsonDumps } from './python-json.ts';
export { type RandomTokenParams, randomToken } from './random-token.ts';
export {
  type ReadTokenFileParams,
  readTokenFile,
  type TokenFile,
  type TokenFileEntry,
  type TokenFileWarning,
  tokenFileUser,
} from './read-token-file.ts';
export {
  looksLikeTokenReview,
  readTokenReview,
  type TokenReviewAnswerReading,
  type TokenReviewBelief,
  type TokenReviewReading,
  type TokenReviewRequestReading,
} from './read-token-review.ts';
export {
  type AuthenticateFullRequestParams,
  authenticateFullRequest,
  type FullRequestVerdict,
  x509RequestAuthenticator,
} from './request-header-authenticate.ts';
export {
  canonicalHeaderKey,
  certificateIdentifier,
  commonNameOf,
  goPathUnescape,
  type HttpHeaders,
  headerMap,
  type IncomingRequest,
  type RequestAuthenticator,
  readIdentityHeaders,
  requestHeaderAuthenticator,
} from './request-header-authenticator.ts';
export {
  AGGREGATION_HEADERS,
  checkRequestHeaderCas,
  KUBEADM_PROXY_CLIENT_FILES,
  KUBEADM_REQUEST_HEADER,
  OVERLAPPING_CA_ERROR,
  type RequestHeaderConfig,
  type RequestHeaderFinding,
  type ResolvedRequestHeaderConfig,
  requestHeaderFindings,
  requestHeaderFlags,
  resolveRequestHeaderConfig,
} from './request-header-config.ts';
export * from './request-simulator.ts';
export * from './request-simulator-examples.ts';
export * from './request-simulator-fields.ts';
export * from './request-simulator-parts.ts';
export * from './request-simulator-rules.ts';
export {
  type BoundTokenParams,
  boundServiceAccountClaims,
  DEFAULT_EXPIRATION_SECONDS,
  LEGACY_ISSUER,
  type LegacyTokenParams,
  legacyServiceAccountClaims,
  MIN_EXPIRATION_SECONDS,
  type ObjectRef,
  serviceAccountUsername,
} from './service-account-claims.ts';
export { defaultAlgorithm, type SignJwtParams, signJwt } from './sign-jwt.ts';
export { tokenFileAuthenticator } from './token-file-authenticator.ts';
export {
  PLAYGROUND_FAILURES,
  PLAYGROUND_FIELDS,
  PLAYGROUND_START,
  type PlaygroundFailure,
  type PlaygroundField,
  type PlaygroundInputs,
  type PlaygroundParams,
  type PlaygroundRequest,
  type PlaygroundRequestFields,
  type PlaygroundRun,
  type PlaygroundTimeline,
  playgroundRequestText,
  readPlaygroundAnswer,
  readPlaygroundAudiences,
  readPlaygroundRequest,
  readPlaygroundTimeline,
  readPlaygroundTtl,
  runPlayground,
  tokenReviewPlayground,
} from './token-review-playground.ts';
export {
  EXTRA,
  type TokenAuthenticator,
  type TokenAuthenticatorName,
  type TokenVerdict,
  type UserInfo,
} from './types.ts';
export {
  readVerificationKeysJwks,
  readVerificationKeysPem,
  type VerificationKey,
} from './verification-keys.ts';
export {
  aggregateError,
  GO_JOSE_CRYPTO_FAILURE,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
  NO_KEYS_FOUND,
  type SignatureVerdict,
  verifyJwtSignature,
} from './verify-jwt-signature.ts';
export {
  genericServerResponse,
  type WebhookAnswer,
  type WebhookAuthenticatorParams,
  type WebhookCall,
  type WebhookTokenAuthenticator,
  type WebhookVerdict,
  webhookTokenAuthenticator,
} from './webhook-authenticator.ts';
export {
  buildTokenReviewRequest,
  buildTokenReviewResponse,
  checkTokenReviewVersion,
  DEFAULT_WEBHOOK_CACHE_TTL_SECONDS,
  DEFAULT_WEBHOOK_VERSION,
  type ParsedTokenReviewRequest,
  parseTokenReviewRequest,
  readTokenReviewStatus,
  TOKEN_REVIEW_VERSIONS,
  type TokenReviewRequest,
  type TokenReviewStatus,
  type TokenReviewVersion,
  tokenReviewApiVersion,
} from './webhook-token-review.ts';
export {
  readWebhookUsers,
  type WebhookScriptAnswer,
  type WebhookUser,
  webhookScriptAnswer,
} from './webhook-users.ts';
export { whoamiForUser } from './whoami-for-user.ts';
export { type TokenFileUserParams, writeTokenFile } from './write-token-file.ts';
