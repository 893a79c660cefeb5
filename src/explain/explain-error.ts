// Finds the known errors in a pasted message or terminal transcript.
//
// Why it is built this way: a paste can be megabytes (a whole log), and the explainer runs as the
// reader types. So one case-insensitive regex of plain alternatives (no quantifiers: it cannot
// backtrack) finds every wording's first fragment in a single pass, the rest of the wording is
// looked for on that line only (a few occurrences per fragment at most),
// and the entry's capture regex sees only that line, cut to MAX_LINE characters. Nothing is
// quadratic and no regular expression backtracks over the paste.
import type { CatalogueEntry, Layer, LessonLink, Source } from './catalogue.ts';
import { CATALOGUE, catalogueEntry, MAX_LINE } from './catalogue.ts';

/** One recognised error. */
export interface ExplainMatch {
  /** The catalogue id (after refining, e.g. "anonymous-forbidden"). */
  id: string;
  layer: Layer;
  /** Whose wording matched. */
  source: Source;
  /** The line it was found on, trimmed (at most 500 characters). */
  line: string;
  /** 1-based line number in the paste. */
  lineNumber: number;
  /** Values read from the line (user, resource, namespace, host, …); empty strings are dropped. */
  captures: Record<string, string>;
  lesson: LessonLink;
}

/** A near miss, for text nothing matched. */
export interface ExplainCandidate {
  id: string;
  /** Higher is closer. */
  score: number;
  lesson: LessonLink;
}

/** What the explainer found. */
export interface ExplainResult {
  /** In the order they appear in the paste (one per entry and line). */
  matches: ExplainMatch[];
  /** When nothing matched: up to `maxCandidates` entries whose words are closest. */
  candidates: ExplainCandidate[];
}

/** Options for `explainError`. */
export interface ExplainOptions {
  /** Most occurrences of one wording to look at. Default: 5. */
  maxOccurrences?: number;
  /** Most candidates to return when nothing matched. Default: 3. */
  maxCandidates?: number;
}

interface Hit {
  entry: CatalogueEntry;
  source: Source;
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
}

/**
 * Group names like host2/host3 fold into "host"; the first non-empty value wins. A line longer than
 * MAX_LINE is read at its start and at its end (never whole): Go's "certificate is valid for …, not
 * <host>" for 2,000 SANs is 30 KB long and names the host last.
 */
function readCaptures(entry: CatalogueEntry, line: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!entry.capture) return out;
  const parts = line.length > MAX_LINE ? [line.slice(0, MAX_LINE), line.slice(-MAX_LINE)] : [line];
  for (const part of parts) {
    const m = entry.capture.exec(part);
    for (const [name, value] of Object.entries(m?.groups ?? {})) {
      const key = name.replace(/\d+$/, '');
      if (value !== undefined && value !== '' && out[key] === undefined) out[key] = value;
    }
  }
  return out;
}

/**
 * Finds `rest` in order in the MAX_LINE characters after a first fragment, or else from the point
 * reached in the last MAX_LINE characters of the line. Returns the end offset (relative to `from`)
 * or -1.
 */
function findRest(text: string, from: number, lineEnd: number, rest: string[]): number {
  const headEnd = Math.min(lineEnd, from + MAX_LINE);
  const head = text.slice(from, headEnd).toLowerCase();
  let pos = 0;
  let i = 0;
  for (; i < rest.length; i++) {
    const at = head.indexOf(rest[i]!, pos);
    if (at < 0) break;
    pos = at + rest[i]!.length;
  }
  if (i === rest.length) return pos;
  if (lineEnd <= headEnd) return -1;
  const tailStart = Math.max(from + pos, lineEnd - MAX_LINE);
  const tail = text.slice(tailStart, lineEnd).toLowerCase();
  let tpos = 0;
  for (; i < rest.length; i++) {
    const at = tail.indexOf(rest[i]!, tpos);
    if (at < 0) return -1;
    tpos = at + rest[i]!.length;
  }
  return tailStart - from + tpos;
}

interface Fragment {
  entry: CatalogueEntry;
  source: Source;
  rest: string[];
}

let scanner: { re: RegExp; byFirst: Map<string, Fragment[]> } | undefined;

/** One case-insensitive regex of every wording's first fragment, longest first. */
function buildScanner(): { re: RegExp; byFirst: Map<string, Fragment[]> } {
  const byFirst = new Map<string, Fragment[]>();
  for (const entry of CATALOGUE) {
    for (const w of entry.wordings) {
      const [first, ...rest] = w.all;
      if (!first) continue;
      byFirst.set(first, [...(byFirst.get(first) ?? []), { entry, source: w.source, rest }]);
    }
  }
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [...byFirst.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { re: new RegExp(alternatives.join('|'), 'gi'), byFirst };
}

function findHits(text: string, maxOccurrences: number): Hit[] {
  scanner ??= buildScanner();
  const { byFirst } = scanner;
  const re = new RegExp(scanner.re.source, 'gi');
  const seen = new Map<string, number>();
  const hits: Hit[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const first = m[0].toLowerCase();
    const count = seen.get(first) ?? 0;
    if (count >= maxOccurrences) continue;
    seen.set(first, count + 1);
    const at = m.index;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    for (const f of byFirst.get(first) ?? []) {
      const pos = f.rest.length ? findRest(text, at + first.length, lineEnd, f.rest) : 0;
      if (pos >= 0)
        hits.push({
          entry: f.entry,
          source: f.source,
          start: at,
          end: at + first.length + pos,
          lineStart,
          lineEnd,
        });
    }
  }
  return hits;
}

/** Drops a hit whose span lies inside a longer hit of another entry, and generic hits beside specific ones. */
function prune(hits: Hit[]): Hit[] {
  const inside = (a: Hit, b: Hit) =>
    a.entry !== b.entry && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const kept = hits.filter((h) => !hits.some((o) => inside(h, o)));
  return kept.filter(
    (h) =>
      !h.entry.generic ||
      !kept.some((o) => !o.entry.generic && !o.entry.summary && o.lineStart === h.lineStart),
  );
}

function lineNumbers(text: string, offsets: number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let line = 1;
  let pos = 0;
  for (const offset of sorted) {
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0 || nl >= offset) break;
      line++;
      pos = nl + 1;
    }
    out.set(offset, line);
  }
  return out;
}

/** Signs that the paste is about a request with a bearer token (bounded, no nested quantifiers). */
const TOKEN_SENT = /--token[= ]|authorization: ?bearer |^[ \t-]{0,20}token: ?\S/im;
/** Signs that the request came through an authenticating proxy (part 5). */
const VIA_PROXY = /\bx-remote-(?:user|group)\b|--requestheader-|\bproxy_ssl_certificate\b/i;

/** A command line in the paste: after a "$ " prompt, or a bare curl or kubectl. */
const COMMAND_LINE = /^[ \t]{0,20}(?:\$[ \t]{1,4}[^\n]{1,2000}|(?:curl|kubectl) [^\n]{0,2000})/gm;
/** Options by which curl sends a credential: a client certificate or an Authorization header. */
const CURL_CREDENTIAL = /(?:^| )(?:--cert[= ]|-E ?\S|--oauth2-bearer|-u ?\S|--user[= ])|authorization:/i;

/**
 * The offsets of the command lines (at most 200) and, for each, whether it is a curl that sent no
 * credential at all.
 */
function commandLines(text: string): { at: number; bare: boolean }[] {
  const out: { at: number; bare: boolean }[] = [];
  const re = new RegExp(COMMAND_LINE.source, 'gm');
  for (let m = re.exec(text); m && out.length < 200; m = re.exec(text)) {
    const cmd = m[0].replace(/^[ \t]*(?:\$[ \t]*)?/, '');
    out.push({ at: m.index, bare: cmd.startsWith('curl ') && !CURL_CREDENTIAL.test(cmd) });
  }
  return out;
}

/** True when the last command before `offset` is a curl that sent no credential. */
function afterBareCurl(commands: { at: number; bare: boolean }[], offset: number): boolean {
  let last: { at: number; bare: boolean } | undefined;
  for (const c of commands) if (c.at < offset) last = c;
  return last?.bare ?? false;
}

const WORD = /[a-z0-9][a-z0-9:._/-]{2,}/g;

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(WORD) ?? []);
}

const entryWords = new Map<string, Set<string>>();

function wordsOf(entry: CatalogueEntry): Set<string> {
  let w = entryWords.get(entry.id);
  if (!w) {
    w = words([...entry.wordings.flatMap((x) => x.all), ...(entry.keywords ?? [])].join(' '));
    entryWords.set(entry.id, w);
  }
  return w;
}

/** Entries ranked by shared words with (the ends of) the text. */
function rankCandidates(text: string, max: number): ExplainCandidate[] {
  const sample = text.length > 16_384 ? `${text.slice(0, 8192)} ${text.slice(-8192)}` : text;
  const have = words(sample);
  if (have.size === 0) return [];
  const scored = CATALOGUE.map((entry) => {
    const want = wordsOf(entry);
    let shared = 0;
    for (const w of want) if (have.has(w)) shared++;
    return { id: entry.id, score: want.size ? shared / Math.sqrt(want.size) : 0, lesson: entry.lesson };
  });
  return scored
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, max);
}

/** At most 500 characters of a line: its start and its end, where a long Go list names the host. */
function shortLine(line: string): string {
  const t = line.trim();
  return t.length > 500 ? `${t.slice(0, 300)} … ${t.slice(-196)}` : t;
}

/** Recognises known errors in `text` (a message or a whole terminal output). */
export function explainError(text: string, options: ExplainOptions = {}): ExplainResult {
  const maxOccurrences = options.maxOccurrences ?? 5;
  const maxCandidates = options.maxCandidates ?? 3;
  // Terminal colours (ESC[…m) would split the words; only look for them if there is an ESC.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are control characters
  const clean = text.includes('\u001b') ? text.replace(/\u001b\[[0-9;]{0,20}[A-Za-z]/g, '') : text;
  const hits = prune(findHits(clean, maxOccurrences));
  const numbers = lineNumbers(
    clean,
    hits.map((h) => h.lineStart),
  );
  // A 401 means the token was refused when a token was sent: said by the command line (--token), a
  // kubeconfig (token:), a header (Authorization: Bearer), or by an error only tokens give.
  const tokenSent = hits.some((h) => h.entry.token) || TOKEN_SENT.test(clean);
  // A 401 answering a curl that sent nothing: anonymous requests are off (or limited to other paths).
  const commands = tokenSent ? [] : commandLines(clean);
  const seen = new Set<string>();
  const matches: ExplainMatch[] = [];
  for (const h of hits.sort((a, b) => a.start - b.start)) {
    const long = h.lineEnd - h.lineStart > MAX_LINE;
    const line = long
      ? `${clean.slice(h.lineStart, h.lineStart + MAX_LINE)}\n${clean.slice(h.lineEnd - MAX_LINE, h.lineEnd)}`
      : clean.slice(h.lineStart, h.lineEnd).trim();
    // A long line is its start and its end: readCaptures reads those two apart.
    const captures = readCaptures(h.entry, line);
    const refined =
      h.entry.refine?.(captures) ??
      (h.entry.withProxy && VIA_PROXY.test(clean) ? h.entry.withProxy : undefined) ??
      (tokenSent
        ? h.entry.withToken
        : h.source !== 'kubectl' && afterBareCurl(commands, h.start)
          ? h.entry.withoutCredential
          : undefined);
    const entry = (refined && catalogueEntry(refined)) || h.entry;
    const key = `${entry.id}@${h.lineStart}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({
      id: entry.id,
      layer: entry.layer,
      source: h.source,
      line: shortLine(long ? line.replace('\n', '') : line),
      lineNumber: numbers.get(h.lineStart) ?? 1,
      captures: Object.fromEntries(Object.entries(captures).filter(([, v]) => v !== '')),
      lesson: entry.lesson,
    });
  }
  return { matches, candidates: matches.length ? [] : rankCandidates(clean, maxCandidates) };
}
