// The explainer must recognise what the tools really print, captured here from real runs: curl and
// openssl s_client against an openssl s_server whose certificate names another host (or has an IP
// SAN for another address), then each captured line goes through explainError and must hold the
// catalogue sample marked as captured by it. Go, kubectl, nginx and more of curl are captured in
// troubleshooting-captured-go-kubectl.test.ts and troubleshooting-captured-nginx-curl.test.ts.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainError } from '../../src/explain/index.ts';
import { judgeCaptured, markedCaptured } from '../support/explain-capture.ts';
import { freePort } from '../support/net.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

const TOOLS = ['openssl', 'curl'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and these tests need ${missing.join(', ')}`);

describe('the explainer knows the hostname errors curl and openssl really print', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let port = 0;
  let server: ChildProcess | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-captured-'));
    makeCa(dir, 'ca');
    makeLeaf(dir, 'ca', 'server', '/CN=kube-apiserver', [
      'subjectAltName=DNS:kubernetes,IP:10.96.0.1',
      'extendedKeyUsage=serverAuth',
      'basicConstraints=critical,CA:FALSE',
    ]);
    port = await freePort();
    server = spawn(
      'openssl',
      [
        's_server',
        '-quiet',
        '-accept',
        `127.0.0.1:${port}`,
        '-cert',
        'server.crt',
        '-key',
        'server.key',
        '-www',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    for (let i = 0; i < 50; i++) {
      const probe = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
      if (probe.status === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Each case, and the catalogue wording whose sample it must print (numbers aside).
  const CASES: [string, string[], string?][] = [
    [
      'curl, a DNS name the certificate lacks',
      [
        'curl',
        '-sS',
        '--cacert',
        'ca.crt',
        '--resolve',
        'kube.example.org:PORT:127.0.0.1',
        'https://kube.example.org:PORT/',
      ],
      'hostname-mismatch#1',
    ],
    [
      'curl, an IP address the certificate lacks',
      ['curl', '-sS', '--cacert', 'ca.crt', 'https://127.0.0.1:PORT/'],
    ],
    [
      'openssl s_client -verify_hostname',
      [
        'bash',
        '-c',
        'openssl s_client -connect 127.0.0.1:PORT -CAfile ca.crt -verify_hostname kube.example.org -verify_return_error </dev/null 2>&1 | grep -m1 -i "mismatch"',
      ],
      'hostname-mismatch#6',
    ],
    [
      'openssl s_client -verify_ip',
      [
        'bash',
        '-c',
        'openssl s_client -connect 127.0.0.1:PORT -CAfile ca.crt -verify_ip 192.0.2.7 -verify_return_error </dev/null 2>&1 | grep -m1 -i "mismatch"',
      ],
      'hostname-mismatch#7',
    ],
  ];
  const compared = new Set<string>();
  for (const [label, [cmd, ...args], key] of CASES) {
    it(`recognises ${label} as a hostname mismatch`, () => {
      const r = spawnSync(
        cmd!,
        args.map((a) => a.replaceAll('PORT', String(port))),
        { cwd: dir, encoding: 'utf8' },
      );
      const said = `${r.stdout}${r.stderr}`.trim();
      assert.ok(said.length > 0, 'the tool printed something');
      const { matches } = explainError(said);
      assert.equal(matches[0]?.id, 'hostname-mismatch', said);
      if (key) judgeCaptured(key, said, compared);
    });
  }

  it('produces every sample marked as captured from this curl and openssl s_client', () => {
    assert.deepEqual(
      markedCaptured(/^(curl 7\.88\.1|OpenSSL 3\.0 s_client)$/).filter((k) => !compared.has(k)),
      [],
    );
  });
});
