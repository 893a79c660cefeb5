// Part 6 as printed, English and Korean: every curl command of lesson 1's "Check it" prints the
// status the page shows after it, sent to the Go stand-in configured as the page assumes (a kubeadm
// control plane: the cluster CA as --client-ca-file, kubeadm's apiserver-kubelet-client certificate,
// service-account keys and bootstrap tokens, anonymous requests on) with the test's URL and files for https://127.0.0.1:6443 and
// /etc/kubernetes/pki; the engine (simulateRequest) says the same status for each. Lesson 2's grep
// prints what the page shows when run on kubeadm's kube-apiserver manifest.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  exportPublicKeyPem,
  generateKeyPair,
  issueClientCertificate,
  issueRootCa,
  issueServerCertificate,
} from '../../src/pki/index.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../../src/recipes/tokens/kubeadm-manifest.ts';
import {
  DEFAULT_SETUP,
  EXAMPLE_SA_ISSUER,
  type SimulatorRequest,
  simulateRequest,
} from '../../src/tokens/index.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool, inCI } from '../support/tools.ts';

const tools = ['go', 'curl', 'bash', 'grep'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the part 6 lessons need ${missing.join(', ')}`);

const page = (lang: 'en' | 'ko', slug: string) =>
  readFileSync(
    new URL(`../../content/${lang === 'ko' ? 'ko/' : ''}authenticator-chain/${slug}.mdx`, import.meta.url),
    'utf8',
  );
/** The page's fenced blocks, in order: [language, text]. */
const fences = (text: string) =>
  [...text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);

const PAGE_URL = 'https://127.0.0.1:6443';
const PAGE_PKI = '/etc/kubernetes/pki/';

/** What the engine is asked for one of the page's curl commands (the page's own flags, read back). */
function engineRequest(command: string, certificatePem: string): SimulatorRequest {
  const auth = /-H 'Authorization: ([^']*)'/.exec(command)?.[1] ?? '';
  const path = new URL(/https:\/\/\S+/.exec(command)![0]).pathname;
  return {
    endpoint: path === '/livez' ? '/livez' : 'whoami',
    certificatePem: command.includes('--cert ') ? certificatePem : '',
    authorization: auth,
    headers: '',
  };
}

describe('part 6: the Check it commands print what the pages show', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let standin: Standin;
  let clientCertificatePem = '';
  let clientCaPem = '';
  let saPub = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-chain-lesson-'));
    const ca = await issueRootCa({ subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' });
    const serving = await issueServerCertificate(
      { subject: { commonName: 'kube-apiserver' }, ipAddresses: ['127.0.0.1'], algorithm: 'ECDSA-P256' },
      ca,
    );
    const kubeletClient = await issueClientCertificate(
      {
        subject: { commonName: 'kube-apiserver-kubelet-client', organizations: ['kubeadm:cluster-admins'] },
        algorithm: 'ECDSA-P256',
      },
      ca,
    );
    clientCertificatePem = kubeletClient.certificatePem;
    clientCaPem = ca.certificatePem;
    saPub = await exportPublicKeyPem((await generateKeyPair('RSA-2048')).publicKey);
    const files: Record<string, string> = {
      'ca.crt': ca.certificatePem,
      'apiserver.crt': serving.certificatePem,
      'apiserver.key': serving.privateKeyPem,
      'apiserver-kubelet-client.crt': kubeletClient.certificatePem,
      'apiserver-kubelet-client.key': kubeletClient.privateKeyPem,
      'kube-apiserver.yaml': KUBEADM_KUBE_APISERVER_MANIFEST,
      'sa.pub': saPub,
    };
    for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
    standin = await startStandin(dir, {
      cert: join(dir, 'apiserver.crt'),
      key: join(dir, 'apiserver.key'),
      clientCa: join(dir, 'ca.crt'),
      serviceAccountKeyFiles: [join(dir, 'sa.pub')],
      serviceAccountIssuers: [EXAMPLE_SA_ISSUER],
      bootstrapTokens: true,
    });
  });

  after(() => {
    standin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`lesson 1: each curl prints the status after it, and the engine agrees (${lang})`, async () => {
      const blocks = fences(page(lang, '01-follow-a-request-through-the-chain'));
      const commands = blocks
        .map(([l, text], i) => ({ l, text, i }))
        .filter(({ l, text }) => l === 'sh' && /^(sudo )?curl /.test(text));
      assert.equal(commands.length, 5, 'five curl commands in Check it');
      const setup = {
        ...DEFAULT_SETUP,
        tokenFile: { ...DEFAULT_SETUP.tokenFile, on: false },
        webhook: { ...DEFAULT_SETUP.webhook, on: false },
        clientCa: { on: true, caPem: clientCaPem },
        serviceAccount: { on: true, keyPem: saPub, issuer: EXAMPLE_SA_ISSUER, accounts: '' },
      };
      for (const { text, i } of commands) {
        const [l, expected] = blocks[i + 1]!;
        assert.equal(l, 'text', `a text block follows ${text}`);
        const command = text
          .trim()
          .replace(/^sudo /, '')
          .replaceAll(PAGE_URL, standin.url)
          .replaceAll(PAGE_PKI, `${dir}/`);
        const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.stderr, '', command);
        assert.equal(r.stdout, expected, command);
        const predicted = await simulateRequest(setup, engineRequest(text, clientCertificatePem));
        assert.equal(`${predicted.status}\n`, expected, `the engine on ${text}`);
      }
    });

    it(`lesson 2: the grep prints the flags the page shows (${lang})`, () => {
      const blocks = fences(page(lang, '02-compare-the-methods'));
      const at = blocks.findIndex(([l, t]) => l === 'sh' && t.includes('grep -E'));
      assert.ok(at >= 0, 'the grep command');
      const command = blocks[at]![1].trim()
        .replace(/^sudo /, '')
        .replace('/etc/kubernetes/manifests/kube-apiserver.yaml', join(dir, 'kube-apiserver.yaml'));
      const r = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, blocks[at + 1]![1]);
    });
  }
});
