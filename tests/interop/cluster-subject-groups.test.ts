// Groups however a CSR writes them. sign-on-node.sh (both languages) is run for real on CSRs made
// by cfssl (every O in one multi-valued RDN), by openssl (-multivalue-rdn, system:masters in every
// position, as UTF8String and as BMPString) and by the site's engine (one RDN per O): it must refuse
// every CSR asking for system:masters, and for the others report exactly the groups Go's
// crypto/x509 reads from the certificate it wrote. Then the order the CSR API gives: the engine's
// CSRs are signed by the Go code of kube-controller-manager's signer (tests/interop/go/csrsign),
// and describeCsrApiIdentity must predict its groups (DER-sorted) and that it drops the UID.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCsr, describeCsrApiIdentity, X509_UID_OID } from '../../src/pki/index.ts';
import { signOnNodeReport } from '../../src/recipes/cluster/index.ts';
import { buildGoProgram } from '../support/go.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { makeCa, makeCsr } from '../support/openssl.ts';
import { hasTool, inCI } from '../support/tools.ts';

const TOOLS = ['go', 'openssl', 'cfssl', 'cfssljson', 'bash'];
const missing = TOOLS.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and these tests need ${missing.join(', ')}`);

const LANGS = ['en', 'ko'] as const;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, input });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The CN and O values Go's crypto/x509 reads from a certificate (tests/interop/go/verify). */
function goReads(leaf: string, roots: string): { cn: string; o: string[] } {
  const r = spawnSync(buildGoProgram('verify'), [], {
    input: JSON.stringify([{ name: 'x', leaf, roots, purpose: 'client' }]),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const [v] = JSON.parse(r.stdout);
  assert.equal(v.ok, true, v.error);
  return { cn: v.cn, o: v.o ?? [] };
}

/** A CSR by `openssl req -multivalue-rdn -subj SUBJ`, with string_mask (utf8only, or bmp). */
function opensslCsr(dir: string, name: string, subj: string, mask = 'utf8only'): string {
  writeFileSync(
    join(dir, `${name}.cnf`),
    `[req]\ndistinguished_name = dn\nstring_mask = ${mask}\n[dn]\n[ext]\n`,
  );
  return makeCsr(dir, name, ['-config', `${name}.cnf`, '-utf8', '-multivalue-rdn', '-subj', subj], 'p256');
}

/** A CSR by `cfssl genkey csr.json | cfssljson -bare NAME`, one `names` entry per group. */
function cfsslCsr(dir: string, name: string, cn: string, groups: string[]): string {
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ CN: cn, key: { algo: 'ecdsa', size: 256 }, names: groups.map((O) => ({ O })) }),
  );
  const r = run('bash', ['-c', `cfssl genkey ${name}.json 2>/dev/null | cfssljson -bare ${name}`], dir);
  assert.equal(r.status, 0, r.stderr);
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
}

describe('sign-on-node.sh reads every group of a CSR, however it is written', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  let dir = '';
  let pki = '';
  let caPem = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kal-groups-'));
    pki = join(dir, 'pki');
    mkdirSync(pki);
    makeCa(pki, 'ca');
    caPem = readFileSync(join(pki, 'ca.crt'), 'utf8');
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const refused: [string, (d: string) => Promise<string> | string][] = [
    [
      'cfssl, system:masters second in one RDN',
      (d) => cfsslCsr(d, 'eve', 'eve', ['developers', 'system:masters']),
    ],
    ['cfssl, system:masters alone', (d) => cfsslCsr(d, 'eve', 'eve', ['system:masters'])],
    [
      'openssl, O=developers + O=system:masters',
      (d) => opensslCsr(d, 'eve', '/O=developers+O=system:masters/CN=eve'),
    ],
    [
      'openssl, system:masters beside the CN',
      (d) => opensslCsr(d, 'eve', '/O=developers/CN=eve+O=system:masters'),
    ],
    [
      'openssl, as BMPString in a multi-valued RDN',
      (d) => opensslCsr(d, 'eve', '/O=qa+O=system:masters+O=developers/CN=eve', 'MASK:0x800'),
    ],
    [
      'the engine, system:masters after another group',
      async () =>
        (await createCsr({ subject: { commonName: 'eve', organizations: ['developers', 'system:masters'] } }))
          .csrPem,
    ],
  ];
  for (const [label, make] of refused) {
    for (const lang of LANGS) {
      it(`refuses system:masters (${label}, ${lang})`, async () => {
        const work = mkdtempSync(join(dir, 'refused-'));
        writeFileSync(join(work, 'eve.csr'), await make(work));
        const r = run('bash', [labScriptFile('sign-on-node.sh', lang), 'eve.csr'], work, {
          KUBE_PKI_DIR: pki,
        });
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /system:masters/);
        assert.equal(spawnSync('test', ['-e', join(work, 'eve.crt')]).status, 1, 'no certificate is written');
      });
    }
  }

  const signed: [string, (d: string) => Promise<string> | string, string[]][] = [
    [
      'cfssl, two groups in one RDN',
      (d) => cfsslCsr(d, 'jane', 'jane', ['developers', 'qa']),
      ['qa', 'developers'],
    ],
    [
      'cfssl, three groups, one with a space and a +',
      (d) => cfsslCsr(d, 'jane', 'jane', ['team a+b', 'ops', 'développeurs']),
      ['ops', 'team a+b', 'développeurs'],
    ],
    [
      'openssl, O=developers + O=qa as typed',
      (d) => opensslCsr(d, 'jane', '/O=developers+O=qa/CN=jane'),
      ['qa', 'developers'],
    ],
    [
      'openssl, a group with an escaped + and a comma',
      (d) => opensslCsr(d, 'jane', '/O=a\\+b, c/O=x\\\\y/CN=jane'),
      ['a+b, c', 'x\\y'],
    ],
    [
      'the engine, one RDN per group',
      async () =>
        (await createCsr({ subject: { commonName: 'jane', organizations: ['developers', 'qa'] } })).csrPem,
      ['developers', 'qa'],
    ],
  ];
  for (const [label, make, expected] of signed) {
    it(`reports the groups Go reads from the certificate (${label})`, async () => {
      const work = mkdtempSync(join(dir, 'signed-'));
      writeFileSync(join(work, 'jane.csr'), await make(work));
      for (const lang of LANGS) {
        const r = run(
          'bash',
          [labScriptFile('sign-on-node.sh', lang), '--out', `jane-${lang}.crt`, 'jane.csr'],
          work,
          {
            KUBE_PKI_DIR: pki,
          },
        );
        assert.equal(r.status, 0, r.stdout + r.stderr);
        const go = goReads(readFileSync(join(work, `jane-${lang}.crt`), 'utf8'), caPem);
        assert.equal(go.cn, 'jane');
        assert.deepEqual(go.o, expected);
        const report = signOnNodeReport({
          lang,
          user: 'jane',
          groups: go.o,
          out: `jane-${lang}.crt`,
          pkiDir: pki,
        });
        const identityLine = report.split('\n')[report.split('\n').length - 3];
        assert.ok(r.stdout.split('\n').includes(identityLine!), `${identityLine}\n---\n${r.stdout}`);
      }
    });
  }

  it('reports the UID kube-apiserver 1.33+ takes, and refuses two', () => {
    const work = mkdtempSync(join(dir, 'uid-'));
    writeFileSync(
      join(work, 'uid.cnf'),
      `oid_section = oids\n[oids]\nkubeUID = ${X509_UID_OID}\n[req]\ndistinguished_name = dn\nprompt = no\nstring_mask = utf8only\n[dn]\nO = developers\nCN = jane\nkubeUID = 4f0d2c1e\n`,
    );
    writeFileSync(
      join(work, 'two.cnf'),
      readFileSync(join(work, 'uid.cnf'), 'utf8').replace(
        'kubeUID = 4f0d2c1e\n',
        '0.kubeUID = a\n1.kubeUID = b\n',
      ),
    );
    for (const name of ['uid', 'two']) makeCsr(work, name, ['-config', `${name}.cnf`], 'p256');
    for (const lang of LANGS) {
      const one = run(
        'bash',
        [labScriptFile('sign-on-node.sh', lang), '--out', `uid-${lang}.crt`, 'uid.csr'],
        work,
        {
          KUBE_PKI_DIR: pki,
        },
      );
      assert.equal(one.status, 0, one.stderr);
      const report = signOnNodeReport({ lang, user: 'jane', groups: ['developers'], uid: '4f0d2c1e' });
      const uidLine = report.split('\n').at(-3)!;
      assert.match(uidLine, /"4f0d2c1e"/);
      assert.ok(one.stdout.split('\n').includes(uidLine), one.stdout);
      const two = run('bash', [labScriptFile('sign-on-node.sh', lang), 'two.csr'], work, {
        KUBE_PKI_DIR: pki,
      });
      assert.equal(two.status, 2);
      assert.match(two.stderr, /two\.csr .*UID.*\(a b\)/);
    }
  });
});

describe('the CSR API signer reports groups in DER order, as describeCsrApiIdentity predicts', {
  skip: missing.includes('go') ? 'needs go' : false,
}, () => {
  const GROUPS: string[][] = [
    ['developers', 'qa'],
    ['qa', 'developers'],
    ['b', 'a', 'aa', 'zz'],
    ['ops', 'team a+b', 'développeurs', 'Ops'],
    ['system:authenticated', 'dev'],
    ['one'],
    [],
  ];
  it('matches Go for every group list, and drops a UID attribute', async () => {
    const csrs = await Promise.all(
      GROUPS.map(
        async (organizations) => (await createCsr({ subject: { commonName: 'jane', organizations } })).csrPem,
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'kal-csrapi-'));
    try {
      writeFileSync(
        join(dir, 'uid.cnf'),
        `oid_section = oids\n[oids]\nkubeUID = ${X509_UID_OID}\n[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nO = developers\nCN = jane\nkubeUID = 4f0d2c1e\n`,
      );
      if (hasTool('openssl')) csrs.push(makeCsr(dir, 'uid', ['-config', 'uid.cnf'], 'p256'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const r = spawnSync(buildGoProgram('csrsign'), [], { input: JSON.stringify(csrs), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const signed: { error?: string; cn: string; groups: string[]; attributes: { oid: string }[] }[] =
      JSON.parse(r.stdout);
    csrs.forEach((csr, i) => {
      const predicted = describeCsrApiIdentity(csr);
      assert.equal(signed[i]!.error, undefined);
      assert.equal(signed[i]!.cn, predicted.user);
      assert.deepEqual(
        signed[i]!.groups,
        predicted.groups,
        `groups ${JSON.stringify(predicted.requestedGroups)}`,
      );
      const hasUid = signed[i]!.attributes.some((a) => a.oid === X509_UID_OID);
      assert.equal(hasUid, false, 'the signer keeps no UID attribute');
    });
    assert.equal(describeCsrApiIdentity(csrs[0]!).reordered, true);
    assert.equal(describeCsrApiIdentity(csrs[1]!).reordered, false);
    if (csrs.length > GROUPS.length)
      assert.equal(describeCsrApiIdentity(csrs.at(-1)!).droppedUid, '4f0d2c1e');
  });
});
