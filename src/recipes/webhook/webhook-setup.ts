// Everything lesson 4.2's webhook-config widget shows, from the reader's fields and the part-1 files
// in the workspace: the users file (token-webhook.py reads it), the webhook kubeconfig
// (kube-apiserver reads it), the command that runs token-webhook.py, the kube-apiserver change both
// ways (the part-2 change renderer's ChangeResult), the checks (curl straight to the webhook, a
// kubeconfig with the token, kubectl auth whoami, curl's status for an unknown token) and what they
// print: the whoami table is what kube-apiserver's webhook authenticator (src/tokens, modelled)
// makes of token-webhook.py's answer (webhookScriptAnswer). No DOM; every failure lands at a field.
import { hasControlCharacter } from '../../pki/control-characters.ts';
import { fieldAttempts, isLabError, LabError } from '../../pki/errors.ts';
import {
  authenticateRequest,
  checkTokenReviewVersion,
  KUBECTL_401,
  pythonJsonDumps,
  randomToken,
  readWebhookUsers,
  type TokenReviewVersion,
  tokenReviewApiVersion,
  type WebhookUser,
  webhookScriptAnswer,
  webhookTokenAuthenticator,
  whoamiForUser,
} from '../../tokens/index.ts';
import type { RecipeCommand } from '../recipe-command.ts';
import { shellQuote } from '../shell-quote.ts';
import type { ChangeResult } from '../tokens/apiserver-change.ts';
import { filesToBring, kindChangeSteps, kubeadmChangeSteps, patchReaderManifest } from '../tokens/index.ts';
import { tokenKubeconfigCommands } from '../tokens/token-client-commands.ts';
import { webhookApiServerSettings, webhookCacheTtlSeconds, webhookKindConfig } from './api-server-webhook.ts';
import { TOKEN_WEBHOOK_DEFAULTS } from './token-webhook-script.ts';
import { writeWebhookUsersFile } from './users-file.ts';
import { webhookKubeconfig } from './webhook-kubeconfig.ts';

/** The widget's fields, named as the errors' `field`. */
export const WEBHOOK_SETUP_FIELDS = [
  'users',
  'server',
  'version',
  'cacheTtl',
  'clientCert',
  'apiServer',
  'caFile',
  'newUsername',
  'newUid',
  'newGroups',
  'manifest',
] as const;
export type WebhookSetupField = (typeof WEBHOOK_SETUP_FIELDS)[number];
export type WebhookSetupInputs = Partial<Record<WebhookSetupField, string>>;

/** What the fields hold before the reader changes them. */
export const WEBHOOK_SETUP_DEFAULTS: Record<WebhookSetupField, string> = {
  users: '',
  server: `https://localhost:${TOKEN_WEBHOOK_DEFAULTS.port}${TOKEN_WEBHOOK_DEFAULTS.path}`,
  version: 'v1',
  cacheTtl: '2m0s',
  clientCert: 'required',
  apiServer: 'https://192.0.2.10:6443',
  caFile: 'ca.crt',
  newUsername: 'alice',
  newUid: '1001',
  newGroups: 'dev, webhook-users',
  manifest: '',
};

/** The file names the page and the widget use. */
export const WEBHOOK_FILES = {
  users: TOKEN_WEBHOOK_DEFAULTS.users,
  kubeconfig: 'token-webhook.kubeconfig',
  ca: 'rootCA.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
  userKubeconfig: 'webhook-user.kubeconfig',
} as const;

/** The part-1 files the kubeconfig is made of, by workspace file name. */
export type WebhookSetupFiles = Partial<Record<'rootCA.pem' | 'client.pem' | 'client-key.pem', string>>;

/** A token no user has: what the page's 401 checks send. */
export const UNKNOWN_TOKEN = 'not-a-known-token';

/** Everything the widget shows. A part that failed is absent and its error is in `errors`. */
export interface WebhookSetup {
  errors: Partial<Record<WebhookSetupField, LabError>>;
  /** The users in the file, in file order. */
  users: WebhookUser[];
  /** The users file as written (the field's text when it reads). */
  usersFile?: string;
  /** The webhook kubeconfig, when the part-1 files are there. */
  kubeconfig?: string;
  /** Why the part-1 files did not make a kubeconfig (a file that is not what its name says). */
  kubeconfigError?: LabError;
  /** The part-1 files that are missing for the kubeconfig. */
  missingFiles: string[];
  /** Running token-webhook.py. */
  run?: RecipeCommand;
  /** curl POSTing a TokenReview for the first user straight to the webhook, and the JSON it prints. */
  review?: { command: RecipeCommand; output: string };
  /** The kubeconfig for the first user's token, then kubectl auth whoami, and what it prints. */
  whoami?: { commands: RecipeCommand[]; output: string };
  /** kubectl and curl with a token nobody has, and what they print. */
  unknown?: { kubectl: RecipeCommand; kubectlOutput: string; curl: RecipeCommand; curlOutput: string };
  /** The kube-apiserver change both ways. */
  change?: ChangeResult;
}

const groupsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((g) => g.trim())
    .filter((g) => g !== '');

/** The users in a users file, in file order. Throws the `webhook-users/*` errors. */
export function webhookUsersIn(text: string): WebhookUser[] {
  if (text.trim() === '') return [];
  return [...readWebhookUsers(text)].map(([token, u]) => ({
    token,
    username: u.username,
    ...(u.uid ? { uid: u.uid } : {}),
    ...(u.groups.length ? { groups: u.groups } : {}),
    ...(Object.keys(u.extra).length ? { extra: u.extra } : {}),
  }));
}

/**
 * The users file with one more user and a new random token (WebCrypto). Throws the
 * `webhook-users/*` errors (field `users` for the file) and `webhook/no-username`,
 * `webhook/control-character` (field `newUsername` / `newUid` / `newGroups`).
 */
export function addWebhookUser(
  usersText: string,
  user: { username: string; uid?: string; groups?: string },
  token = randomToken(),
): string {
  let users: WebhookUser[];
  try {
    users = webhookUsersIn(usersText);
  } catch (e) {
    throw withField(e, 'users');
  }
  const username = user.username.trim();
  if (username === '') {
    throw new LabError('webhook/no-username', 'The new user needs a username', { field: 'newUsername' });
  }
  const uid = (user.uid ?? '').trim();
  const groups = groupsOf(user.groups ?? '');
  for (const [field, value] of [
    ['newUsername', username],
    ['newUid', uid],
    ['newGroups', groups.join(',')],
  ] as const) {
    if (hasControlCharacter(value)) {
      throw new LabError('webhook/control-character', `The ${field} holds a control character`, { field });
    }
  }
  return writeWebhookUsersFile([
    ...users,
    { token, username, ...(uid ? { uid } : {}), ...(groups.length ? { groups } : {}) },
  ]);
}

function withField(e: unknown, field: WebhookSetupField): unknown {
  if (!isLabError(e)) return e;
  return new LabError(e.code, e.message, { ...e.details, field });
}

/** The command that runs token-webhook.py for the webhook URL (only the options that differ from its defaults). */
export function tokenWebhookRunCommand(server: string, clientCert: boolean): RecipeCommand {
  const url = webhookUrl(server);
  const port = url.port === '' ? 443 : Number(url.port);
  const local = ['localhost', '127.0.0.1'].includes(url.hostname);
  const path = url.pathname;
  const d = TOKEN_WEBHOOK_DEFAULTS;
  const q = shellQuote;
  const args = [
    `--cert ${d.cert}`,
    `--key ${d.key}`,
    `--users ${d.users}`,
    ...(clientCert ? [`--client-ca ${WEBHOOK_FILES.ca}`] : []),
    ...(local ? [] : ['--address 0.0.0.0']),
    ...(port === d.port ? [] : [`--port ${port}`]),
    ...(path === d.path ? [] : [`--path ${q(path)}`]),
  ];
  return {
    step: 'webhook.run',
    description: 'Run the webhook in the folder with the files',
    command: `python3 token-webhook.py ${args.join(' ')}`,
  };
}

/** The webhook URL, checked. Throws `webhook/bad-server`, `webhook/bad-port`. */
export function webhookUrl(server: string): URL {
  // A port the URL parser refuses (over 65535) or one token-webhook.py cannot listen on for good (0).
  const port = /^https:\/\/[^/?#@]*:(\d+)(?:[/?#]|$)/i.exec(server)?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) {
    throw new LabError('webhook/bad-port', `${port} is not a port: use 1 to 65535, e.g. 8443`, {
      field: 'server',
      value: port,
    });
  }
  let url: URL | undefined;
  try {
    url = /\s/.test(server) ? undefined : new URL(server);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.hostname === '' || url.search || url.hash || url.username) {
    throw new LabError(
      'webhook/bad-server',
      `${JSON.stringify(server)} is not an https:// URL with a host and a path, e.g. "https://localhost:8443/authenticate"`,
      { field: 'server', value: server },
    );
  }
  if (url.pathname === '/' && !server.endsWith('/')) {
    throw new LabError(
      'webhook/bad-server',
      `${JSON.stringify(server)} has no path: kube-apiserver POSTs to this exact URL, so give the webhook's path, e.g. "https://localhost:8443/authenticate"`,
      { field: 'server', value: server },
    );
  }
  return url;
}

/** curl sending a TokenReview for `token` straight to the webhook, with the API server's client certificate. */
export function tokenReviewCurl(
  server: string,
  version: TokenReviewVersion,
  token: string,
  clientCert: boolean,
): string {
  const body = JSON.stringify({
    apiVersion: `authentication.k8s.io/${version}`,
    kind: 'TokenReview',
    spec: { token },
  });
  const q = shellQuote;
  const cert = clientCert ? ` --cert ${WEBHOOK_FILES.clientCert} --key ${WEBHOOK_FILES.clientKey}` : '';
  return `curl -sS --cacert ${WEBHOOK_FILES.ca}${cert} -H 'Content-Type: application/json' -d ${q(body)} ${q(server)}`;
}

/** curl's status code for a SelfSubjectReview with `token`: 401 when no authenticator knows it. */
export function statusCurl(apiServer: string, caFile: string, token: string): string {
  const q = shellQuote;
  const url = `${apiServer.replace(/\/+$/, '')}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
  return `curl -sS -o /dev/null -w '%{http_code}\\n' --cacert ${q(caFile)} -H ${q(`Authorization: Bearer ${token}`)} -H 'Content-Type: application/json' -X POST -d '{}' ${q(url)}`;
}

/** Works everything out. Never throws for bad input: every failure lands at a field. */
export async function webhookSetup(
  inputs: WebhookSetupInputs,
  files: WebhookSetupFiles = {},
): Promise<WebhookSetup> {
  const v = { ...WEBHOOK_SETUP_DEFAULTS, ...inputs };
  const out: WebhookSetup = { errors: {}, users: [], missingFiles: [] };
  const attempt = fieldAttempts(out.errors);
  /** Like attempt, the field the error names (server, caFile) mapped to the check part's fields. */
  const CHECK_FIELDS: Record<string, WebhookSetupField> = { server: 'apiServer', caFile: 'caFile' };
  const attemptCheck = fieldAttempts(out.errors, (e, fallback) =>
    typeof e.details.field === 'string' ? (CHECK_FIELDS[e.details.field] ?? fallback) : fallback,
  );
  const users = attempt('users', () => webhookUsersIn(v.users));
  if (users) {
    out.users = users;
    if (users.length) out.usersFile = v.users;
  }
  const version = attempt('version', () => checkTokenReviewVersion(v.version));
  const ttl = attempt('cacheTtl', () => webhookCacheTtlSeconds(v.cacheTtl.trim()));
  const server = v.server.trim();
  const url = attempt('server', () => webhookUrl(server));
  const clientCert = v.clientCert !== 'not-required';

  if (url) {
    out.run = tokenWebhookRunCommand(server, clientCert);
    // Without a client certificate the webhook kubeconfig's user carries nothing.
    const needed = clientCert
      ? (['rootCA.pem', 'client.pem', 'client-key.pem'] as const)
      : (['rootCA.pem'] as const);
    out.missingFiles = needed.filter((f) => !files[f]?.trim());
    if (out.missingFiles.length === 0) {
      try {
        out.kubeconfig = webhookKubeconfig({
          server,
          caPem: files['rootCA.pem']!,
          ...(clientCert
            ? { clientCertificatePem: files['client.pem']!, clientKeyPem: files['client-key.pem']! }
            : {}),
        });
      } catch (e) {
        if (!isLabError(e)) throw e;
        out.kubeconfigError = e;
      }
    }
  }

  if (version && ttl !== undefined) {
    const params = { version, cacheTtl: v.cacheTtl.trim() };
    const settings = webhookApiServerSettings(params);
    const ownManifest = v.manifest.trim() !== '';
    const change: ChangeResult = {
      errors: {},
      ownManifest,
      kind: { config: webhookKindConfig(params), steps: kindChangeSteps({ settings }) },
    };
    const patch = attempt('manifest', () => patchReaderManifest(settings, v.manifest));
    if (patch) {
      change.kubeadm = {
        ...patch,
        mounts: settings.extraFiles ?? [],
        files: filesToBring(settings),
        steps: kubeadmChangeSteps({ settings, ownManifest }),
      };
    } else if (out.errors.manifest) change.errors.manifest = out.errors.manifest;
    out.change = change;
  }

  const first = out.users[0];
  const apiServer = v.apiServer.trim();
  const caFile = v.caFile.trim();
  if (url && version && first) {
    out.review = {
      command: {
        step: 'webhook.review',
        description: 'Ask the webhook directly, as kube-apiserver will',
        command: tokenReviewCurl(server, version, first.token, clientCert),
      },
      output: pythonJsonDumps(
        webhookScriptAnswer(
          readWebhookUsers(v.users),
          JSON.stringify({
            apiVersion: tokenReviewApiVersion(version),
            kind: 'TokenReview',
            spec: { token: first.token },
          }),
        ).response,
      ),
    };
  }
  if (first && version) {
    const commands = attemptCheck('apiServer', () =>
      tokenKubeconfigCommands({
        server: apiServer,
        caFile,
        token: first.token,
        userName: kubeconfigName(first.username),
        clusterName: 'kubernetes',
        kubeconfigFile: WEBHOOK_FILES.userKubeconfig,
      }),
    );
    if (commands) {
      const file = shellQuote(WEBHOOK_FILES.userKubeconfig);
      const predicted = await predictWhoami(v.users, first.token, version);
      out.whoami = { commands, output: predicted };
      out.unknown = {
        kubectl: {
          step: 'webhook.unknown-kubectl',
          description: 'The same with a token no user has',
          command: `kubectl --kubeconfig=${file} --token=${UNKNOWN_TOKEN} auth whoami`,
        },
        kubectlOutput: `${(await predictWhoami(v.users, UNKNOWN_TOKEN, version)).trimEnd()}\n`,
        curl: {
          step: 'webhook.unknown-curl',
          description: 'curl with that token: only the HTTP status',
          command: statusCurl(apiServer, caFile, UNKNOWN_TOKEN),
        },
        curlOutput: '401\n',
      };
    }
  }
  return out;
}

/** A kubeconfig entry name for a user name (spaces are not allowed there). */
function kubeconfigName(username: string): string {
  const name = username.replace(/\s+/g, '-');
  return name.length > 0 && name.length <= 253 ? name : 'webhook-user';
}

/**
 * What `kubectl auth whoami` prints for `token`: kube-apiserver's webhook authenticator (modelled)
 * asking the model of token-webhook.py with this users file. A refused token: kubectl's 401 line.
 */
export async function predictWhoami(
  usersText: string,
  token: string,
  version: TokenReviewVersion,
): Promise<string> {
  const users = readWebhookUsers(usersText);
  const wh = webhookTokenAuthenticator({
    version,
    webhook: (req) => ({ kind: 'response', ...webhookScriptAnswer(users, JSON.stringify(req)) }),
  });
  const verdict = await authenticateRequest({ authorization: `Bearer ${token}`, authenticators: [wh] });
  if (verdict.outcome === 'authenticated' && verdict.user) return whoamiForUser(verdict.user);
  return `${KUBECTL_401.whoami}\n`;
}
