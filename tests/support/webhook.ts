// What the webhook interop tests share: the lab's certificates made by the site's engine (a CA, the
// webhook's server certificate for localhost and 127.0.0.1, kube-apiserver's client certificate),
// token-webhook.py started as the lesson prints it, the webhook kubeconfig the site writes turned into
// JSON by real kubectl (the stand-in reads JSON), and `kubectl --token … auth whoami` against a
// stand-in.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueClientCertificate } from '../../src/pki/index.ts';
import { webhookKubeconfig } from '../../src/recipes/webhook/index.ts';
import { writeLocalhostCertificates } from './lab-certs.ts';
import { type Standin, startStandin } from './standin.ts';
import { runAsync } from './tools.ts';

/** Writes rootCA.pem, server.pem, server-key.pem, client.pem and client-key.pem into `dir`, and returns them. */
export async function writeWebhookCertificates(
  dir: string,
): Promise<{ server: { certificatePem: string; privateKeyPem: string } }> {
  const { ca, server } = await writeLocalhostCertificates(dir);
  const client = await issueClientCertificate(
    { subject: { commonName: 'kube-apiserver' }, algorithm: 'ECDSA-P256', validityDays: 30 },
    ca,
  );
  writeFileSync(join(dir, 'client.pem'), client.certificatePem);
  writeFileSync(join(dir, 'client-key.pem'), client.privateKeyPem);
  return { server };
}

export interface Webhook {
  /** "https://127.0.0.1:PORT" */
  url: string;
  stop(): void;
  /** What the script printed so far. */
  log(): Promise<string>;
}

/** Runs token-webhook.py (`script`) in `dir` as the lesson prints it, on a port the OS picks. */
export async function startWebhook(dir: string, script: string, extra: string[] = []): Promise<Webhook> {
  const child: ChildProcess = spawn(
    'python3',
    [
      script,
      '--cert',
      'server.pem',
      '--key',
      'server-key.pem',
      '--users',
      'webhook-users.json',
      '--port',
      '0',
      ...extra,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`token-webhook.py did not start: ${out}`)), 10_000);
    const look = () => {
      const m = /(https:\/\/[0-9.]+:[0-9]+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', look);
    child.on('close', (code) => reject(new Error(`token-webhook.py exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: () => child.kill(),
    log: () => new Promise((r) => setTimeout(() => r(out), 200)),
  };
}

/** A command the widget prints (e.g. lesson 4.2's webhook run command), started with bash in `dir`. */
export interface RunningCommand {
  /** What it printed so far. */
  output(): string;
  /** Stops it and everything it started (its process group). */
  stop(): void;
}

/** Runs `command` with `bash -c` in `dir`, in a process group of its own, once it prints an https:// URL. */
export async function startWebhookCommand(dir: string, command: string): Promise<RunningCommand> {
  const child = spawn('bash', ['-c', command], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`token-webhook.py did not start: ${out}`)), 10_000);
    child.stdout?.on('data', () => {
      if (/https:\/\//.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('close', (code) => reject(new Error(`token-webhook.py exited with ${code}: ${out}`)));
  });
  return {
    output: () => out,
    stop: () => {
      try {
        if (child.pid) process.kill(-child.pid);
      } catch {
        // already gone
      }
    },
  };
}

/** Writes the JSON kubectl makes of the kubeconfig at `yamlPath` (the stand-in reads JSON) beside it; returns its path. */
export function kubeconfigAsJson(yamlPath: string): string {
  const r = kubectl('--kubeconfig', yamlPath, 'config', 'view', '--raw', '-o', 'json');
  assert.equal(r.status, 0, r.stderr);
  writeFileSync(`${yamlPath}.json`, r.stdout);
  return `${yamlPath}.json`;
}

/** kubectl, run synchronously. */
export function kubectl(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('kubectl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** kubectl's arguments for `--token=… auth whoami` against the stand-in at `server`, trusting `dir`/rootCA.pem. */
const whoamiArgs = (dir: string, server: string, token: string) => [
  '--kubeconfig=/dev/null',
  `--server=${server}`,
  `--certificate-authority=${join(dir, 'rootCA.pem')}`,
  `--token=${token}`,
  'auth',
  'whoami',
];

/** `kubectl --token=… auth whoami` against the stand-in at `server`, trusting `dir`/rootCA.pem. */
export function whoamiWithToken(dir: string, server: string, token: string) {
  return kubectl(...whoamiArgs(dir, server, token));
}

/** whoamiWithToken without blocking this event loop (for a webhook that runs on it). */
export function whoamiWithTokenAsync(dir: string, server: string, token: string) {
  return runAsync('kubectl', whoamiArgs(dir, server, token));
}

/**
 * Starts the stand-in as the webhook tests run it: `dir`/server.pem and server-key.pem, no token
 * cache (every request reaches the webhook), a 5 ms first retry delay, then `opts`; its stop is
 * pushed onto `stops`.
 */
export async function startWebhookStandin(
  dir: string,
  stops: (() => void)[],
  opts: Partial<Parameters<typeof startStandin>[1]>,
): Promise<Standin> {
  const s = await startStandin(dir, {
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server-key.pem'),
    tokenCacheTtl: '0s',
    webhookRetryBackoff: '5ms',
    ...opts,
  });
  stops.push(s.stop);
  return s;
}

/**
 * The webhook kubeconfig the site writes for `url` + /authenticate with `dir`'s certificates, as YAML
 * and as the JSON kubectl makes of it (`mutate` edits that JSON first).
 */
export function webhookKubeconfigFor(
  dir: string,
  name: string,
  url: string,
  mutate?: (c: Record<string, unknown>) => void,
): { yamlPath: string; jsonPath: string; json: Record<string, unknown> } {
  const yamlPath = join(dir, `${name}.kubeconfig`);
  writeFileSync(
    yamlPath,
    webhookKubeconfig({
      server: `${url}/authenticate`,
      caPem: readFileSync(join(dir, 'rootCA.pem'), 'utf8'),
      clientCertificatePem: readFileSync(join(dir, 'client.pem'), 'utf8'),
      clientKeyPem: readFileSync(join(dir, 'client-key.pem'), 'utf8'),
    }),
  );
  const r = kubectl('--kubeconfig', yamlPath, 'config', 'view', '--raw', '-o', 'json');
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  mutate?.(json);
  const jsonPath = join(dir, `${name}.kubeconfig.json`);
  writeFileSync(jsonPath, JSON.stringify(json));
  return { yamlPath, jsonPath, json };
}
