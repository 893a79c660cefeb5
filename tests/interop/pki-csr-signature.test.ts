// The CSR signature verdict against Go's: openssl makes requests with every signature algorithm a
// reader may bring (RSA PKCS#1 v1.5, RSA-PSS, SHA-1, MD5, DSA, Ed25519, Ed448, ECDSA with named and
// explicit parameters, secp256k1) and a tampered one; Go's ParseCertificateRequest and
// CheckSignature (what the CSR API's signer runs) judge each, and verifyCsrSignature must agree:
// "valid" exactly where Go accepts, "invalid" where Go finds the signature wrong or refuses its
// algorithm as insecure, and "cannot-check" (never "invalid") where Go cannot check the algorithm
// either or cannot read the request.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type CsrSignatureVerdict, fromBase64, toBase64, verifyCsrSignature } from '../../src/pki/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { requireTools } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'pki-csr-signature-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function openssl(...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
}

/** The CSR openssl makes for a new key of `genpkey` options, signed with `req` options. */
function csr(name: string, genpkey: string[], req: string[] = []): string {
  openssl('genpkey', ...genpkey, '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', '/CN=jane/O=dev', ...req, '-out', `${name}.csr`);
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
}

/** The same CSR with the last byte of its signature changed. */
function tampered(pem: string): string {
  const der = fromBase64(pem.replace(/-----[^-]+-----/g, ''));
  der[der.length - 1]! ^= 0x01;
  const body = toBase64(der).replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${body.trimEnd()}\n-----END CERTIFICATE REQUEST-----\n`;
}

function goVerdict(parseError: string, checkError: string): CsrSignatureVerdict {
  if (parseError) return 'cannot-check';
  if (checkError === '') return 'valid';
  if (checkError.includes('algorithm unimplemented')) return 'cannot-check';
  return 'invalid';
}

test('says of every CSR signature what Go says, and "cannot check" where Go cannot either', async (t) => {
  if (!requireTools(t, 'openssl', 'go')) return;
  const rsa = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  const pss = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest'];
  openssl(
    'genpkey',
    '-genparam',
    '-algorithm',
    'DSA',
    '-pkeyopt',
    'dsa_paramgen_bits:2048',
    '-out',
    'dsa.param',
  );
  const ec = (curve: string, ...more: string[]) => [
    '-algorithm',
    'EC',
    '-pkeyopt',
    `ec_paramgen_curve:${curve}`,
    ...more,
  ];
  const pkcs1 = csr('rsa', rsa);
  const cases: [string, string, CsrSignatureVerdict][] = [
    ['RSA PKCS#1 v1.5 with SHA-256', pkcs1, 'valid'],
    ['RSA-PSS with SHA-256', csr('pss', rsa, pss), 'valid'],
    ['RSA-PSS with SHA-512', csr('pss512', rsa, [...pss, '-sha512']), 'valid'],
    ['RSA with SHA-1 (Go still accepts it in a CSR)', csr('sha1', rsa, ['-sha1']), 'valid'],
    ['RSA with MD5 (insecure for Go)', csr('md5', rsa, ['-md5']), 'invalid'],
    ['ECDSA P-256', csr('p256', ec('P-256')), 'valid'],
    ['ECDSA P-384', csr('p384', ec('P-384')), 'valid'],
    ['Ed25519', csr('ed25519', ['-algorithm', 'ED25519']), 'valid'],
    ['DSA', csr('dsa', ['-paramfile', 'dsa.param']), 'cannot-check'],
    ['Ed448', csr('ed448', ['-algorithm', 'ED448']), 'cannot-check'],
    [
      'ECDSA P-256 with explicit parameters',
      csr('ecx', ec('P-256', '-pkeyopt', 'ec_param_enc:explicit')),
      'cannot-check',
    ],
    ['ECDSA secp256k1', csr('k1', ec('secp256k1')), 'cannot-check'],
    ['RSA with a changed signature', tampered(pkcs1), 'invalid'],
    ['ECDSA with a changed signature', tampered(csr('p256b', ec('P-256'))), 'invalid'],
  ];
  const go = spawnSync(buildGoProgram('csrcheck'), [], {
    input: JSON.stringify(cases.map(([, pem]) => pem)),
    encoding: 'utf8',
  });
  assert.equal(go.status, 0, go.stderr);
  const judged: { parseError: string; checkError: string }[] = JSON.parse(go.stdout);
  for (const [i, [what, pem, expected]] of cases.entries()) {
    const g = judged[i]!;
    const fromGo = goVerdict(g.parseError, g.checkError);
    assert.equal(fromGo, expected, `${what}: Go says ${g.parseError || g.checkError || 'ok'}`);
    assert.equal(await verifyCsrSignature(pem), expected, what);
  }
});
