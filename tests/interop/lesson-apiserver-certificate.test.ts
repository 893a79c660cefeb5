// What lessons 6 and 8 show about kubeadm's API server certificate is what the tools print for one:
// tests/interop/go/kubeadmcert makes the certificate as kubeadm does (Go's crypto/x509, kubeadm's
// template and names), openssl prints it with lesson 6's command, and Go checks it for the hosts of
// lesson 8's "The name is not in the certificate" as kubectl does. The pages' blocks must equal the
// tools' texts, in English and Korean.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildGoProgram } from '../support/go.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = 'cp1';
const ADVERTISE = '192.0.2.10';
const LESSON_6_COMMAND =
  'sudo openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -subject -issuer -ext subjectAltName,extendedKeyUsage';

/** The fenced code blocks of a page, in order. */
function fences(page: string): string[] {
  const text = readFileSync(join(ROOT, 'content', page), 'utf8');
  return [...text.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm)].map((m) => m[2]!);
}

const dir = mkdtempSync(join(tmpdir(), 'lesson-apiserver-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Makes the certificate once and returns Go's verdict for each host. */
let verdicts: Record<string, string> | undefined;
function makeCertificate(hosts: string[]): Record<string, string> {
  verdicts ??= JSON.parse(
    execFileSync(buildGoProgram('kubeadmcert'), [dir, NODE, ADVERTISE, '--', ...hosts], { encoding: 'utf8' }),
  ) as Record<string, string>;
  return verdicts;
}

/** The x509 texts a page shows for a name or address the certificate lacks: host → Go's text. */
function shownHostErrors(page: string): Map<string, string> {
  const shown = new Map<string, string>();
  for (const block of fences(page)) {
    for (const m of block.matchAll(
      /(x509: certificate is valid for [^\n]*, not (\S+)|x509: cannot validate certificate for (\S+) because it doesn't contain any IP SANs)$/gm,
    )) {
      shown.set((m[2] ?? m[3])!, m[1]!);
    }
  }
  return shown;
}

for (const lang of ['', 'ko/']) {
  describe(`kubeadm's API server certificate on the ${lang ? 'Korean' : 'English'} pages`, () => {
    it("lesson 6 shows what openssl prints for it, extensions in the certificate's order", (t) => {
      if (!requireTools(t, 'go', 'openssl')) return;
      makeCertificate(['kube.example.org', '203.0.113.9']);
      const blocks = fences(`${lang}client-certificates/06-kubernetes-pki.mdx`);
      const at = blocks.findIndex((b) => b.trim() === LESSON_6_COMMAND);
      assert.ok(at >= 0, 'lesson 6 has the openssl command for apiserver.crt');
      const args = LESSON_6_COMMAND.split(' ').slice(2);
      args[args.indexOf('/etc/kubernetes/pki/apiserver.crt')] = join(dir, 'apiserver.crt');
      const printed = execFileSync('openssl', args, { encoding: 'utf8' });
      assert.equal(blocks[at + 1], printed);
    });

    it("lesson 8 shows Go's own words for a name and for an address that kubeadm's certificate lacks", (t) => {
      if (!requireTools(t, 'go')) return;
      const shown = shownHostErrors(`${lang}client-certificates/08-troubleshooting.mdx`);
      const go = makeCertificate(['kube.example.org', '203.0.113.9']);
      assert.ok(shown.has('kube.example.org'), 'a DNS name the certificate lacks');
      assert.ok(shown.has('203.0.113.9'), 'an IP address the certificate lacks');
      for (const [host, text] of shown) assert.equal(text, go[host], host);
    });
  });
}
