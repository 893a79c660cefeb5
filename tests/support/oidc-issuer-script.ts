// Lesson 3.2's oidc-issuer.sh serving the files in a folder (the discovery document, jwks.json,
// server.pem and server-key.pem), started the way the tests run it: --local (nginx on this machine,
// no docker), in a process group of its own so that stopping it stops its nginx too.
import { spawn } from 'node:child_process';
import type { Lang } from '../../src/i18n/index.ts';
import { labScriptFile } from './lab-script-file.ts';

export interface IssuerScript {
  /** What the script printed so far (stdout and stderr). */
  output(): string;
  /** Stops it and its nginx (SIGTERM to its process group). */
  stop(): void;
}

/**
 * Runs `oidc-issuer.sh --local ARGS…` in `dir` and resolves once it prints "Press Ctrl-C to stop."
 * (its checks passed and nginx serves); rejects with what it printed when it exits first or after `timeoutMs`.
 */
export async function startIssuerScript(
  dir: string,
  args: string[] = [],
  opts: { lang?: Lang; timeoutMs?: number } = {},
): Promise<IssuerScript> {
  const script = spawn('bash', [labScriptFile('oidc-issuer.sh', opts.lang), '--local', ...args], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  script.stdout?.on('data', (d) => {
    out += d;
  });
  script.stderr?.on('data', (d) => {
    out += d;
  });
  const stop = () => {
    if (script.pid) {
      try {
        process.kill(-script.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`oidc-issuer.sh did not serve:\n${out}`)),
        opts.timeoutMs ?? 20_000,
      );
      const poll = setInterval(() => {
        if (/Press Ctrl-C to stop\.\n/.test(out)) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      script.on('close', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`oidc-issuer.sh exited with ${code}:\n${out}`));
      });
    });
  } catch (e) {
    stop();
    throw e;
  }
  return { output: () => out, stop };
}
