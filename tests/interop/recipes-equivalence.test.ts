// The recipes make the same certificates as the browser: the engine, real cfssl, real openssl and the
// @peculiar/x509 program ("in your own code", run with the real package) make a lab set from the same
// parameters, and our own inspector reads all four. Field by field they must match: the subject, every
// attribute in the same order (O before CN, as Go writes it); SANs in order; key usage; extended key
// usage; CA flag and path length; key type; lifetime. The certificates chain and verify for their
// purpose under our Go-rules verifier. (Serials, keys and dates differ, of course.) Two differences are
// the tools' own and are named here: cfssl (Go) puts all O values in one RDN, a DER SET, which sorts
// them; the CA certificates of cfssl and openssl carry keyCertSign and cRLSign without the
// digitalSignature the engine and kubeadm add.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  type CertificateInfo,
  describeIdentity,
  inspectCertificate,
  issueClientCertificate,
  issueRootCa,
  issueServerCertificate,
  type KeyAlgorithm,
  verifyChain,
} from '../../src/pki/index.ts';
import {
  CFSSL_KEY_ALGORITHMS,
  cfsslCommands,
  cfsslFiles,
  type LabCertificateParams,
  opensslCommands,
  x509LabRecipe,
} from '../../src/recipes/index.ts';
import { requireTools } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');

type LabPems = Record<'rootCA.pem' | 'server.pem' | 'client.pem', string>;

function lab(algorithm: KeyAlgorithm): LabCertificateParams {
  return {
    rootCa: {
      subject: { commonName: 'Equivalence Root CA', organizations: ['Kube Auth Lab'], country: 'DE' },
      algorithm,
      validityDays: 3650,
      pathLength: 1,
    },
    server: {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost', 'lab.example.test'],
      ipAddresses: ['127.0.0.1', '10.0.0.5'],
      algorithm,
      validityDays: 365,
    },
    client: {
      subject: { commonName: 'jane', organizations: ['ops', 'developers'] },
      algorithm,
      validityDays: 30,
    },
  };
}

async function fromEngine(p: LabCertificateParams): Promise<LabPems> {
  const ca = await issueRootCa(p.rootCa);
  const server = await issueServerCertificate(p.server, ca);
  const client = await issueClientCertificate(p.client, ca);
  return {
    'rootCA.pem': ca.certificatePem,
    'server.pem': server.certificatePem,
    'client.pem': client.certificatePem,
  };
}

/**
 * Runs a recipe's commands as printed with bash in an empty folder holding its files. `npm install`
 * is left out: the folder links this project's node_modules (the real @peculiar/x509) instead, and
 * `node` is the project's pinned Node.
 */
function runRecipe(files: { name: string; content: string }[], commands: { command: string }[]): LabPems {
  const dir = mkdtempSync(join(tmpdir(), 'kal-equiv-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const script = [
      'set -euo pipefail',
      ...commands.map((c) => c.command).filter((c) => !c.startsWith('npm install')),
    ].join('\n');
    execFileSync('bash', ['-c', script], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PATH: `${resolve(process.execPath, '..')}:${process.env.PATH}` },
    });
    const read = (n: string) => readFileSync(join(dir, n), 'utf8');
    return {
      'rootCA.pem': read('rootCA.pem'),
      'server.pem': read('server.pem'),
      'client.pem': read('client.pem'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What must be equal between sources, field by field, from our inspector's reading. */
function essentials(info: CertificateInfo, source: Source) {
  let parts = info.subject.parts.map((p) => `${p.type}=${p.value}`);
  if (source === 'cfssl') {
    // One RDN holds every O, sorted by DER: compare them sorted, in the place they take.
    const sorted = parts.filter((p) => p.startsWith('O=')).sort();
    parts = parts.map((p) => (p.startsWith('O=') ? sorted.shift()! : p));
  }
  const keyUsage = info.keyUsage ?? [];
  return {
    subject: parts,
    dns: info.subjectAltNames?.dns ?? [],
    ip: info.subjectAltNames?.ip ?? [],
    keyUsage: info.isCa ? keyUsage.filter((u) => u !== 'digitalSignature') : keyUsage,
    eku: (info.extendedKeyUsage ?? []).map((e) => e.name),
    ca: info.basicConstraints?.ca,
    pathLength: info.basicConstraints?.pathLength,
    key: `${info.publicKey.algorithm} ${info.publicKey.size ?? ''} ${info.publicKey.curve ?? ''}`,
    days: Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / 86_400_000),
    hasSki: Boolean(info.subjectKeyIdentifier),
    hasAki: info.isSelfSigned || Boolean(info.authorityKeyIdentifier),
  };
}

type Source = 'openssl' | 'cfssl' | 'program';

async function assertEquivalent(ours: LabPems, theirs: LabPems, source: Source) {
  const sortGroups = source === 'cfssl';
  for (const name of ['rootCA.pem', 'server.pem', 'client.pem'] as const) {
    const a = essentials(await inspectCertificate(ours[name]), source);
    const b = essentials(await inspectCertificate(theirs[name]), source);
    assert.deepEqual(b, a, `${source} ${name}`);
  }
  const identity = describeIdentity(theirs['client.pem']);
  assert.equal(identity.user, 'jane');
  // cfssl (Go) writes all O values into one RDN, a DER SET, which sorts them.
  assert.deepEqual(
    sortGroups ? [...identity.groups].sort() : identity.groups,
    sortGroups
      ? ['developers', 'ops', 'system:authenticated']
      : ['ops', 'developers', 'system:authenticated'],
  );
  const client = await verifyChain({
    leaf: theirs['client.pem'],
    roots: theirs['rootCA.pem'],
    purpose: 'client',
  });
  assert.equal(client.ok, true, `${source} client: ${client.goError}`);
  const server = await verifyChain({
    leaf: theirs['server.pem'],
    roots: theirs['rootCA.pem'],
    purpose: 'server',
    hostname: 'lab.example.test',
  });
  assert.equal(server.ok, true, `${source} server: ${server.goError}`);
}

for (const algorithm of ['RSA-2048', 'ECDSA-P256', 'ECDSA-P384', 'Ed25519'] as const) {
  test(`the openssl recipe makes what the engine makes (${algorithm})`, async (t) => {
    if (!requireTools(t, 'openssl')) return;
    const p = lab(algorithm);
    await assertEquivalent(await fromEngine(p), runRecipe([], opensslCommands(p)), 'openssl');
  });

  test(`the @peculiar/x509 program makes what the engine makes (${algorithm})`, async () => {
    const p = lab(algorithm);
    const recipe = x509LabRecipe(p);
    await assertEquivalent(await fromEngine(p), runRecipe([recipe.file], recipe.commands), 'program');
  });

  if (!CFSSL_KEY_ALGORITHMS.includes(algorithm)) continue;
  test(`the cfssl recipe makes what the engine makes (${algorithm})`, async (t) => {
    if (!requireTools(t, 'cfssl', 'cfssljson')) return;
    const p = lab(algorithm);
    await assertEquivalent(await fromEngine(p), runRecipe(cfsslFiles(p), cfsslCommands(p)), 'cfssl');
  });
}
