// Starts the Go stand-in for kube-apiserver's x509 authenticator (tests/interop/go/apiserver) for a
// test, on 127.0.0.1 and a free port. See that program's header for what it does and does not do.
import { type ChildProcess, spawn } from 'node:child_process';
import { buildGoProgram } from './go.ts';

export interface Standin {
  /** "https://127.0.0.1:PORT" */
  url: string;
  stop(): void;
  /** The server's log so far (it logs each request's user and groups, and each failed verification). */
  log(): Promise<string>;
}

/** Starts the stand-in and resolves with its URL once it listens. */
export async function startStandin(
  dir: string,
  opts: {
    cert: string;
    key: string;
    clientCa: string;
    allowGroups?: string[];
    /** Report the credential-id extra, as kube-apiserver 1.32 and later do. Default: false. */
    credentialId?: boolean;
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
    '-client-ca-file',
    opts.clientCa,
    '-allow-group',
    (opts.allowGroups ?? []).join(','),
    ...(opts.credentialId ? ['-credential-id'] : []),
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
    child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}: ${stderr}`)));
  });
  // spawnSync blocks the event loop, so let the server's log lines arrive before reading them.
  const log = () => new Promise<string>((resolve) => setTimeout(() => resolve(stderr), 200));
  return { url, stop: () => child.kill(), log };
}
