// Chain verification with the rules — and the error texts — of Go's crypto/x509 Certificate.Verify
// as kube-apiserver calls it: Roots = the --client-ca-file bundle, Intermediates = the rest of the
// chain the client sent, KeyUsages = [ClientAuth]. The steps run in Go's order: the leaf's own
// validity (unhandled critical extensions, time), the host name (only when asked), chain building
// by raw issuer/subject bytes with AKI/SKI ordering candidates (a parent must be a CA with
// keyCertSign if it has a keyUsage, its signature must verify, its own time and path length must
// hold), then the EKU walked down each chain. Go stops at the first failure; `reasons[0]` is that
// failure with Go's exact text, and later steps still run so the lesson can show every problem.
// Name constraints are applied as Go applies them (name-constraints.ts), on every CA candidate.
// Pools are built as Go's CertPool.AppendCertsFromPEM builds them: a certificate Go cannot parse
// is left out (and listed in `skipped`, with Go's reason) and the rest are used. A leaf Go cannot
// parse fails with Go's parse error. A signature Go would check but this runtime cannot (P-224)
// is reported as such, never as broken.
import { bytesEqual, toArrayBuffer, toHex } from './bytes.ts';
import type { SignatureProblem } from './check-signature.ts';
import { checkSignature } from './check-signature.ts';
import { webcrypto } from './crypto.ts';
import { formatName } from './decode-name.ts';
import { LabError } from './errors.ts';
import { goCommonName } from './go-name.ts';
import { checkHostname } from './match-hostname.ts';
import { checkNameConstraints } from './name-constraints.ts';
import { OID } from './oids.ts';
import type { ParsedCertificate } from './parse-certificate.ts';
import { parseCertificate, uriHost } from './parse-certificate.ts';
import { parsePem } from './parse-pem.ts';
import { readCertificates } from './read-certificates.ts';
import { serialDecimal } from './serial-decimal.ts';
import type { Purpose } from './types.ts';

type CertInput = string | Uint8Array | ParsedCertificate;

/** What to verify. */
export interface VerifyChainParams {
  /** The leaf (PEM, DER or parsed; the first certificate of a PEM bundle). */
  leaf: CertInput;
  /** Intermediates the peer sent. Default: none. A PEM bundle or a list. */
  intermediates?: CertInput | CertInput[];
  /** Trusted roots (--client-ca-file). A PEM bundle or a list. */
  roots: CertInput | CertInput[];
  /** client = ExtKeyUsageClientAuth (kube-apiserver), server = ExtKeyUsageServerAuth. */
  purpose: Purpose;
  /** Host name or IP to check against the SANs (server purpose). Default: not checked. */
  hostname?: string;
  /** The time to verify at. Default: now. */
  at?: Date;
}

/** One reason verification fails. */
export interface VerifyReason {
  /** Stable code, e.g. "verify/unknown-authority". */
  code: string;
  /** English explanation naming the certificate concerned. */
  message: string;
  /** The exact text Go's crypto/x509 returns for this failure. */
  goError: string;
  /** RFC 4514 subject of the certificate concerned. */
  certificate: string;
}

/** A certificate of the roots or intermediates that Go leaves out of its pool. */
export interface SkippedCertificate {
  /** Which input it was in. */
  pool: 'roots' | 'intermediates';
  /** Its position in that input, from 1. */
  index: number;
  /** The PEM line it starts on, when it came from PEM text. */
  line?: number;
  /** The error code ("certificate/malformed", "certificate/go-refuses"). */
  code: string;
  /** English explanation. */
  message: string;
  /** Go's x509.ParseCertificate error. */
  goError: string;
  /** RFC 4514 subject, when it could be read. */
  certificate?: string;
}

/** The verdict. */
export interface VerifyResult {
  ok: boolean;
  /** RFC 4514 subjects from the leaf to the root of the first valid chain (empty when none). */
  chain: string[];
  /** Every problem found, Go's own first. Empty when ok. */
  reasons: VerifyReason[];
  /** What Go's Verify returns: reasons[0].goError, or null when ok. */
  goError: string | null;
  /** Certificates of the pools that Go cannot parse and so leaves out. */
  skipped: SkippedCertificate[];
}

interface GoError {
  code: string;
  goError: string;
  message: string;
  cert: ParsedCertificate;
}

const ROOT = 'root';
const INTERMEDIATE = 'intermediate';
const LEAF = 'leaf';
type CertType = typeof ROOT | typeof INTERMEDIATE | typeof LEAF;

function rfc3339(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function subjectOf(c: ParsedCertificate): string {
  return formatName(c.subject) || '(empty subject)';
}

/** Go's Subject.CommonName: the last CN attribute. */
function commonName(c: ParsedCertificate): string {
  return goCommonName(c.subject);
}

/** Go's CertPool: de-duplicated by the certificate bytes, looked up by raw subject. */
class Pool {
  readonly certs: ParsedCertificate[] = [];
  readonly hashes = new Set<string>();
  readonly byName = new Map<string, ParsedCertificate[]>();
  async add(c: ParsedCertificate): Promise<void> {
    const h = toHex(new Uint8Array(await webcrypto.subtle.digest('SHA-256', toArrayBuffer(c.der))));
    if (this.hashes.has(h)) return;
    this.hashes.add(h);
    this.certs.push(c);
    const key = toHex(c.subjectRaw);
    this.byName.set(key, [...(this.byName.get(key) ?? []), c]);
  }
  contains(c: ParsedCertificate): boolean {
    return this.certs.some((x) => bytesEqual(x.der, c.der));
  }
  findPotentialParents(c: ParsedCertificate): ParsedCertificate[] {
    const matching: ParsedCertificate[] = [];
    const one: ParsedCertificate[] = [];
    const mismatch: ParsedCertificate[] = [];
    for (const cand of this.byName.get(toHex(c.issuerRaw)) ?? []) {
      const ski = cand.subjectKeyId ?? new Uint8Array(0);
      const aki = c.authorityKeyId ?? new Uint8Array(0);
      if (bytesEqual(ski, aki)) matching.push(cand);
      else if ((ski.length === 0 && aki.length > 0) || (ski.length > 0 && aki.length === 0)) one.push(cand);
      else mismatch.push(cand);
    }
    return [...matching, ...one, ...mismatch];
  }
}

function isValid(
  c: ParsedCertificate,
  type: CertType,
  chain: ParsedCertificate[],
  now: Date,
): GoError | null {
  const who = `${type === LEAF ? 'The certificate' : type === ROOT ? 'The root CA' : 'The intermediate CA'} "${subjectOf(c)}"`;
  if (c.unhandledCritical.length > 0) {
    return {
      code: 'verify/unhandled-critical-extension',
      goError: 'x509: unhandled critical extension',
      message: `${who} has a critical extension Go does not understand (${c.unhandledCritical.join(', ')})`,
      cert: c,
    };
  }
  if (now.getTime() < c.notBefore.getTime()) {
    return {
      code: 'verify/not-yet-valid',
      goError: `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(c.notBefore)}`,
      message: `${who} is not valid until ${rfc3339(c.notBefore)}`,
      cert: c,
    };
  }
  if (now.getTime() > c.notAfter.getTime()) {
    return {
      code: 'verify/expired',
      goError: `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(c.notAfter)}`,
      message: `${who} expired at ${rfc3339(c.notAfter)}`,
      cert: c,
    };
  }
  if ((type === INTERMEDIATE || type === ROOT) && c.extensions.some((e) => e.oid === OID.nameConstraints)) {
    const leaf = chain[0]!;
    const hasSan = (x: ParsedCertificate) => x.extensions.some((e) => e.oid === OID.subjectAltName);
    const lists = [leaf, c].filter(hasSan).map((x) => x.sanEntries ?? []);
    const nc = c.nameConstraints ?? {
      permitted: { dns: [], email: [], ip: [], uri: [] },
      excluded: { dns: [], email: [], ip: [], uri: [] },
      unhandled: false,
      unhandledForms: [],
    };
    const f = checkNameConstraints(nc, lists, uriHost);
    if (f) {
      const code =
        f.kind === 'too-many'
          ? 'verify/too-many-constraints'
          : f.kind === 'unparseable-name'
            ? 'verify/name-unparseable'
            : 'verify/name-constraints';
      const name = f.name === undefined ? '' : ` "${f.name}"`;
      const message =
        f.kind === 'excluded'
          ? `${who} has name constraints that exclude the name${name}`
          : f.kind === 'not-permitted'
            ? `${who} has name constraints that do not permit the name${name}`
            : f.kind === 'too-many'
              ? `${who} has so many name constraints that checking them would take more than Go's 250,000 comparisons`
              : f.kind === 'unparseable-name'
                ? `${who} has name constraints, and Go cannot read the name${name} to check it against them`
                : `${who} has name constraints that the name${name} cannot be matched against`;
      return { code, goError: f.goError, message, cert: c };
    }
  }
  if (type === INTERMEDIATE && !c.basicConstraints?.ca) {
    return {
      code: 'verify/not-a-ca',
      goError: 'x509: certificate is not authorized to sign other certificates',
      message: `${who} is not a CA (no basicConstraints CA:TRUE) but sits in the middle of the chain`,
      cert: c,
    };
  }
  const maxPathLen = c.basicConstraints?.pathLength;
  if (c.basicConstraints && maxPathLen !== undefined && maxPathLen >= 0 && chain.length - 1 > maxPathLen) {
    return {
      code: 'verify/path-length',
      goError: 'x509: too many intermediates for path length constraint',
      message: `${who} allows ${maxPathLen} intermediate CA(s) below it (pathLen) but the chain has ${chain.length - 1}`,
      cert: c,
    };
  }
  return null;
}

interface SignatureFromProblem extends SignatureProblem {
  code: string;
}

async function checkSignatureFrom(
  child: ParsedCertificate,
  parent: ParsedCertificate,
): Promise<SignatureFromProblem | null> {
  const cv = 'x509: invalid signature: parent certificate cannot sign this kind of certificate';
  if (
    (parent.version === 3 && !parent.basicConstraints) ||
    (parent.basicConstraints && !parent.basicConstraints.ca)
  ) {
    return { code: 'verify/not-a-ca', kind: 'key-mismatch', goError: cv };
  }
  if (parent.keyUsage && parent.keyUsage.length > 0 && !parent.keyUsage.includes('keyCertSign')) {
    return { code: 'verify/ca-without-keycertsign', kind: 'key-mismatch', goError: cv };
  }
  if (parent.publicKey.algorithm === 'unknown' && parent.publicKey.oid !== OID.dsa) {
    return {
      code: 'verify/unsupported-algorithm',
      kind: 'unsupported-algorithm',
      goError: 'x509: cannot verify signature: algorithm unimplemented',
    };
  }
  const problem = await checkSignature(
    child.signatureAlgorithmOid,
    child.tbs,
    child.signature,
    parent.publicKey,
    child.signatureAlgorithmParams,
  );
  if (!problem) return null;
  const code = {
    'bad-signature': 'verify/bad-signature',
    'insecure-algorithm': 'verify/insecure-algorithm',
    'unsupported-algorithm': 'verify/unsupported-algorithm',
    'key-mismatch': 'verify/bad-signature',
    'cannot-check': 'verify/cannot-check-signature',
  }[problem.kind];
  return { ...problem, code };
}

function hintMessage(
  hint: SignatureFromProblem,
  parent: ParsedCertificate,
  child: ParsedCertificate,
): string {
  const p = `"${subjectOf(parent)}"`;
  const c = `"${subjectOf(child)}"`;
  switch (hint.code) {
    case 'verify/not-a-ca':
      return `${p} has the issuer's name but is not a CA (it lacks basicConstraints CA:TRUE), so it cannot have signed ${c}`;
    case 'verify/ca-without-keycertsign':
      return `${p} has the issuer's name but its keyUsage lacks keyCertSign, so it cannot have signed ${c}`;
    case 'verify/insecure-algorithm':
      return `${c} is signed with an insecure algorithm (MD5 or SHA-1) that Go refuses`;
    case 'verify/unsupported-algorithm':
      return `${c} is signed with an algorithm Go cannot check`;
    case 'verify/cannot-check-signature':
      return `${c} is signed with an algorithm (such as ECDSA on P-224) that Go checks but this browser cannot check here, so there is no verdict`;
    default:
      return `${p} has the issuer's name but its key did not make the signature on ${c}: a different CA with the same name, or an altered certificate`;
  }
}

function alreadyInChain(candidate: ParsedCertificate, chain: ParsedCertificate[]): boolean {
  const sanOf = (c: ParsedCertificate) => c.extensions.find((e) => e.oid === OID.subjectAltName)?.value;
  const candSan = sanOf(candidate);
  for (const c of chain) {
    if (!bytesEqual(candidate.subjectRaw, c.subjectRaw)) continue;
    if (!bytesEqual(candidate.publicKey.spki, c.publicKey.spki)) continue;
    const certSan = sanOf(c);
    if (candSan === undefined && certSan === undefined) return true;
    if (candSan === undefined || certSan === undefined) return false;
    if (bytesEqual(candSan, certSan)) return true;
  }
  return false;
}

interface Ctx {
  roots: Pool;
  intermediates: Pool;
  now: Date;
  sigChecks: number;
}

async function buildChains(
  c: ParsedCertificate,
  chain: ParsedCertificate[],
  ctx: Ctx,
): Promise<{ chains: ParsedCertificate[][]; err: GoError | null }> {
  let hint: { problem: SignatureFromProblem; cert: ParsedCertificate } | null = null;
  let cannot: { problem: SignatureFromProblem; cert: ParsedCertificate } | null = null;
  const chains: ParsedCertificate[][] = [];
  let err: GoError | null = null;
  const consider = async (type: CertType, candidate: ParsedCertificate) => {
    if (alreadyInChain(candidate, chain)) return;
    ctx.sigChecks++;
    if (ctx.sigChecks > 100) {
      err = {
        code: 'verify/too-many-signature-checks',
        goError: 'x509: signature check attempts limit reached while verifying certificate chain',
        message: 'Too many candidate issuers to check (more than 100 signature checks)',
        cert: c,
      };
      return;
    }
    const problem = await checkSignatureFrom(c, candidate);
    if (problem?.kind === 'cannot-check') {
      cannot ??= { problem, cert: candidate };
      return;
    }
    if (problem) {
      hint ??= { problem, cert: candidate };
      return;
    }
    err = isValid(candidate, type, chain, ctx.now);
    if (err) return;
    if (type === ROOT) chains.push([...chain, candidate]);
    else {
      const sub = await buildChains(candidate, [...chain, candidate], ctx);
      err = sub.err;
      chains.push(...sub.chains);
    }
  };
  for (const root of ctx.roots.findPotentialParents(c)) await consider(ROOT, root);
  for (const inter of ctx.intermediates.findPotentialParents(c)) await consider(INTERMEDIATE, inter);
  if (chains.length > 0) err = null;
  const undetermined = cannot as { problem: SignatureFromProblem; cert: ParsedCertificate } | null;
  if (chains.length === 0 && err === null && undetermined) {
    err = {
      code: 'verify/cannot-check-signature',
      goError: '',
      message: hintMessage(undetermined.problem, undetermined.cert, c),
      cert: c,
    };
  }
  if (chains.length === 0 && err === null) {
    const base = 'x509: certificate signed by unknown authority';
    const h = hint as { problem: SignatureFromProblem; cert: ParsedCertificate } | null;
    if (h) {
      const name =
        commonName(h.cert) ||
        h.cert.subject.find((p) => p.type === 'O')?.value ||
        `serial:${serialDecimal(h.cert)}`;
      err = {
        code: h.problem.code,
        goError: `${base} (possibly because of ${JSON.stringify(h.problem.goError)} while trying to verify candidate authority certificate ${JSON.stringify(name)})`,
        message: hintMessage(h.problem, h.cert, c),
        cert: c,
      };
    } else {
      err = {
        code: 'verify/unknown-authority',
        goError: base,
        message: `No trusted root or given intermediate is named "${formatName(c.issuer)}", the issuer of "${subjectOf(c)}"`,
        cert: c,
      };
    }
  }
  return { chains, err };
}

/** Go's checkChainForKeyUsage for one requested usage. */
function chainAllowsUsage(chain: ParsedCertificate[], usage: string): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const ekus = chain[i]!.extKeyUsage ?? [];
    if (ekus.length === 0 || ekus.includes(OID.anyExtendedKeyUsage)) continue;
    const ok =
      ekus.includes(usage) ||
      (usage === OID.serverAuth &&
        (ekus.includes(OID.msServerGatedCrypto) || ekus.includes(OID.nsServerGatedCrypto)));
    if (!ok) return false;
  }
  return true;
}

function toList(input: CertInput | CertInput[] | undefined): ParsedCertificate[] {
  if (input === undefined) return [];
  const items = Array.isArray(input) ? input : [input];
  return items.flatMap((i) => (typeof i === 'string' || i instanceof Uint8Array ? readCertificates(i) : [i]));
}

/**
 * The certificates of a pool input, as Go's AppendCertsFromPEM reads them: each CERTIFICATE block on
 * its own, the ones Go cannot parse left out and listed.
 */
function readPool(
  input: CertInput | CertInput[] | undefined,
  pool: SkippedCertificate['pool'],
  skipped: SkippedCertificate[],
): ParsedCertificate[] {
  if (input === undefined) return [];
  const items = Array.isArray(input) ? input : [input];
  const out: ParsedCertificate[] = [];
  let index = 0;
  const take = (c: ParsedCertificate, line?: number) => {
    index++;
    if (c.goParseError === undefined) {
      out.push(c);
      return;
    }
    skipped.push({
      pool,
      index,
      ...(line === undefined ? {} : { line }),
      code: 'certificate/go-refuses',
      message: `Certificate ${index} ("${subjectOf(c)}") is one Go cannot parse, so Go leaves it out: ${c.goParseError}`,
      goError: c.goParseError,
      certificate: subjectOf(c),
    });
  };
  for (const item of items) {
    if (typeof item !== 'string' && !(item instanceof Uint8Array)) {
      take(item);
      continue;
    }
    if (item instanceof Uint8Array && item[0] === 0x30) {
      take(parseCertificate(item));
      continue;
    }
    const text = typeof item === 'string' ? item : new TextDecoder('latin1').decode(item);
    const blocks = parsePem(text).filter((b) => b.label === 'CERTIFICATE');
    if (blocks.length === 0) readCertificates(text); // throws certificate/none with the labels found
    for (const b of blocks) {
      try {
        take(parseCertificate(b.der), b.line);
      } catch (e) {
        if (!(e instanceof LabError)) throw e;
        index++;
        const goError = typeof e.details.goError === 'string' ? e.details.goError : e.message;
        skipped.push({
          pool,
          index,
          line: b.line,
          code: e.code,
          message: `Certificate ${index} (at line ${b.line}) cannot be parsed, so Go leaves it out: ${e.message}`,
          goError,
        });
      }
    }
  }
  return out;
}

/** Verifies `leaf` against `roots` as Go's crypto/x509 does for kube-apiserver; never throws for a bad chain. */
export async function verifyChain(params: VerifyChainParams): Promise<VerifyResult> {
  if (params.purpose !== 'client' && params.purpose !== 'server') {
    throw new LabError(
      'params/invalid-purpose',
      `Purpose must be "client" or "server", not ${JSON.stringify(params.purpose)}`,
      {
        field: 'purpose',
      },
    );
  }
  const now = params.at ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new LabError('params/invalid-time', 'The verification time is not a valid date', { field: 'at' });
  }
  const [leaf] = toList(params.leaf);
  if (!leaf) throw new LabError('certificate/none', 'A leaf certificate is required', { field: 'leaf' });
  const ctx: Ctx = { roots: new Pool(), intermediates: new Pool(), now, sigChecks: 0 };
  const skipped: SkippedCertificate[] = [];
  for (const r of readPool(params.roots, 'roots', skipped)) await ctx.roots.add(r);
  for (const i of readPool(params.intermediates, 'intermediates', skipped)) await ctx.intermediates.add(i);
  const reasons: VerifyReason[] = [];
  const push = (e: GoError) =>
    reasons.push({ code: e.code, message: e.message, goError: e.goError, certificate: subjectOf(e.cert) });
  if (leaf.goParseError !== undefined) {
    push({
      code: 'verify/leaf-unparseable',
      goError: leaf.goParseError,
      message: `Go cannot parse "${subjectOf(leaf)}" (${leaf.goParseError}), so kube-apiserver refuses it before any chain is built`,
      cert: leaf,
    });
    return { ok: false, chain: [], reasons, goError: leaf.goParseError, skipped };
  }

  const leafErr = isValid(leaf, LEAF, [], now);
  if (leafErr) push(leafErr);
  if (params.hostname) {
    const h = checkHostname(leaf, params.hostname);
    if (h) {
      push({
        ...h,
        message:
          h.code === 'verify/legacy-common-name'
            ? `"${params.hostname}" is only in the subject CN of "${subjectOf(leaf)}"; Go (and Kubernetes, Chrome, curl's Go peers) match host names against SANs only`
            : `"${params.hostname}" is not among the SANs of "${subjectOf(leaf)}"`,
        cert: leaf,
      });
    }
  }
  let chains: ParsedCertificate[][];
  if (ctx.roots.contains(leaf)) chains = [[leaf]];
  else {
    const built = await buildChains(leaf, [leaf], ctx);
    if (built.err) {
      push(built.err);
      return { ok: false, chain: [], reasons, goError: reasons[0]!.goError, skipped };
    }
    chains = built.chains;
  }
  const usage = params.purpose === 'client' ? OID.clientAuth : OID.serverAuth;
  const good = chains.filter((ch) => chainAllowsUsage(ch, usage));
  if (good.length === 0) {
    const blocker =
      chains[0]
        ?.slice()
        .reverse()
        .find((c) => !chainAllowsUsage([c], usage)) ?? leaf;
    push({
      code: 'verify/incompatible-usage',
      goError: 'x509: certificate specifies an incompatible key usage',
      message: `"${subjectOf(blocker)}" has an extended key usage without ${params.purpose === 'client' ? 'clientAuth' : 'serverAuth'}, so the chain cannot be used for ${params.purpose === 'client' ? 'client authentication' : 'a TLS server'}`,
      cert: leaf,
    });
  }
  const chain = (good[0] ?? chains[0] ?? []).map(subjectOf);
  return {
    ok: reasons.length === 0,
    chain: reasons.length === 0 ? chain : [],
    reasons,
    goError: reasons[0]?.goError ?? null,
    skipped,
  };
}
