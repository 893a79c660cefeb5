// Reads any kubeconfig a reader pastes (admin.conf, super-admin.conf, a CI file with tokens, one
// with many clusters) into plain data, treating it as hostile input:
// - size is capped before parsing; a quick pass of the YAML lexer then caps nesting depth and the
//   number of tokens (the parser is slow on very deep or very wide input: 100k nested brackets
//   take seconds); aliases are capped while converting (alias bombs fail fast); and every
//   exception from the YAML library becomes a LabError with a line number;
// - YAML 1.1 rules, as kubectl's go-yaml: an unquoted `yes` is a boolean here too;
// - duplicate keys are allowed, the last one winning, as in kubectl (sigs.k8s.io/yaml); the yaml
//   package's uniqueKeys check is also quadratic in the number of keys;
// - secrets are never returned in a displayable form: tokens, passwords and exec plugins are only
//   flagged, and the client key PEM sits in a non-enumerable `clientKeyPem` property, so
//   JSON.stringify, Object.keys and console.log of a user never show it.
import { Lexer, parseDocument, type YAMLError } from 'yaml';
import { LabError } from '../pki/errors.ts';
import { decodeBase64, utf8Decode } from './base64.ts';
import { PRIVATE_KEY_LABELS, pemBlocks } from './pem-text.ts';

/** Largest kubeconfig accepted, in UTF-8 bytes (real ones are a few KiB). */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;

/** Most YAML aliases a kubeconfig may expand (real ones use none). */
export const MAX_KUBECONFIG_ALIASES = 16;

/** Deepest nesting accepted (flow brackets, or compact "- - -" indicators on one line). */
export const MAX_KUBECONFIG_DEPTH = 64;

/** Most YAML tokens accepted (a kubeconfig with a hundred users has a few thousand). */
export const MAX_KUBECONFIG_TOKENS = 100_000;

/** One `clusters[]` entry. */
export interface KubeconfigCluster {
  name: string;
  server?: string;
  /** `certificate-authority-data`, decoded to PEM text (it wins over `caFile`, as in client-go). */
  caPem?: string;
  /** `certificate-authority`: a path on the reader's machine, not readable here. */
  caFile?: string;
  /** `insecure-skip-tls-verify`. Default false. */
  insecureSkipTlsVerify: boolean;
  /** `tls-server-name`. */
  tlsServerName?: string;
}

/** One `users[]` entry, with secrets only flagged. */
export interface KubeconfigUser {
  name: string;
  /** `client-certificate-data`, decoded to PEM text. */
  clientCertificatePem?: string;
  /** `client-certificate`: a path. */
  clientCertificateFile?: string;
  /** A client key is present (`client-key-data` or `client-key`). */
  clientKeyPresent: boolean;
  /** `client-key`: a path. */
  clientKeyFile?: string;
  /**
   * `client-key-data` decoded to PEM. SECRET: non-enumerable, so it never shows up in
   * JSON.stringify or a debug dump; read it only to hand it to key code.
   */
  readonly clientKeyPem?: string;
  /** A bearer token is set (`token` or `tokenFile`); its value is not returned. */
  token: boolean;
  /** An exec credential plugin is configured. */
  exec: boolean;
  /** The exec plugin's command, e.g. "aws" or "kubelogin". */
  execCommand?: string;
  /** The legacy `auth-provider` name, e.g. "oidc" or "gcp". */
  authProvider?: string;
  /** `username`/`password` basic auth is set; the password is not returned. */
  basicAuth: boolean;
  /** `as`: the user this entry impersonates. */
  impersonate?: string;
}

/** One `contexts[]` entry. */
export interface KubeconfigContext {
  name: string;
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** A parsed kubeconfig. */
export interface ParsedKubeconfig {
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
  /** `current-context`; undefined when absent or empty. */
  currentContext?: string;
}

type Json = Record<string, unknown>;

/** Parses any kubeconfig text into clusters, users (secrets flagged) and contexts. */
export function parseKubeconfig(text: string): ParsedKubeconfig {
  if (typeof text !== 'string') {
    throw new LabError('kubeconfig/not-text', 'the kubeconfig must be given as text');
  }
  if (text.length > MAX_KUBECONFIG_BYTES || new TextEncoder().encode(text).length > MAX_KUBECONFIG_BYTES) {
    throw new LabError(
      'kubeconfig/too-large',
      `the kubeconfig is larger than ${MAX_KUBECONFIG_BYTES} bytes: real ones are a few KiB; paste only the kubeconfig`,
      { limit: MAX_KUBECONFIG_BYTES },
    );
  }
  const root = loadYaml(text);
  if (root === null || root === undefined) {
    throw new LabError(
      'kubeconfig/empty',
      'the kubeconfig is empty: paste the whole file, starting at "apiVersion: v1"',
    );
  }
  if (!isMapping(root)) {
    throw new LabError(
      'kubeconfig/not-a-mapping',
      `the kubeconfig is a YAML ${Array.isArray(root) ? 'list' : typeof root}, not a mapping: a kubeconfig starts with keys like "apiVersion: v1" and "clusters:"`,
    );
  }
  if (root.kind !== undefined && root.kind !== 'Config') {
    throw new LabError(
      'kubeconfig/wrong-kind',
      `this YAML is kind ${JSON.stringify(root.kind)}, not a kubeconfig (kind "Config")`,
      { field: 'kind' },
    );
  }
  const currentContext = optionalString(root, 'current-context', 'current-context');
  const result: ParsedKubeconfig = {
    clusters: entries(root, 'clusters', 'cluster').map(([name, body, path]) => readCluster(name, body, path)),
    users: entries(root, 'users', 'user').map(([name, body, path]) => readUser(name, body, path)),
    contexts: entries(root, 'contexts', 'context').map(([name, body, path]) => ({
      name,
      ...defined({
        cluster: optionalString(body, 'cluster', `${path}.cluster`),
        user: optionalString(body, 'user', `${path}.user`),
        namespace: optionalString(body, 'namespace', `${path}.namespace`),
      }),
    })),
  };
  if (currentContext !== undefined && currentContext !== '') result.currentContext = currentContext;
  return result;
}

/** Refuses input too deep or too big to parse quickly, using only the (linear) lexer. */
function checkShape(text: string): void {
  let tokens = 0;
  let flow = 0;
  let indicators = 0;
  let afterScalarMark = false;
  for (const token of new Lexer().lex(text)) {
    if (++tokens > MAX_KUBECONFIG_TOKENS) {
      throw new LabError(
        'kubeconfig/too-complex',
        `the YAML has more than ${MAX_KUBECONFIG_TOKENS} tokens: a kubeconfig has a few thousand at most`,
        { limit: MAX_KUBECONFIG_TOKENS },
      );
    }
    const scalar = afterScalarMark;
    afterScalarMark = token === '\u001f';
    if (scalar) continue;
    if (token === '[' || token === '{') flow++;
    else if ((token === ']' || token === '}') && flow > 0) flow--;
    else if (token === '-' || token === '?' || token === ':') indicators++;
    else if (token === '\n' || token === '\r\n') indicators = 0;
    if (flow > MAX_KUBECONFIG_DEPTH || indicators > MAX_KUBECONFIG_DEPTH) {
      throw new LabError(
        'kubeconfig/too-deep',
        `the YAML is nested more than ${MAX_KUBECONFIG_DEPTH} levels deep: a kubeconfig is a few levels deep`,
        { limit: MAX_KUBECONFIG_DEPTH },
      );
    }
  }
}

const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

function loadYaml(text: string): unknown {
  try {
    checkShape(text);
    // Timestamps stay text, as kubectl reads them (`name: 2026-01-01` is the name "2026-01-01").
    const doc = parseDocument(text, {
      version: '1.1',
      prettyErrors: true,
      uniqueKeys: false,
      merge: true,
      customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP),
    });
    const error = doc.errors[0];
    if (error !== undefined) throw yamlError(error);
    return doc.toJS({ maxAliasCount: MAX_KUBECONFIG_ALIASES });
  } catch (e) {
    if (e instanceof LabError) throw e;
    if (e instanceof ReferenceError && /excessive alias/i.test(e.message)) {
      throw new LabError(
        'kubeconfig/too-many-aliases',
        `the YAML expands aliases more than ${MAX_KUBECONFIG_ALIASES} times: kubeconfigs need no aliases, and this looks like an alias bomb`,
        { limit: MAX_KUBECONFIG_ALIASES },
      );
    }
    if (e instanceof RangeError) {
      throw new LabError(
        'kubeconfig/too-deep',
        'the YAML is nested too deeply to read: a kubeconfig is a few levels deep',
      );
    }
    throw new LabError(
      'kubeconfig/yaml-syntax',
      `the YAML cannot be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function yamlError(error: YAMLError): LabError {
  const line = error.linePos?.[0].line ?? 0;
  const column = error.linePos?.[0].col ?? 0;
  const reason = error.message.split('\n')[0] ?? error.code;
  const where = line > 0 ? ` at line ${line}, column ${column}` : '';
  const code = error.code === 'MULTIPLE_DOCS' ? 'kubeconfig/multiple-documents' : 'kubeconfig/yaml-syntax';
  return new LabError(code, `YAML error${where}: ${reason}`, { line, column, yamlCode: error.code });
}

function isMapping(v: unknown): v is Json {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set)
  );
}

function badField(path: string, expected: string): LabError {
  return new LabError('kubeconfig/bad-field', `${path} is not ${expected}`, { field: path });
}

/** [name, body mapping, path] for each entry of a named list such as `users: [{name, user: {}}]`. */
function entries(root: Json, listKey: string, bodyKey: string): [string, Json, string][] {
  const list = root[listKey];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw badField(listKey, 'a list');
  return list.map((item, i) => {
    const path = `${listKey}[${i}]`;
    if (!isMapping(item)) throw badField(path, `a mapping with "name" and "${bodyKey}"`);
    const name = item.name;
    if (typeof name === 'boolean' || typeof name === 'number') {
      // YAML 1.1 reads `name: true`, `name: yes` or `name: 123` as a boolean or a number; kubectl
      // refuses them too ("cannot unmarshal bool into Go struct field … of type string").
      const type = typeof name;
      throw new LabError(
        'kubeconfig/name-not-string',
        `${path}.name is read by YAML as the ${type} ${String(name)}, not a string (kubectl refuses it too): put the name in quotes`,
        { field: `${path}.name`, value: String(name), type },
      );
    }
    if (typeof name !== 'string' || name === '') {
      throw new LabError(
        'kubeconfig/missing-name',
        `${path} has no name: every ${bodyKey} entry needs "name:"`,
        {
          field: `${path}.name`,
        },
      );
    }
    const body = item[bodyKey] ?? {};
    if (!isMapping(body)) throw badField(`${path}.${bodyKey}`, 'a mapping');
    return [name, body, `${path}.${bodyKey}`];
  });
}

function optionalString(m: Json, key: string, path: string): string | undefined {
  const v = m[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badField(path, 'a string');
  return v;
}

function optionalBoolean(m: Json, key: string, path: string): boolean {
  const v = m[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw badField(path, 'true or false');
  return v;
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Decodes a `*-data` field to PEM text of the expected kind. */
function pemData(
  body: Json,
  key: string,
  path: string,
  owner: { kind: 'cluster' | 'user'; name: string },
  labels: readonly string[],
): string | undefined {
  const raw = optionalString(body, key, `${path}.${key}`);
  if (raw === undefined || raw === '') return undefined;
  const details = { field: key, path: `${path}.${key}`, [owner.kind]: owner.name };
  const bytes = decodeBase64(raw);
  if (bytes === undefined) {
    throw new LabError(
      'kubeconfig/bad-base64',
      `${key} of ${owner.kind} ${JSON.stringify(owner.name)} is not valid base64: it must be the base64 of a PEM file, on one line`,
      details,
    );
  }
  const text = utf8Decode(bytes);
  const blocks = text === undefined ? [] : pemBlocks(text);
  if (text === undefined || blocks.length === 0 || !blocks.every((b) => labels.includes(b.label))) {
    throw new LabError(
      'kubeconfig/not-pem',
      `${key} of ${owner.kind} ${JSON.stringify(owner.name)} does not decode to PEM of the right kind: expected ${labels.map((l) => `"-----BEGIN ${l}-----"`).join(' or ')}`,
      details,
    );
  }
  return text;
}

function readCluster(name: string, body: Json, path: string): KubeconfigCluster {
  const owner = { kind: 'cluster' as const, name };
  return {
    name,
    ...defined({
      server: optionalString(body, 'server', `${path}.server`),
      caPem: pemData(body, 'certificate-authority-data', path, owner, ['CERTIFICATE']),
      caFile: optionalString(body, 'certificate-authority', `${path}.certificate-authority`),
      tlsServerName: optionalString(body, 'tls-server-name', `${path}.tls-server-name`),
    }),
    insecureSkipTlsVerify: optionalBoolean(
      body,
      'insecure-skip-tls-verify',
      `${path}.insecure-skip-tls-verify`,
    ),
  };
}

function readUser(name: string, body: Json, path: string): KubeconfigUser {
  const owner = { kind: 'user' as const, name };
  const keyLabels = [...PRIVATE_KEY_LABELS, 'ENCRYPTED PRIVATE KEY'];
  const clientKeyPem = pemData(body, 'client-key-data', path, owner, keyLabels);
  const clientKeyFile = optionalString(body, 'client-key', `${path}.client-key`);
  const exec = body.exec;
  if (exec !== undefined && exec !== null && !isMapping(exec)) throw badField(`${path}.exec`, 'a mapping');
  const provider = body['auth-provider'];
  if (provider !== undefined && provider !== null && !isMapping(provider)) {
    throw badField(`${path}.auth-provider`, 'a mapping');
  }
  const user: KubeconfigUser = {
    name,
    ...defined({
      clientCertificatePem: pemData(body, 'client-certificate-data', path, owner, ['CERTIFICATE']),
      clientCertificateFile: optionalString(body, 'client-certificate', `${path}.client-certificate`),
      clientKeyFile,
      execCommand: isMapping(exec) ? optionalString(exec, 'command', `${path}.exec.command`) : undefined,
      authProvider: isMapping(provider)
        ? optionalString(provider, 'name', `${path}.auth-provider.name`)
        : undefined,
      impersonate: optionalString(body, 'as', `${path}.as`),
    }),
    clientKeyPresent: clientKeyPem !== undefined || (clientKeyFile !== undefined && clientKeyFile !== ''),
    token: isSet(body.token) || isSet(body.tokenFile),
    exec: isMapping(exec),
    basicAuth: isSet(body.username) || isSet(body.password),
  };
  if (clientKeyPem !== undefined) {
    Object.defineProperty(user, 'clientKeyPem', { value: clientKeyPem, enumerable: false });
  }
  return user;
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}
