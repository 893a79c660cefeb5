// Starts the Go stand-in for kube-apiserver's authentication layer (tests/interop/go/apiserver) for
// a test, on 127.0.0.1 and a free port: client certificates, and, when their options are given, a
// static token file, bootstrap tokens, service-account tokens, OIDC (flags or a JSON file) and a token webhook. See that program's header for
// what it does and does not do.
import { type ChildProcess, spawn } from 'node:child_process';
import { buildGoProgram } from './go.ts';

export interface Standin {
  /** "https://127.0.0.1:PORT" */
  url: string;
  stop(): void;
  /**
   * The server's log so far (it logs each request's user and groups, and each failed verification),
   * after `waitMs` (default 200) for lines still in the pipe; 0 when an earlier read already waited.
   */
  log(waitMs?: number): Promise<string>;
  /** Resolves once the log has a line matching `pattern` (e.g. the OIDC authenticator initialised); rejects after `ms`. */
  logged(pattern: RegExp, ms?: number): Promise<void>;
}

/** Starts the stand-in and resolves with its URL once it listens. */
export async function startStandin(
  dir: string,
  opts: {
    cert: string;
    key: string;
    /** --client-ca-file. Default: none (client certificates are not authenticated). */
    clientCa?: string;
    allowGroups?: string[];
    /** Report the credential-id extra, as kube-apiserver 1.32 and later do. Default: false. */
    credentialId?: boolean;
    /** --token-auth-file. Default: none. */
    tokenAuthFile?: string;
    /** --enable-bootstrap-token-auth. Default: false. */
    bootstrapTokens?: boolean;
    /** The cluster's ServiceAccounts, Pods, Secrets and Nodes (a v1 List in JSON, read on each lookup). Default: none. */
    objectsFile?: string;
    /** --service-account-key-file, each repeated. Default: none (no service-account tokens). */
    serviceAccountKeyFiles?: string[];
    /** --service-account-issuer, each repeated. Default: none. */
    serviceAccountIssuers?: string[];
    /** --api-audiences. Default: the issuers. */
    apiAudiences?: string[];
    /** --service-account-lookup. Default: true. */
    serviceAccountLookup?: boolean;
    /** --anonymous-auth. Default: true. */
    anonymous?: boolean;
    /** The token success cache (kube-apiserver: 10 s, not configurable there). Default: '10s'. */
    tokenCacheTtl?: string;
    /** The --oidc-* flags, by name without the leading dashes (e.g. { 'oidc-issuer-url': … }); oidc-required-claim takes a list. Default: none. */
    oidcFlags?: Record<string, string | string[]>;
    /** --authentication-config: a JSON AuthenticationConfiguration (no CEL). Default: none. */
    authenticationConfig?: string;
    /** How often an uninitialised OIDC authenticator retries discovery (kube-apiserver: 10 s). Default: '10s'. */
    oidcInitRetry?: string;
    /** --authentication-token-webhook-config-file: the webhook kubeconfig in JSON (kubectl config view --raw -o json). Default: none. */
    webhookConfigFile?: string;
    /** --authentication-token-webhook-cache-ttl, a Go duration. Default: '2m'. */
    webhookCacheTtl?: string;
    /** --authentication-token-webhook-version. Default: 'v1beta1'. */
    webhookVersion?: 'v1' | 'v1beta1';
    /** The webhook's first retry delay (kube-apiserver: 500ms). Default: '500ms'. */
    webhookRetryBackoff?: string;
    /** The --requestheader-* flags, by name without the leading dashes (e.g. { 'requestheader-allowed-names': 'front-proxy-client' }). Default: none (no front proxy). */
    requestHeaderFlags?: Record<string, string>;
    /** The RBAC objects the impersonation filter checks (a v1 List in JSON). Default: none (every impersonation refused). */
    rbacFile?: string;
  },
): Promise<Standin> {
  const bin = buildGoProgram('apiserver');
  const args = [
    '-listen',
    '127.0.0.1:0',
    '-tls-cert-file',
    opts.cert,
    '-tls-private-key-file',
    opts.key,
    ...(opts.clientCa ? ['-client-ca-file', opts.clientCa] : []),
    '-allow-group',
    (opts.allowGroups ?? []).join(','),
    ...(opts.credentialId ? ['-credential-id'] : []),
    ...(opts.tokenAuthFile ? ['-token-auth-file', opts.tokenAuthFile] : []),
    ...(opts.bootstrapTokens ? ['-enable-bootstrap-token-auth'] : []),
    ...(opts.objectsFile ? ['-objects-file', opts.objectsFile] : []),
    ...(opts.serviceAccountKeyFiles ?? []).flatMap((f) => ['-service-account-key-file', f]),
    ...(opts.serviceAccountIssuers ?? []).flatMap((i) => ['-service-account-issuer', i]),
    ...(opts.apiAudiences ? ['-api-audiences', opts.apiAudiences.join(',')] : []),
    ...(opts.serviceAccountLookup === false ? ['-service-account-lookup=false'] : []),
    ...(opts.anonymous === false ? ['-anonymous-auth=false'] : []),
    ...(opts.tokenCacheTtl ? ['-token-success-cache-ttl', opts.tokenCacheTtl] : []),
    ...Object.entries(opts.oidcFlags ?? {}).flatMap(([name, v]) =>
      (Array.isArray(v) ? v : [v]).flatMap((value) => [`-${name}`, value]),
    ),
    ...(opts.authenticationConfig ? ['-authentication-config', opts.authenticationConfig] : []),
    ...(opts.oidcInitRetry ? ['-oidc-init-retry', opts.oidcInitRetry] : []),
    ...(opts.webhookConfigFile ? ['-authentication-token-webhook-config-file', opts.webhookConfigFile] : []),
    ...(opts.webhookCacheTtl ? ['-authentication-token-webhook-cache-ttl', opts.webhookCacheTtl] : []),
    ...(opts.webhookVersion ? ['-authentication-token-webhook-version', opts.webhookVersion] : []),
    ...(opts.webhookRetryBackoff ? ['-webhook-retry-backoff', opts.webhookRetryBackoff] : []),
    ...Object.entries(opts.requestHeaderFlags ?? {}).flatMap(([name, value]) => [`-${name}=${value}`]),
    ...(opts.rbacFile ? ['-rbac-file', opts.rbacFile] : []),
  ];
  const child: ChildProcess = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stand-in did not start: ${stderr}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (https:\/\/\S+)/.exec(String(d));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    // 'close', not 'exit': 'exit' can come before the last of stderr is read, and the refusal is in it.
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in exited with ${code}: ${stderr}`));
    });
  });
  // spawnSync blocks the event loop, so let the server's log lines arrive before reading them.
  const log = (waitMs = 200) => new Promise<string>((resolve) => setTimeout(() => resolve(stderr), waitMs));
  const logged = (pattern: RegExp, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const look = () => {
        if (pattern.test(stderr)) resolve();
        else if (Date.now() - started > ms)
          reject(new Error(`the stand-in never logged ${pattern}: ${stderr}`));
        else setTimeout(look, 25);
      };
      look();
    });
  return { url, stop: () => child.kill(), log, logged };
}
