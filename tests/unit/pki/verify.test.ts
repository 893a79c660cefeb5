import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VerifyChainParams } from '../../../src/pki/index.ts';
import {
  issueRootCa,
  issueServerCertificate,
  parseIp,
  readCertificate,
  verifyChain,
} from '../../../src/pki/index.ts';
import { make, OIDS, tamperSignature } from './custom-certificates.ts';
import { CHECK_AT, labSet, NOW } from './lab.ts';
import { SHA1_RSA1024_CERT, UNKNOWN_CRITICAL_CERT } from './openssl-fixtures.ts';

const DAY = 86_400_000;
/** An hour after an openssl fixture's notBefore, when it is valid whatever day the tests run. */
const validAt = (pem: string) => new Date(readCertificate(pem).notBefore.getTime() + 3_600_000);
const CV = 'x509: invalid signature: parent certificate cannot sign this kind of certificate';

async function verdict(
  p: Omit<VerifyChainParams, 'at' | 'purpose'> & { at?: Date; purpose?: 'client' | 'server' },
) {
  return verifyChain({ purpose: 'client', at: CHECK_AT, ...p });
}

describe('verifyChain (Go crypto/x509 rules)', () => {
  test('accepts a client certificate signed by the root and names the chain', async () => {
    const s = await labSet('RSA-2048');
    const r = await verdict({ leaf: s.client.certificatePem, roots: s.root.certificatePem });
    assert.deepEqual(r, {
      ok: true,
      chain: ['CN=jane,O=ops,O=dev', 'CN=Lab Root RSA-2048,O=Kube Auth Lab'],
      reasons: [],
      goError: null,
      skipped: [],
    });
  });

  test('accepts a chain through an intermediate, and refuses it without the intermediate', async () => {
    const s = await labSet('ECDSA-P256');
    const ok = await verdict({
      leaf: s.clientViaIntermediate.certificatePem,
      intermediates: [s.intermediate.certificatePem],
      roots: s.root.certificatePem,
    });
    assert.equal(ok.ok, true);
    assert.equal(ok.chain.length, 3);
    const no = await verdict({ leaf: s.clientViaIntermediate.certificatePem, roots: s.root.certificatePem });
    assert.equal(no.reasons[0]!.code, 'verify/unknown-authority');
    assert.equal(no.goError, 'x509: certificate signed by unknown authority');
  });

  test("a root with the same name but another key gives Go's hint with the verification error", async () => {
    for (const [alg, err] of [
      ['RSA-2048', 'crypto/rsa: verification error'],
      ['ECDSA-P256', 'x509: ECDSA verification failure'],
    ] as const) {
      const s = await labSet(alg);
      const impostor = await issueRootCa({
        subject: { commonName: `Lab Root ${alg}`, organizations: ['Kube Auth Lab'] },
        algorithm: alg,
        notBefore: NOW,
      });
      const r = await verdict({ leaf: s.client.certificatePem, roots: impostor.certificatePem });
      assert.equal(r.reasons[0]!.code, 'verify/bad-signature');
      assert.equal(
        r.goError,
        `x509: certificate signed by unknown authority (possibly because of "${err}" while trying to verify candidate authority certificate "Lab Root ${alg}")`,
      );
    }
  });

  test('a root with another name is an unknown authority', async () => {
    const a = await labSet('ECDSA-P256');
    const b = await labSet('ECDSA-P384');
    const r = await verdict({ leaf: a.client.certificatePem, roots: b.root.certificatePem });
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.reasons.map((x) => x.code),
      ['verify/unknown-authority'],
    );
  });

  test("an expired or not yet valid leaf gives Go's time error with RFC 3339 times", async () => {
    const s = await labSet('ECDSA-P256');
    const late = new Date(NOW.getTime() + 366 * DAY);
    const r = await verdict({ leaf: s.client.certificatePem, roots: s.root.certificatePem, at: late });
    assert.equal(r.reasons[0]!.code, 'verify/expired');
    assert.equal(
      r.goError,
      'x509: certificate has expired or is not yet valid: current time 2027-01-16T10:00:00Z is after 2027-01-15T10:00:00Z',
    );
    const early = await verdict({
      leaf: s.client.certificatePem,
      roots: s.root.certificatePem,
      at: new Date(NOW.getTime() - 1000),
    });
    assert.equal(early.reasons[0]!.code, 'verify/not-yet-valid');
    assert.equal(
      early.goError,
      'x509: certificate has expired or is not yet valid: current time 2026-01-15T09:59:59Z is before 2026-01-15T10:00:00Z',
    );
  });

  test("later problems are listed after Go's first one", async () => {
    const a = await labSet('ECDSA-P256');
    const b = await labSet('ECDSA-P384');
    const r = await verdict({
      leaf: a.client.certificatePem,
      roots: b.root.certificatePem,
      at: new Date(NOW.getTime() + 400 * DAY),
    });
    assert.deepEqual(
      r.reasons.map((x) => x.code),
      ['verify/expired', 'verify/unknown-authority'],
    );
  });

  test("an expired root fails the chain with the root's time", async () => {
    const root = await make({ cn: 'Old Root', profile: 'ca', notAfter: new Date(NOW.getTime() + DAY / 2) });
    const leaf = await make({ cn: 'jane', issuer: root, eku: [OIDS.clientAuth] });
    const r = await verdict({ leaf: leaf.certificatePem, roots: root.certificatePem });
    assert.equal(r.reasons[0]!.code, 'verify/expired');
    assert.match(r.reasons[0]!.message, /root CA "CN=Old Root"/);
  });

  test('the EKU must allow the purpose: server certificates fail as clients and the reverse', async () => {
    const s = await labSet('ECDSA-P256');
    const asClient = await verdict({ leaf: s.server.certificatePem, roots: s.root.certificatePem });
    assert.equal(asClient.reasons[0]!.code, 'verify/incompatible-usage');
    assert.equal(asClient.goError, 'x509: certificate specifies an incompatible key usage');
    const asServer = await verdict({
      leaf: s.client.certificatePem,
      roots: s.root.certificatePem,
      purpose: 'server',
    });
    assert.equal(asServer.reasons[0]!.code, 'verify/incompatible-usage');
    const serverOk = await verdict({
      leaf: s.server.certificatePem,
      roots: s.root.certificatePem,
      purpose: 'server',
      hostname: 'LOCALHOST',
    });
    assert.equal(serverOk.ok, true);
  });

  test('a leaf without EKU is good for any purpose; a CA with a restricted EKU limits its leaves', async () => {
    const root = await make({ cn: 'R', profile: 'ca' });
    const any = await make({ cn: 'any', issuer: root });
    assert.equal((await verdict({ leaf: any.certificatePem, roots: root.certificatePem })).ok, true);
    const serverOnlyCa = await make({ cn: 'S', profile: 'ca', eku: [OIDS.serverAuth] });
    const client = await make({ cn: 'c', issuer: serverOnlyCa, eku: [OIDS.clientAuth] });
    const r = await verdict({ leaf: client.certificatePem, roots: serverOnlyCa.certificatePem });
    assert.equal(r.reasons[0]!.code, 'verify/incompatible-usage');
    const anyCa = await make({ cn: 'A', profile: 'ca', eku: [OIDS.any] });
    const client2 = await make({ cn: 'c', issuer: anyCa, eku: [OIDS.clientAuth] });
    assert.equal((await verdict({ leaf: client2.certificatePem, roots: anyCa.certificatePem })).ok, true);
  });

  test('an issuer must be a CA with keyCertSign: Go reports a ConstraintViolationError hint', async () => {
    const noCertSign = await make({
      cn: 'NoSign CA',
      profile: 'ca',
      keyUsage: ['digitalSignature', 'cRLSign'],
    });
    const notCa = await make({ cn: 'Leaf as CA', profile: 'leaf' });
    const noBc = await make({ cn: 'No BC', profile: 'none', keyUsage: null });
    for (const [issuer, code] of [
      [noCertSign, 'verify/ca-without-keycertsign'],
      [notCa, 'verify/not-a-ca'],
      [noBc, 'verify/not-a-ca'],
    ] as const) {
      const leaf = await make({ cn: 'jane', issuer, eku: [OIDS.clientAuth] });
      const r = await verdict({ leaf: leaf.certificatePem, roots: issuer.certificatePem });
      assert.equal(r.reasons[0]!.code, code);
      assert.equal(
        r.goError,
        `x509: certificate signed by unknown authority (possibly because of ${JSON.stringify(CV)} while trying to verify candidate authority certificate ${JSON.stringify(issuer.cert.subject.at(-1)!.value)})`,
      );
    }
  });

  test('a v1 root without extensions is still accepted as Go accepts it', async () => {
    const v1 = await make({ cn: 'V1 Root', version: 1 });
    const leaf = await make({ cn: 'jane', issuer: v1, eku: [OIDS.clientAuth], noAki: true });
    assert.equal((await verdict({ leaf: leaf.certificatePem, roots: v1.certificatePem })).ok, true);
  });

  test('pathLen 0 on the root refuses a chain through an intermediate', async () => {
    const root = await make({ cn: 'R0', profile: 'ca', pathLength: 0 });
    const inter = await make({ cn: 'I', profile: 'ca', issuer: root });
    const leaf = await make({ cn: 'jane', issuer: inter, eku: [OIDS.clientAuth] });
    const r = await verdict({
      leaf: leaf.certificatePem,
      intermediates: inter.certificatePem,
      roots: root.certificatePem,
    });
    assert.equal(r.reasons[0]!.code, 'verify/path-length');
    assert.equal(r.goError, 'x509: too many intermediates for path length constraint');
  });

  test('an intermediate without basicConstraints cannot sign (Go: v3 parent without BC)', async () => {
    const root = await make({ cn: 'R', profile: 'ca' });
    const inter = await make({ cn: 'I', profile: 'none', issuer: root, keyUsage: null });
    const leaf = await make({ cn: 'jane', issuer: inter });
    const r = await verdict({
      leaf: leaf.certificatePem,
      intermediates: inter.certificatePem,
      roots: root.certificatePem,
    });
    assert.equal(r.reasons[0]!.code, 'verify/not-a-ca');
  });

  test('a tampered signature is a bad signature', async () => {
    const s = await labSet('ECDSA-P384');
    const r = await verdict({ leaf: tamperSignature(s.client.certificatePem), roots: s.root.certificatePem });
    assert.equal(r.reasons[0]!.code, 'verify/bad-signature');
    assert.match(r.goError!, /x509: ECDSA verification failure/);
  });

  test('a leaf listed in the roots is a one-certificate chain, and the EKU still applies', async () => {
    const s = await labSet('ECDSA-P256');
    const r = await verdict({ leaf: s.client.certificatePem, roots: [s.client.certificatePem] });
    assert.deepEqual(r.chain, ['CN=jane,O=ops,O=dev']);
    const srv = await verdict({ leaf: s.server.certificatePem, roots: s.server.certificatePem });
    assert.equal(srv.reasons[0]!.code, 'verify/incompatible-usage');
    const sha1 = await verdict({
      leaf: SHA1_RSA1024_CERT,
      roots: SHA1_RSA1024_CERT,
      at: validAt(SHA1_RSA1024_CERT),
    });
    assert.equal(sha1.ok, true, 'Go does not check the signature of a trusted certificate');
  });

  test("an unknown critical extension fails with Go's unhandled critical extension", async () => {
    const r = await verdict({
      leaf: UNKNOWN_CRITICAL_CERT,
      roots: UNKNOWN_CRITICAL_CERT,
      at: validAt(UNKNOWN_CRITICAL_CERT),
    });
    assert.equal(r.reasons[0]!.code, 'verify/unhandled-critical-extension');
    assert.equal(r.goError, 'x509: unhandled critical extension');
  });

  describe('host names (SANs only, never the CN)', () => {
    const cases: [string, string | null, string | null][] = [
      ['localhost', null, null],
      ['kubernetes.default.svc', null, null],
      ['127.0.0.1', null, null],
      ['[::1]', null, null],
      [
        'example.com',
        'verify/hostname-mismatch',
        'x509: certificate is valid for localhost, kubernetes.default.svc, not example.com',
      ],
      ['10.0.0.1', 'verify/hostname-mismatch', 'x509: certificate is valid for 127.0.0.1, ::1, not 10.0.0.1'],
    ];
    for (const [host, code, goError] of cases) {
      test(`the lab server certificate ${code ? 'does not match' : 'matches'} ${host}`, async () => {
        const s = await labSet('ECDSA-P256');
        const r = await verdict({
          leaf: s.server.certificatePem,
          roots: s.root.certificatePem,
          purpose: 'server',
          hostname: host,
        });
        assert.equal(r.reasons[0]?.code ?? null, code);
        assert.equal(r.goError, goError);
      });
    }

    test('a name only in the CN is the legacy Common Name error; other misses say what is valid', async () => {
      const root = await make({ cn: 'R', profile: 'ca' });
      const cnOnly = await make({ cn: 'localhost', issuer: root, eku: [OIDS.serverAuth] });
      const p = { roots: root.certificatePem, purpose: 'server' as const };
      const legacy = await verdict({ ...p, leaf: cnOnly.certificatePem, hostname: 'localhost' });
      assert.equal(legacy.reasons[0]!.code, 'verify/legacy-common-name');
      assert.equal(legacy.goError, 'x509: certificate relies on legacy Common Name field, use SANs instead');
      const none = await verdict({ ...p, leaf: cnOnly.certificatePem, hostname: 'other' });
      assert.equal(none.goError, 'x509: certificate is not valid for any names, but wanted to match other');
      const ip = await verdict({ ...p, leaf: cnOnly.certificatePem, hostname: '10.0.0.1' });
      assert.equal(
        ip.goError,
        "x509: cannot validate certificate for 10.0.0.1 because it doesn't contain any IP SANs",
      );
      const wild = await make({
        cn: 'w',
        issuer: root,
        eku: [OIDS.serverAuth],
        dns: ['*.apps.example'],
        ips: [parseIp('10.0.0.2')!],
      });
      assert.equal((await verdict({ ...p, leaf: wild.certificatePem, hostname: 'a.apps.example' })).ok, true);
      assert.equal(
        (await verdict({ ...p, leaf: wild.certificatePem, hostname: 'a.b.apps.example' })).reasons[0]!.code,
        'verify/hostname-mismatch',
      );
      assert.equal(
        (await verdict({ ...p, leaf: wild.certificatePem, hostname: '::ffff:10.0.0.2' })).ok,
        true,
      );
    });
  });

  test('refuses a bad purpose or time with params codes', async () => {
    const s = await labSet('ECDSA-P256');
    await assert.rejects(
      verifyChain({ leaf: s.client.certificatePem, roots: s.root.certificatePem, purpose: 'x' as never }),
      {
        code: 'params/invalid-purpose',
      },
    );
    await assert.rejects(
      verifyChain({
        leaf: s.client.certificatePem,
        roots: s.root.certificatePem,
        purpose: 'client',
        at: new Date('x'),
      }),
      { code: 'params/invalid-time' },
    );
    const server = await issueServerCertificate({ subject: { commonName: 's' }, dnsNames: ['s'] }, s.root);
    assert.equal(
      (await verifyChain({ leaf: server.certificatePem, roots: s.root.certificatePem, purpose: 'server' }))
        .ok,
      true,
    );
  });
});
