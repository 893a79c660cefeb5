// The recipes make the same certificates as the browser: the engine, real cfssl and real openssl
// make a lab set from the same parameters, and our own inspector reads all three. Subjects, SANs,
// usages, CA flags, key types and lifetimes must match; the certificates chain and verify for their
// purpose under our Go-rules verifier. (Serials, keys and dates differ, of course.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
} from '../../src/recipes/index.ts';
import { requireTools } from '../support/tools.ts';

type LabPems = Record<'rootCA.pem' | 'server.pem' | 'client.pem', string>;

function lab(algorithm: KeyAlgorithm): LabCertificateParams {
  return {
    rootCa: {
      subject: { commonName: 'Equivalence Root CA', organizations: ['Kube Auth Lab'] },
      algorithm,
      validityDays: 3650,
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

function runRecipe(files: { name: string; content: string }[], commands: { command: string }[]): LabPems {
  const dir = mkdtempSync(join(tmpdir(), 'kal-equiv-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    const script = ['set -euo pipefail', ...commands.map((c) => c.command)].join('\n');
    execFileSync('bash', ['-c', script], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
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

/** What must be equal between sources, from our inspector's reading. */
function essentials(info: CertificateInfo, sortGroups: boolean) {
  const parts = info.subject.parts.map((p) => `${p.type}=${p.value}`);
  const orgs = parts.filter((p) => p.startsWith('O='));
  return {
    commonName: parts.filter((p) => p.startsWith('CN=')),
    organizations: sortGroups ? [...orgs].sort() : orgs,
    dns: [...(info.subjectAltNames?.dns ?? [])].sort(),
    ip: [...(info.subjectAltNames?.ip ?? [])].sort(),
    leafKeyUsage: info.isCa ? undefined : info.keyUsage,
    caSigns: info.isCa ? info.keyUsage?.includes('keyCertSign') : undefined,
    eku: (info.extendedKeyUsage ?? []).map((e) => e.name),
    ca: info.basicConstraints?.ca,
    key: `${info.publicKey.algorithm} ${info.publicKey.size ?? ''} ${info.publicKey.curve ?? ''}`,
    days: Math.round((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / 86_400_000),
    hasSki: Boolean(info.subjectKeyIdentifier),
    hasAki: info.isSelfSigned || Boolean(info.authorityKeyIdentifier),
  };
}

async function assertEquivalent(ours: LabPems, theirs: LabPems, source: string, sortGroups: boolean) {
  for (const name of ['rootCA.pem', 'server.pem', 'client.pem'] as const) {
    const a = essentials(await inspectCertificate(ours[name]), sortGroups);
    const b = essentials(await inspectCertificate(theirs[name]), sortGroups);
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
    await assertEquivalent(await fromEngine(p), runRecipe([], opensslCommands(p)), 'openssl', false);
  });

  if (!CFSSL_KEY_ALGORITHMS.includes(algorithm)) continue;
  test(`the cfssl recipe makes what the engine makes (${algorithm})`, async (t) => {
    if (!requireTools(t, 'cfssl', 'cfssljson')) return;
    const p = lab(algorithm);
    await assertEquivalent(await fromEngine(p), runRecipe(cfsslFiles(p), cfsslCommands(p)), 'cfssl', true);
  });
}
