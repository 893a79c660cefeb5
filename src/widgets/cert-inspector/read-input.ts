// What the certificate inspector makes of whatever the reader gives it: PEM text (any number of
// blocks), DER bytes, a CSR, private keys (type and match only), base64 of PEM or DER (as in a
// kubeconfig's *-data fields), or a whole kubeconfig. DOM-free; loaded on first use with src/pki.
//
// Errors are LabErrors with a stable code. The engine's own (pem/…, der/…, certificate/…, key/…,
// kubeconfig/…) pass through; the few that only this reader can tell are input/….
import type { WebhookKubeconfigLook } from '../../kube/index.ts';
import type {
  CertificateInfo,
  CsrInfo,
  FrontProxyLook,
  Identity,
  LabErrorCode,
  LintWarning,
  PemBlock,
} from '../../pki/index.ts';
import {
  describeIdentity,
  encodePem,
  fromBase64,
  frontProxyLook,
  importPrivateKeyPem,
  inspectCertificate,
  inspectCsr,
  isLabError,
  keyMatchesCertificate,
  LabError,
  lintCertificate,
  parsePem,
} from '../../pki/index.ts';
import type { TokenReviewReading } from '../../tokens/read-token-review.ts';
import type { BootstrapTokenItem, JwtItem, TokenItem } from './read-token.ts';

/** Largest text the inspector reads: a big CA bundle is a few hundred KiB. */
export const MAX_INPUT_CHARS = 1024 * 1024;
/** Most blocks shown; the rest are counted. */
export const MAX_ITEMS = 50;

/** A certificate with everything the inspector shows about it. */
export interface CertificateItem {
  kind: 'certificate';
  /** Where it came from: "line 12", "users[jane].client-certificate-data", "DER file". */
  origin: string;
  info: CertificateInfo;
  identity: Identity;
  lint: LintWarning[];
  /** It has kubeadm's front-proxy names (part 5): what kube-apiserver's request-header flags do with it. */
  frontProxy?: FrontProxyLook;
  /** In a webhook kubeconfig: the webhook's CA, or kube-apiserver's client certificate to the webhook. */
  webhookRole?: 'webhook-ca' | 'apiserver-client';
}

export interface CsrItem {
  kind: 'csr';
  origin: string;
  info: CsrInfo;
}

/** A private key: never its material, only what it is and which certificates it belongs to. */
export interface KeyItem {
  kind: 'key';
  origin: string;
  keyType: 'RSA' | 'EC' | 'Ed25519';
  bits?: number;
  curve?: string;
  format: 'pkcs8' | 'pkcs1' | 'sec1';
  /** Indexes (into items) of the certificates this key belongs to. */
  matches: number[];
  /** True when at least one certificate was given to compare with. */
  compared: boolean;
}

/** A block that could not be read, or a kind the inspector does not read (CRL, PKCS#7, …). */
export interface ProblemItem {
  kind: 'problem';
  origin: string;
  /** 'pending': a key block still to be read (never rendered). */
  code: LabErrorCode | 'pending';
  message: string;
  details: Readonly<Record<string, string | number | boolean>>;
}

/** A TokenReview (part 4): kube-apiserver's request or a webhook's answer (src/tokens/read-token-review.ts). */
export interface TokenReviewItem {
  kind: 'token-review';
  origin: string;
  reading: TokenReviewReading;
  /** A request's spec.token: read as a pasted token when it is a JWT or a bootstrap token. */
  token?: JwtItem | BootstrapTokenItem;
  /** What spec.token is ('none': an answer). */
  tokenShape: 'jwt' | 'bootstrap' | 'opaque' | 'empty' | 'none';
  /** Its length in characters (the token itself is never shown). */
  tokenLength: number;
}

export type InspectedItem = CertificateItem | CsrItem | KeyItem | ProblemItem | TokenItem | TokenReviewItem;

/**
 * Whether the input held a private key (readable or not) or a bearer token, which is as much a
 * credential: such input is never stored.
 */
export function heldPrivateKey(result: InspectResult): boolean {
  return result.items.some(
    (i) =>
      i.kind === 'key' ||
      i.kind === 'jwt' ||
      i.kind === 'bootstrap-token' ||
      i.kind === 'token-file' ||
      (i.kind === 'token-review' &&
        (i.reading.role === 'request' ? i.reading.token !== '' : i.reading.holdsToken)) ||
      (i.kind === 'problem' && (i.code.startsWith('key/') || i.details.holdsToken === true)),
  );
}

export interface InspectResult {
  items: InspectedItem[];
  /** How the input was read: "pem", "der", "base64", "kubeconfig", "token", "token-review". */
  readAs: 'pem' | 'der' | 'base64' | 'kubeconfig' | 'token' | 'token-review';
  /** Blocks not shown because there were more than MAX_ITEMS. */
  omitted: number;
  /** A kubeconfig that looks like kube-apiserver's webhook config file (part 4), and why. */
  webhookKubeconfig?: WebhookKubeconfigLook;
}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const KNOWN_OTHER: Record<string, string> = {
  'X509 CRL': 'a certificate revocation list (CRL)',
  PKCS7: 'a PKCS#7 bundle',
  CMS: 'a CMS message',
  'PUBLIC KEY': 'a public key',
  'RSA PUBLIC KEY': 'a public key',
  'TRUSTED CERTIFICATE': 'an OpenSSL "trusted certificate"',
  'OPENSSH PRIVATE KEY': 'an OpenSSH private key',
  'PGP PUBLIC KEY BLOCK': 'a PGP key',
  'DH PARAMETERS': 'Diffie-Hellman parameters',
};

function problem(origin: string, e: unknown): ProblemItem {
  if (isLabError(e)) return { kind: 'problem', origin, code: e.code, message: e.message, details: e.details };
  return { kind: 'problem', origin, code: 'unexpected', message: String(e), details: {} };
}

async function certificateItem(der: Uint8Array, origin: string): Promise<CertificateItem> {
  const info = await inspectCertificate(der);
  const item: CertificateItem = {
    kind: 'certificate',
    origin,
    info,
    identity: describeIdentity(der),
    lint: lintCertificate(der),
  };
  const frontProxy = frontProxyLook(info);
  if (frontProxy) item.frontProxy = frontProxy;
  return item;
}

/** Items read from blocks, and how many blocks were left out for the item limit. */
interface ReadBlocks {
  items: InspectedItem[];
  omitted: number;
  webhookKubeconfig?: WebhookKubeconfigLook;
}

/**
 * Reads PEM blocks into at most `limit` items; keys are compared with every certificate of the same
 * input. An EC PARAMETERS block belongs to the key after it and is never an item of its own.
 */
async function fromBlocks(
  blocks: PemBlock[],
  originOf: (b: PemBlock) => string,
  limit = MAX_ITEMS,
): Promise<ReadBlocks> {
  const items: InspectedItem[] = [];
  const certDers: { index: number; der: Uint8Array }[] = [];
  const keys: { block: PemBlock; params?: PemBlock }[] = [];
  let ecParams: PemBlock | undefined;
  let omitted = 0;
  for (const block of blocks) {
    if (block.label === 'EC PARAMETERS') {
      ecParams = block;
      continue;
    }
    if (items.length >= limit) {
      omitted++;
      continue;
    }
    const origin = originOf(block);
    if (block.label === 'CERTIFICATE' && block.der[0] !== 0x30) {
      // src/pki would read text inside the block as PEM again; openssl and Go refuse that.
      items.push({
        kind: 'problem',
        origin,
        code: 'input/not-der',
        message: `The CERTIFICATE block at line ${block.line} does not hold DER: was it base64-encoded twice?`,
        details: { line: block.line },
      });
    } else if (block.label === 'CERTIFICATE') {
      try {
        items.push(await certificateItem(block.der, origin));
        certDers.push({ index: items.length - 1, der: block.der });
      } catch (e) {
        items.push(problem(origin, e));
      }
    } else if (CSR_LABELS.has(block.label)) {
      try {
        items.push({ kind: 'csr', origin, info: await inspectCsr(block.der) });
      } catch (e) {
        items.push(problem(origin, e));
      }
    } else if (
      block.label === 'ENCRYPTED PRIVATE KEY' ||
      (KEY_LABELS.has(block.label) && (block.headers?.['Proc-Type'] ?? '').includes('ENCRYPTED'))
    ) {
      items.push({
        kind: 'problem',
        origin,
        code: 'key/encrypted',
        message: `The private key at line ${block.line} is encrypted`,
        details: { line: block.line },
      });
    } else if (KEY_LABELS.has(block.label)) {
      keys.push(ecParams && block.label === 'EC PRIVATE KEY' ? { block, params: ecParams } : { block });
      items.push({ kind: 'problem', origin, code: 'pending', message: '', details: {} });
    } else {
      items.push({
        kind: 'problem',
        origin,
        code: 'input/unsupported-block',
        message: `The "${block.label}" block is ${KNOWN_OTHER[block.label] ?? 'not a certificate, CSR or private key'}; the inspector reads certificates, CSRs and private keys`,
        details: { label: block.label, line: block.line },
      });
    }
  }
  // Keys after the certificates, so that a key pasted before its certificate still finds it.
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== 'problem' || item.code !== 'pending') continue;
    const { block, params } = keys[k++]!;
    const pem = (params ? encodePem('EC PARAMETERS', params.der) : '') + encodePem(block.label, block.der);
    try {
      const key = await importPrivateKeyPem(pem);
      const matches: number[] = [];
      for (const c of certDers)
        if (await keyMatchesCertificate(pem, c.der).catch(() => false)) matches.push(c.index);
      const keyItem: KeyItem = {
        kind: 'key',
        origin: item.origin,
        keyType: key.keyType,
        format: key.format,
        matches,
        compared: certDers.length > 0,
      };
      if (key.bits !== undefined) keyItem.bits = key.bits;
      if (key.curve !== undefined) keyItem.curve = key.curve;
      items[i] = keyItem;
    } catch (e) {
      items[i] = problem(item.origin, e);
    }
  }
  return { items, omitted };
}

const KUBECONFIG_HINT = /^(apiVersion|kind|clusters|users|contexts|current-context|preferences)\s*:/m;
const BASE64_ONLY = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The certificates embedded in a kubeconfig, MAX_ITEMS in all across its fields. A user's
 * client-key-data is read like a pasted key (type, and whether it belongs to the user's certificate).
 */
async function fromKubeconfig(text: string): Promise<ReadBlocks> {
  // The YAML reader and src/kube load only for text that looks like a kubeconfig (36 KB gzip that a
  // pasted PEM does not need).
  const { parseKubeconfig, webhookKubeconfigLook } = await import('../../kube/index.ts');
  const config = parseKubeconfig(text);
  const webhook = webhookKubeconfigLook(config);
  const items: InspectedItem[] = [];
  let omitted = 0;
  /** Reads fields together, so that a key is compared with the certificate beside it. */
  const pemItems = async (fields: { pem: string | undefined; origin: string }[]) => {
    const blocks: PemBlock[] = [];
    const origins = new Map<PemBlock, string>();
    for (const { pem, origin } of fields) {
      if (!pem) continue;
      try {
        const own = parsePem(pem);
        for (const b of own) origins.set(b, own.length > 1 ? `${origin} #${b.line}` : origin);
        blocks.push(...own);
      } catch (e) {
        if (items.length < MAX_ITEMS) items.push(problem(origin, e));
        else omitted++;
      }
    }
    const base = items.length;
    const read = await fromBlocks(blocks, (b) => origins.get(b)!, Math.max(0, MAX_ITEMS - base));
    // Key matches count from this read's first item; make them count from the whole result's.
    items.push(
      ...read.items.map((i) => (i.kind === 'key' ? { ...i, matches: i.matches.map((m) => m + base) } : i)),
    );
    omitted += read.omitted;
  };
  /** Marks the certificates read since `from` with their part in a webhook kubeconfig. */
  const mark = (from: number, role: CertificateItem['webhookRole']) => {
    if (!webhook) return;
    for (const i of items.slice(from)) if (i.kind === 'certificate') i.webhookRole = role;
  };
  for (const cluster of config.clusters) {
    const from = items.length;
    await pemItems([{ pem: cluster.caPem, origin: `clusters[${cluster.name}].certificate-authority-data` }]);
    if (cluster.name === webhook?.clusterName) mark(from, 'webhook-ca');
  }
  for (const user of config.users) {
    const from = items.length;
    await pemItems([
      { pem: user.clientCertificatePem, origin: `users[${user.name}].client-certificate-data` },
      { pem: user.clientKeyPem, origin: `users[${user.name}].client-key-data` },
    ]);
    if (user.name === webhook?.userName) mark(from, 'apiserver-client');
  }
  // A webhook kubeconfig that names its files instead of embedding them is still worth saying so.
  if (webhook) return { items, omitted, webhookKubeconfig: webhook };
  if (items.length === 0) {
    throw new LabError(
      'input/kubeconfig-without-certificates',
      'This kubeconfig embeds no certificate (no certificate-authority-data or client-certificate-data); it may point to files instead',
    );
  }
  return { items, omitted };
}

async function fromDer(der: Uint8Array, origin: string): Promise<InspectedItem[]> {
  try {
    return [await certificateItem(der, origin)];
  } catch (certError) {
    try {
      return [{ kind: 'csr', origin, info: await inspectCsr(der) }];
    } catch {
      const reason = isLabError(certError) ? certError.message : String(certError);
      throw new LabError(
        'input/unknown-der',
        `This is DER (binary ASN.1) but neither a certificate nor a CSR: perhaps a CRL, a PKCS#7 bundle or a key. The certificate reader said: ${reason}`,
        { reason },
      );
    }
  }
}

function checkSize(length: number): void {
  if (length > MAX_INPUT_CHARS) {
    throw new LabError(
      'input/too-large',
      `This is ${length} characters long; the inspector reads at most ${MAX_INPUT_CHARS} (a certificate is about 1,200)`,
      { length, limit: MAX_INPUT_CHARS },
    );
  }
}

/** A non-empty "token" string in JSON (a TokenReview's spec.token). */
const TOKEN_FIELD = /"token"\s*:\s*"[^"]/;
/** A JWT (three base64url parts), after an optional "Authorization: Bearer " or "token: ". */
const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;
/** A bootstrap token (api.BootstrapTokenPattern). */
const BOOTSTRAP_SHAPE = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
/** A token-file row: a first field without spaces (the token), then a comma. */
const TOKEN_FILE_LINE = /^"?[^\s,"]{1,1024}"?,/;
const TOKEN_PREFIX = /^(?:authorization:[ \t]{0,8})?bearer[ \t]{1,8}|^token:[ \t]{0,8}/i;

/**
 * A bearer token or token-file lines, read by read-token.ts (src/tokens and jose load only then).
 * Undefined when the text is not token-shaped.
 */
async function fromToken(text: string): Promise<InspectedItem[] | undefined> {
  const one = text.trim().replace(TOKEN_PREFIX, '');
  const isJwt = JWT_SHAPE.test(one);
  const isBootstrap = !isJwt && BOOTSTRAP_SHAPE.test(one);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const isTokenFile =
    !isJwt &&
    !isBootstrap &&
    lines.length > 0 &&
    lines.every((l) => TOKEN_FILE_LINE.test(l)) &&
    !KUBECONFIG_HINT.test(text);
  if (!isJwt && !isBootstrap && !isTokenFile) return undefined;
  const reader = await import('./read-token.ts');
  if (isJwt) return [reader.readJwt(one, 'JWT')];
  if (isBootstrap) return [reader.readBootstrapToken(one, 'bootstrap token')];
  return [reader.readTokenFileLines(text)];
}

/**
 * A TokenReview, request or answer (src/tokens/read-token-review.ts, loaded only for text that opens
 * with "{"). Undefined when the JSON is not meant as one. A request's spec.token is read as a
 * pasted token is.
 */
async function fromTokenReview(text: string): Promise<TokenReviewItem | ProblemItem | undefined> {
  if (!text.trimStart().startsWith('{')) return undefined;
  const engine = await import('../../tokens/read-token-review.ts');
  if (!engine.looksLikeTokenReview(text)) return undefined;
  let reading: TokenReviewReading;
  try {
    reading = await engine.readTokenReview(text);
  } catch (e) {
    // A problem item, not a throw: its text may hold a token, which must not be stored either.
    const item = problem('TokenReview', e);
    return { ...item, details: { ...item.details, holdsToken: TOKEN_FIELD.test(text) } };
  }
  const item: TokenReviewItem = {
    kind: 'token-review',
    origin: 'TokenReview',
    reading,
    tokenShape: 'none',
    tokenLength: 0,
  };
  if (reading.role !== 'request') return item;
  const token = reading.token;
  item.tokenLength = token.length;
  item.tokenShape = token === '' ? 'empty' : 'opaque';
  if (JWT_SHAPE.test(token) || BOOTSTRAP_SHAPE.test(token)) {
    const reader = await import('./read-token.ts');
    if (BOOTSTRAP_SHAPE.test(token)) {
      item.token = reader.readBootstrapToken(token, 'spec.token');
      item.tokenShape = 'bootstrap';
    } else {
      try {
        item.token = reader.readJwt(token, 'spec.token');
        item.tokenShape = 'jwt';
      } catch {
        // Three dotted parts that do not decode: an opaque token to the webhook.
      }
    }
  }
  return item;
}

/** Inspects pasted text. Throws a LabError when nothing at all could be read from it. */
export async function inspectText(text: string): Promise<InspectResult> {
  checkSize(text.length);
  if (text.trim() === '') throw new LabError('input/empty', 'Paste a certificate, a CSR or a key first');
  if (!text.includes('-----BEGIN') && !text.includes('-----END')) {
    const review = await fromTokenReview(text);
    if (review) return { items: [review], readAs: 'token-review', omitted: 0 };
    const tokens = await fromToken(text);
    if (tokens) return { items: tokens, readAs: 'token', omitted: 0 };
  }
  if (text.includes('-----BEGIN') || text.includes('-----END')) {
    return { ...(await fromBlocks(parsePem(text), (b) => `line ${b.line}`)), readAs: 'pem' };
  }
  if (KUBECONFIG_HINT.test(text)) return { ...(await fromKubeconfig(text)), readAs: 'kubeconfig' };
  const compact = text.replace(/\s+/g, '');
  if (compact.length >= 16 && BASE64_ONLY.test(compact)) {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(compact);
    } catch (e) {
      throw problemToError(e);
    }
    // PEM may follow a preamble, such as the "Bag Attributes" lines of openssl pkcs12.
    const asText = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if (asText.includes('-----BEGIN')) {
      const inner = await inspectText(new TextDecoder().decode(bytes));
      return { ...inner, readAs: 'base64' };
    }
    if (bytes[0] === 0x30) return { items: await fromDer(bytes, 'base64'), readAs: 'base64', omitted: 0 };
  }
  parsePem(text); // throws pem/no-block with a hint
  throw new LabError('pem/no-block', 'No "-----BEGIN …-----" line was found.');
}

function problemToError(e: unknown): LabError {
  return isLabError(e) ? e : new LabError('input/unreadable', String(e));
}

/** Whether `bytes` are UTF-8 text with no control characters but tab and line ends. */
function isPlainText(bytes: Uint8Array): boolean {
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes),
    );
  } catch {
    return false;
  }
}

/** Inspects a file's bytes: DER, or text (PEM, base64, kubeconfig). Returns the text when it was text. */
export async function inspectBytes(bytes: Uint8Array): Promise<InspectResult & { text?: string }> {
  checkSize(bytes.length);
  if (bytes.length === 0) throw new LabError('input/empty', 'The file is empty');
  if (bytes[0] === 0x30) {
    try {
      return { items: await fromDer(bytes, 'DER'), readAs: 'der', omitted: 0 };
    } catch (e) {
      // "0" also starts text files; DER is never plain text (its length and tag bytes are not).
      if (!isPlainText(bytes)) throw e;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const latin = new TextDecoder('latin1').decode(bytes);
    if (!latin.includes('-----BEGIN')) {
      throw new LabError(
        'input/binary',
        'This file is binary but not DER: it is not a certificate, a CSR or a key in a form the inspector reads',
      );
    }
    text = latin;
  }
  if (text.includes('\u0000')) {
    throw new LabError('input/binary', 'This file holds NUL bytes: it is binary, not PEM text');
  }
  return { ...(await inspectText(text)), text };
}
