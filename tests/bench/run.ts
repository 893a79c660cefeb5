// `npm run bench`: how long making the lab set (CA + server + client, keys included) takes with
// src/pki in Node and in headless Chromium, and with the openssl CLI, measured in the same run.
// Prints medians and ratios; nothing here is asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { KEY_ALGORITHMS, type KeyAlgorithm, supportsEd25519 } from '../../src/pki/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.ts';
import { clickTimes } from './click-to-certificate.ts';
import { timeLabSet } from './lab-set.ts';

const RUNS: Record<KeyAlgorithm, number> = process.env.BENCH_QUICK
  ? { 'RSA-2048': 1, 'RSA-3072': 1, 'RSA-4096': 1, 'ECDSA-P256': 1, 'ECDSA-P384': 1, Ed25519: 1 }
  : {
      'RSA-2048': 9,
      'RSA-3072': 5,
      'RSA-4096': 3,
      'ECDSA-P256': 15,
      'ECDSA-P384': 15,
      Ed25519: 15,
    };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function nodeTimes(alg: KeyAlgorithm, runs: number): Promise<number[]> {
  await timeLabSet(alg); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeLabSet(alg));
  return out;
}

const OPENSSL_KEY: Record<KeyAlgorithm, string[]> = {
  'RSA-2048': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'RSA-3072': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
  'RSA-4096': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096'],
  'ECDSA-P256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'ECDSA-P384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  Ed25519: ['-algorithm', 'ED25519'],
};

/** The same set with the openssl CLI (9 processes: 3 keys, 1 self-signed CA, 2 CSRs, 2 signatures… ). */
function opensslOnce(alg: KeyAlgorithm): number {
  const dir = mkdtempSync(join(tmpdir(), 'kal-bench-'));
  const run = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  const start = performance.now();
  for (const name of ['ca', 'server', 'client']) run(['genpkey', ...OPENSSL_KEY[alg], '-out', `${name}.key`]);
  run([
    'req',
    '-x509',
    '-key',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=Bench Root CA/O=Bench',
    '-days',
    '3650',
  ]);
  run(['req', '-new', '-key', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-out',
    'server.pem',
    '-days',
    '365',
    '-extfile',
    'server.ext',
  ]);
  run(['req', '-new', '-key', 'client.key', '-out', 'client.csr', '-subj', '/CN=jane/O=developers']);
  run([
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-out',
    'client.pem',
    '-days',
    '365',
    '-extfile',
    'client.ext',
  ]);
  const ms = performance.now() - start;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function chromiumTimes(algorithms: KeyAlgorithm[]): Promise<Map<KeyAlgorithm, number[]>> {
  const executablePath = findChromium();
  const result = new Map<KeyAlgorithm, number[]>();
  if (!executablePath) {
    console.log('(no Chromium found: skipping the browser column)');
    return result;
  }
  const bundle = await build({
    entryPoints: [new URL('./lab-set.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'bench',
    footer: { js: 'globalThis.bench = bench;' },
    platform: 'browser',
    logLevel: 'silent',
  });
  // A secure-context page (http://127.0.0.1) for WebCrypto; nothing but this empty page is served.
  const server = createServer((_req, res) => res.end('<!doctype html><title>bench</title>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(bundle.outputFiles[0]!.text);
    for (const alg of algorithms) {
      const runs = RUNS[alg];
      const times = await page.evaluate(
        async ({ alg, runs }) => {
          const b = (globalThis as unknown as { bench: { timeLabSet(a: string): Promise<number> } }).bench;
          try {
            await b.timeLabSet(alg);
          } catch (e) {
            return String(e);
          }
          const out: number[] = [];
          for (let i = 0; i < runs; i++) out.push(await b.timeLabSet(alg));
          return out;
        },
        { alg, runs },
      );
      if (typeof times === 'string') console.log(`(Chromium cannot make ${alg}: ${times})`);
      else result.set(alg, times);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return result;
}

const hasEd25519 = await supportsEd25519();
const algorithms = KEY_ALGORITHMS.filter((a) => a !== 'Ed25519' || hasEd25519);
const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
console.log(`Lab set = root CA + server + client certificate, keys included. Medians in ms.`);
console.log(
  `Node ${process.version}; ${String(hasOpenssl.stdout).trim() || 'no openssl'}; ${findChromium() ?? 'no Chromium'}`,
);

const browserTimes = await chromiumTimes(algorithms);
const rows: string[][] = [
  ['algorithm', 'runs', 'Node', 'Chromium', 'openssl CLI', 'Node/openssl', 'Chromium/openssl'],
];
for (const alg of algorithms) {
  const runs = RUNS[alg];
  const node = median(await nodeTimes(alg, runs));
  const browser = browserTimes.get(alg);
  const chrome = browser ? median(browser) : Number.NaN;
  const ossl =
    hasOpenssl.status === 0 ? median(Array.from({ length: runs }, () => opensslOnce(alg))) : Number.NaN;
  const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1));
  const r = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(2)}×`);
  rows.push([alg, String(runs), f(node), f(chrome), f(ossl), r(node / ossl), r(chrome / ossl)]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));

// What the reader waits for on lesson 3 (targets: RSA-2048 ≤ 150 ms, ECDSA-P256 ≤ 50 ms).
const clicks = await clickTimes(['RSA-2048', 'ECDSA-P256'], process.env.BENCH_QUICK ? 1 : 7);
for (const [alg, times] of clicks) {
  console.log(
    `lesson 3, click → first certificate, ${alg}: median ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
}

// What the reader's browser downloads: up-front JS per page, first Generate, first paste, strings.
const { engineVersusLibrary, pageBytes, printEngineVersusLibrary, printPageBytes } = await import(
  './page-bytes.ts'
);
const bytes = await pageBytes();
if (bytes) printPageBytes(bytes);
const library = await engineVersusLibrary();
if (library) printEngineVersusLibrary(library);

// The error explainer on a 5 MB paste (a log with the error at the end); the unit test only guards
// against a catastrophic pattern, the time is read here.
{
  const { explainError } = await import('../../src/explain/index.ts');
  const line =
    'Jan 01 12:00:00 node kubelet[123]: I0101 some ordinary log line with a few words 0123456789\n';
  const big = `${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}error: You must be logged in to the server (Unauthorized)\n`;
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    explainError(big);
    times.push(performance.now() - t0);
  }
  console.log(
    `error explainer, 5 MB paste: median ${median(times).toFixed(1)} ms (one toLowerCase pass is the floor)`,
  );
}
