// Feeds parseKubeconfig random bytes and mutated kubeconfigs (deterministic PRNG) and checks that
// only LabError ever escapes and that no input takes long.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKubeconfig, parseKubeconfig } from '../../../src/kube/index.ts';
import { LabError } from '../../../src/pki/errors.ts';
import { prng } from '../../support/fuzz.ts';

const pem = (label: string) => `-----BEGIN ${label}-----\nMIIBszCCAVmgAwIBAgIU\n-----END ${label}-----\n`;
const SEEDS = [
  buildKubeconfig({
    clusterName: 'kubernetes',
    server: 'https://192.0.2.10:6443',
    caPem: pem('CERTIFICATE'),
    userName: 'jane',
    clientCertificatePem: pem('CERTIFICATE'),
    clientKeyPem: pem('PRIVATE KEY'),
    namespace: 'dev',
  }),
  `apiVersion: v1
kind: Config
clusters:
- {name: a, cluster: {server: "https://h", insecure-skip-tls-verify: true}}
users:
- name: e
  user:
    exec: {command: aws, args: [eks, get-token]}
    token: abc
- name: &n f
  user: {client-certificate: /x.crt, client-key: /x.key}
contexts:
- {name: c, context: {cluster: a, user: *n}}
current-context: c
`,
];
const SPECIAL = [...'&*!|>-?:,[]{}#%@`\'"\\\n\t =<+~0.'];

function mutate(text: string, rnd: () => number): string {
  let s = text;
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const r = rnd();
    if (r < 0.3) s = s.slice(0, at) + SPECIAL[Math.floor(rnd() * SPECIAL.length)] + s.slice(at);
    else if (r < 0.5) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
    else if (r < 0.65) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + s.slice(at + 1);
    else if (r < 0.8) {
      const from = Math.floor(rnd() * s.length);
      s = s.slice(0, at) + s.slice(from, from + Math.floor(rnd() * 80)) + s.slice(at);
    } else if (r < 0.9) s = s.slice(0, at) + '*a &a ['.repeat(1 + Math.floor(rnd() * 4)) + s.slice(at);
    else s = s.replace(/[A-Za-z0-9+/]{4}(?=[A-Za-z0-9+/=]*$)/m, '!!!!');
  }
  return s;
}

// Time bounds here detect hangs (an alias bomb or a quadratic parse takes minutes), not speed: they
// are far above normal times so that a loaded machine or a slow browser does not fail them.
const HANG_MS = 5000;

function check(input: string, budgetMs = HANG_MS): void {
  const started = performance.now();
  try {
    parseKubeconfig(input);
  } catch (e) {
    if (!(e instanceof LabError)) {
      assert.fail(`non-LabError ${String(e)} for input ${JSON.stringify(input.slice(0, 200))}`);
    }
    assert.match(e.code, /^kubeconfig\//);
  }
  const took = performance.now() - started;
  assert.ok(took < budgetMs, `took ${took.toFixed(0)} ms for ${JSON.stringify(input.slice(0, 120))}`);
}

test('parseKubeconfig throws only LabError for random bytes', () => {
  const rnd = prng(1);
  for (let i = 0; i < 400; i++) {
    const len = Math.floor(rnd() * 400);
    let s = '';
    for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(rnd() * 256));
    check(s);
  }
});

test('parseKubeconfig throws only LabError for mutated kubeconfigs', () => {
  const rnd = prng(2);
  const started = performance.now();
  for (let i = 0; i < 800; i++) check(mutate(SEEDS[i % SEEDS.length]!, rnd));
  assert.ok(performance.now() - started < 12 * HANG_MS);
});

test('parseKubeconfig stays fast on big hostile inputs', () => {
  const rnd = prng(3);
  const chunks = [
    '[',
    '{',
    '- ',
    '? ',
    '*a ',
    '&a ',
    'k: ',
    '"',
    "'",
    '\n',
    ' ',
    '#',
    '|\n',
    'a',
    ',',
    '!!str ',
  ];
  for (let i = 0; i < 8; i++) {
    let s = '';
    while (s.length < 200_000)
      s += chunks[Math.floor(rnd() * chunks.length)]!.repeat(1 + Math.floor(rnd() * 50));
    check(s, 2000);
  }
});
