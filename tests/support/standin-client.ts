// The clients the stand-in tests run against it (or against nginx in front of it): curl's status
// code, and kubectl with a bearer token and no kubeconfig of the reader's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The HTTP status of one request: `curl -s -o /dev/null -w %{http_code}` with these arguments (0: no answer). */
export function httpStatus(...args: string[]): number {
  const r = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', ...args], { encoding: 'utf8' });
  return Number(r.stdout);
}

/**
 * kubectl with `token` against `server`, trusting `caFile`, with `dir`/empty.kubeconfig as its
 * kubeconfig (which must exist) and `dir`/cache as its cache: what it exits with and prints.
 */
export function kubectlWithToken(
  dir: string,
  server: string,
  caFile: string,
  token: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    'kubectl',
    [
      '--kubeconfig',
      join(dir, 'empty.kubeconfig'),
      `--cache-dir=${join(dir, 'cache')}`,
      `--server=${server}`,
      `--certificate-authority=${caFile}`,
      `--token=${token}`,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** curl's TLS arguments: trust `dir`/`ca`.pem, present the client certificate `dir`/`name`.pem with `name`-key.pem. */
export function curlTls(dir: string, ca: string, name: string): string[] {
  return [
    '--cacert',
    join(dir, `${ca}.pem`),
    '--cert',
    join(dir, `${name}.pem`),
    '--key',
    join(dir, `${name}-key.pem`),
  ];
}
