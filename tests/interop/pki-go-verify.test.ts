// Go's crypto/x509 judges our verifier: every case of a corpus of good and broken chains is
// verified by src/pki's verifyChain and by a Go program using the VerifyOptions kube-apiserver uses
// (Roots, Intermediates, KeyUsages [ClientAuth], CurrentTime). Verdicts, Go's exact error text, and
// the CN/O Go reads must agree with ours; so must the certificates Go leaves out of a pool, and a
// leaf Go cannot parse must be refused with Go's parse error. The second half of the corpus
// (pki-go-corpus.ts) holds the cases where a reader that is not Go's parts ways with Go.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Purpose } from '../../src/pki/index.ts';
import {
  describeIdentity,
  isLabError,
  issueRootCa,
  readCertificate,
  verifyChain,
} from '../../src/pki/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { requireTools } from '../support/tools.ts';
import { make, OIDS, tamperSignature } from '../unit/pki/custom-certificates.ts';
import { CHECK_AT, labSet, NOW, testedAlgorithms } from '../unit/pki/lab.ts';
import { SHA1_RSA1024_CERT, UNKNOWN_CRITICAL_CERT } from '../unit/pki/openssl-fixtures.ts';
import { fidelityCorpus } from './pki-go-corpus.ts';

interface Case {
  name: string;
  leaf: string;
  intermediates?: string;
  roots: string;
  purpose?: Purpose;
  hostname?: string;
  at?: Date;
}

interface GoVerdict {
  name: string;
  ok: boolean;
  error: string;
  /** x509.ParseCertificate's error on the leaf, when it refused it. */
  parseError: string;
  cn: string;
  o: string[];
  skipped: { pool: string; index: number; error: string }[];
}

const DAY = 86_400_000;
/** An hour after an openssl fixture's notBefore, when it is valid whatever day the tests run. */
const validAt = (pem: string) => new Date(readCertificate(pem).notBefore.getTime() + 3_600_000);
const work = mkdtempSync(join(tmpdir(), 'pki-go-verify-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function corpus(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const alg of await testedAlgorithms()) {
    const s = await labSet(alg);
    cases.push(
      { name: `${alg} client`, leaf: s.client.certificatePem, roots: s.root.certificatePem },
      {
        name: `${alg} client via intermediate`,
        leaf: s.clientViaIntermediate.certificatePem,
        intermediates: s.intermediate.certificatePem,
        roots: s.root.certificatePem,
      },
      {
        name: `${alg} missing intermediate`,
        leaf: s.clientViaIntermediate.certificatePem,
        roots: s.root.certificatePem,
      },
      { name: `${alg} server as client`, leaf: s.server.certificatePem, roots: s.root.certificatePem },
      {
        name: `${alg} client as server`,
        leaf: s.client.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'server',
      },
      {
        name: `${alg} server`,
        leaf: s.server.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'server',
        hostname: 'localhost',
      },
      {
        name: `${alg} server by IP`,
        leaf: s.server.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'server',
        hostname: '::1',
      },
      {
        name: `${alg} server wrong host`,
        leaf: s.server.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'server',
        hostname: 'example.com',
      },
      {
        name: `${alg} server wrong IP`,
        leaf: s.server.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'server',
        hostname: '10.1.2.3',
      },
      {
        name: `${alg} expired`,
        leaf: s.client.certificatePem,
        roots: s.root.certificatePem,
        at: new Date(NOW.getTime() + 400 * DAY),
      },
      {
        name: `${alg} not yet valid`,
        leaf: s.client.certificatePem,
        roots: s.root.certificatePem,
        at: new Date(NOW.getTime() - 60_000),
      },
      {
        name: `${alg} bad signature`,
        leaf: tamperSignature(s.client.certificatePem),
        roots: s.root.certificatePem,
      },
      { name: `${alg} leaf in roots`, leaf: s.client.certificatePem, roots: s.client.certificatePem },
      {
        name: `${alg} server in roots as client`,
        leaf: s.server.certificatePem,
        roots: s.server.certificatePem,
      },
    );
    const impostor = await issueRootCa({
      subject: { commonName: `Lab Root ${alg}`, organizations: ['Kube Auth Lab'] },
      algorithm: alg,
      notBefore: NOW,
    });
    cases.push({
      name: `${alg} same-name wrong CA`,
      leaf: s.client.certificatePem,
      roots: impostor.certificatePem,
    });
  }
  const other = await labSet('ECDSA-P384');
  const p256 = await labSet('ECDSA-P256');
  cases.push({ name: 'other-name CA', leaf: p256.client.certificatePem, roots: other.root.certificatePem });
  cases.push({
    name: 'expired and wrong CA',
    leaf: p256.client.certificatePem,
    roots: other.root.certificatePem,
    at: new Date(NOW.getTime() + 400 * DAY),
  });
  cases.push({
    name: 'both roots in the bundle',
    leaf: p256.client.certificatePem,
    roots: other.root.certificatePem + p256.root.certificatePem,
  });

  const root = await make({ cn: 'Custom Root', profile: 'ca' });
  const noSign = await make({ cn: 'NoSign CA', profile: 'ca', keyUsage: ['digitalSignature', 'cRLSign'] });
  const notCa = await make({ cn: 'Leaf As CA', profile: 'leaf' });
  const noBc = await make({ cn: 'No BC', profile: 'none', keyUsage: null });
  const emptyCn = await make({ cn: '', orgs: ['Only Org'], profile: 'leaf' });
  const v1 = await make({ cn: 'V1 Root', version: 1 });
  const serverCa = await make({ cn: 'Server-only CA', profile: 'ca', eku: [OIDS.serverAuth] });
  const oldRoot = await make({ cn: 'Old Root', profile: 'ca', notAfter: new Date(NOW.getTime() + DAY / 2) });
  const root0 = await make({ cn: 'Root pathlen 0', profile: 'ca', pathLength: 0 });
  const inter0 = await make({ cn: 'Inter under 0', profile: 'ca', issuer: root0 });
  const interNoBc = await make({ cn: 'Inter no BC', profile: 'none', issuer: root, keyUsage: null });
  const leafFor = (issuer: typeof root, extra: Parameters<typeof make>[0] = { cn: 'jane' }) =>
    make({ orgs: ['dev', 'ops'], eku: [OIDS.clientAuth], issuer, ...extra });
  cases.push(
    { name: 'custom good', leaf: (await leafFor(root)).certificatePem, roots: root.certificatePem },
    {
      name: 'CA without keyCertSign',
      leaf: (await leafFor(noSign)).certificatePem,
      roots: noSign.certificatePem,
    },
    { name: 'CA:FALSE issuer', leaf: (await leafFor(notCa)).certificatePem, roots: notCa.certificatePem },
    {
      name: 'v3 issuer without basicConstraints',
      leaf: (await leafFor(noBc)).certificatePem,
      roots: noBc.certificatePem,
    },
    {
      name: 'issuer with empty CN (hint uses O)',
      leaf: (await leafFor(emptyCn)).certificatePem,
      roots: emptyCn.certificatePem,
    },
    {
      name: 'v1 root',
      leaf: (await leafFor(v1, { cn: 'jane', noAki: true })).certificatePem,
      roots: v1.certificatePem,
    },
    {
      name: 'CA limited to serverAuth',
      leaf: (await leafFor(serverCa)).certificatePem,
      roots: serverCa.certificatePem,
    },
    { name: 'expired root', leaf: (await leafFor(oldRoot)).certificatePem, roots: oldRoot.certificatePem },
    {
      name: 'path length exceeded',
      leaf: (await leafFor(inter0)).certificatePem,
      intermediates: inter0.certificatePem,
      roots: root0.certificatePem,
    },
    {
      name: 'intermediate without basicConstraints',
      leaf: (await leafFor(interNoBc)).certificatePem,
      intermediates: interNoBc.certificatePem,
      roots: root.certificatePem,
    },
    {
      name: 'leaf without EKU',
      leaf: (await make({ cn: 'any', issuer: root })).certificatePem,
      roots: root.certificatePem,
    },
    {
      name: 'empty CN leaf',
      leaf: (await make({ cn: '', orgs: ['g'], issuer: root })).certificatePem,
      roots: root.certificatePem,
    },
    {
      name: 'unknown critical extension',
      leaf: UNKNOWN_CRITICAL_CERT,
      roots: UNKNOWN_CRITICAL_CERT,
      at: validAt(UNKNOWN_CRITICAL_CERT),
    },
    {
      name: 'SHA-1 root trusted directly',
      leaf: SHA1_RSA1024_CERT,
      roots: SHA1_RSA1024_CERT,
      at: validAt(SHA1_RSA1024_CERT),
    },
  );
  const cnOnly = await make({ cn: 'localhost', issuer: root, eku: [OIDS.serverAuth] });
  const wildcard = await make({
    cn: 'w',
    issuer: root,
    eku: [OIDS.serverAuth],
    dns: ['*.apps.example', 'Mixed.Case.example'],
  });
  for (const [leaf, host] of [
    [cnOnly, 'localhost'],
    [cnOnly, 'other.example'],
    [cnOnly, '10.0.0.1'],
    [wildcard, 'a.apps.example'],
    [wildcard, 'a.b.apps.example'],
    [wildcard, 'apps.example'],
    [wildcard, 'mixed.case.EXAMPLE.'],
  ] as const) {
    cases.push({
      name: `host ${host} on ${leaf.cert.subject.at(-1)!.value}`,
      leaf: leaf.certificatePem,
      roots: root.certificatePem,
      purpose: 'server',
      hostname: host,
    });
  }
  cases.push(...(await fidelityCorpus()));
  return cases;
}

test('Go crypto/x509 and verifyChain agree on every chain, word for word, and on CN and O', async (t) => {
  if (!requireTools(t, 'go')) return;
  const verifier = buildGoProgram('verify');
  const cases = await corpus();
  const input = cases.map((c) => ({
    name: c.name,
    leaf: c.leaf,
    intermediates: c.intermediates ?? '',
    roots: c.roots,
    purpose: c.purpose ?? 'client',
    hostname: c.hostname ?? '',
    at: `${(c.at ?? CHECK_AT).toISOString().slice(0, 19)}Z`,
  }));
  const run = spawnSync(verifier, [], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const verdicts = JSON.parse(run.stdout) as GoVerdict[];
  if (process.env.PKI_GO_PEEK) for (const v of verdicts) console.log(v.name, '=>', v.ok || v.error);
  assert.equal(verdicts.length, cases.length);
  let oks = 0;
  let parseRefusals = 0;
  const disagreements: string[] = [];
  for (const [i, c] of cases.entries()) {
    const go = verdicts[i]!;
    try {
      if (await agree(c, go)) oks++;
    } catch (e) {
      if (!(e instanceof assert.AssertionError)) throw e;
      disagreements.push(e.message.split('\n')[0]!);
    }
    if (go.parseError) parseRefusals++;
  }
  assert.deepEqual(disagreements, [], `${disagreements.length} of ${cases.length} cases disagree with Go`);
  assert.ok(parseRefusals >= 20, `leaves Go cannot parse: ${parseRefusals}`);
  assert.ok(oks >= 10 && oks < cases.length, `a mix of good (${oks}) and bad chains`);
});

/** Asserts that our verdict on `c` is Go's; true when Go accepts the chain. */
async function agree(c: Case, go: GoVerdict): Promise<boolean> {
  {
    const params = {
      leaf: c.leaf,
      roots: c.roots,
      intermediates: c.intermediates ?? [],
      purpose: c.purpose ?? 'client',
      at: c.at ?? CHECK_AT,
      ...(c.hostname ? { hostname: c.hostname } : {}),
    } as const;
    if (go.parseError) {
      // Go cannot parse the leaf: we refuse it too, with Go's words where we can still read it.
      try {
        const ours = await verifyChain(params);
        assert.equal(
          ours.ok,
          false,
          `${c.name}: Go cannot parse the leaf (${go.parseError}) but we verified it`,
        );
        assert.equal(ours.reasons[0]?.code, 'verify/leaf-unparseable', `${c.name}: reason`);
        assert.equal(ours.goError, go.parseError, `${c.name}: parse error text`);
        const id = describeIdentity(c.leaf);
        assert.equal(id.authenticated, false, `${c.name}: no identity for a certificate Go refuses`);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        assert.ok(isLabError(e) && e.code.startsWith('certificate/'), `${c.name}: ${String(e)}`);
        if (typeof e.details.goError === 'string')
          assert.equal(e.details.goError, go.parseError, `${c.name}: parse error text`);
      }
      return false;
    }
    const ours = await verifyChain(params);
    assert.equal(ours.ok, go.ok, `${c.name}: ours ${ours.goError} / Go ${go.error}`);
    assert.equal(ours.goError ?? '', go.error, `${c.name}: error text`);
    assert.deepEqual(
      ours.skipped.map((k) => ({ pool: k.pool, index: k.index })),
      go.skipped.map((k) => ({ pool: k.pool, index: k.index })),
      `${c.name}: certificates left out of the pools`,
    );
    for (const [k, skip] of ours.skipped.entries()) {
      if (skip.code === 'certificate/go-refuses' || skip.goError.startsWith('x509:'))
        assert.equal(
          skip.goError,
          go.skipped[k]!.error,
          `${c.name}: why certificate ${skip.index} was left out`,
        );
    }
    const id = describeIdentity(c.leaf);
    assert.equal(id.user ?? '', go.cn, `${c.name}: CN`);
    assert.deepEqual(id.organizations, go.o, `${c.name}: O`);
    return go.ok;
  }
}
