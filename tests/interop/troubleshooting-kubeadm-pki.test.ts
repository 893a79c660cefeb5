// openssl judges the certificate inspector: certificates and kubeconfigs laid out as kubeadm makes
// them (CA "kubernetes", the API server's serving certificate with its DNS and IP SANs, admin.conf in
// kubeadm:cluster-admins, super-admin.conf in system:masters) are read by the inspector's own reader
// (src/widgets/cert-inspector/read-input.ts) and compared field by field with `openssl x509`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CertificateItem } from '../../src/widgets/cert-inspector/read-input.ts';
import { inspectBytes, inspectText } from '../../src/widgets/cert-inspector/read-input.ts';
import { kubeadmConf } from '../support/lab-kubeconfig.ts';
import { makeCa, makeLeaf } from '../support/openssl.ts';
import { hasTool, inCI, requireTools } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'troubleshooting-kubeadm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const APISERVER_SANS = [
  'DNS:node1',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
  'IP:10.96.0.1',
  'IP:192.168.56.10',
];

const LEAF_BASE = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,keyEncipherment',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
];

const CERTS: { name: string; subject: string; extensions: string[]; user: string; groups: string[] }[] = [
  {
    name: 'apiserver',
    subject: '/CN=kube-apiserver',
    extensions: [...LEAF_BASE, 'extendedKeyUsage=serverAuth', `subjectAltName=${APISERVER_SANS.join(',')}`],
    user: 'kube-apiserver',
    groups: ['system:authenticated'],
  },
  {
    name: 'admin',
    subject: '/O=kubeadm:cluster-admins/CN=kubernetes-admin',
    extensions: [...LEAF_BASE, 'extendedKeyUsage=clientAuth'],
    user: 'kubernetes-admin',
    groups: ['kubeadm:cluster-admins', 'system:authenticated'],
  },
  {
    name: 'super-admin',
    subject: '/O=system:masters/CN=kubernetes-super-admin',
    extensions: [...LEAF_BASE, 'extendedKeyUsage=clientAuth'],
    user: 'kubernetes-super-admin',
    groups: ['system:masters', 'system:authenticated'],
  },
];

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' });
}

/** `openssl x509 -noout …` on a file, as "key=value" lines. */
function field(file: string, flag: string): string {
  const out = openssl('x509', '-in', file, '-noout', flag, '-nameopt', 'RFC2253').trim();
  return out.slice(out.indexOf('=') + 1);
}

/** "AB:CD:…" from `openssl x509 -fingerprint -<digest>`. */
function fingerprint(file: string, digest: 'sha256' | 'sha1'): string {
  return openssl('x509', '-in', file, '-noout', '-fingerprint', `-${digest}`).trim().split('=')[1]!;
}

/** The value lines of `openssl x509 -ext NAME`, joined. */
function ext(file: string, name: string): { critical: boolean; value: string } | null {
  const out = openssl('x509', '-in', file, '-noout', '-ext', name).trim();
  if (!out) return null;
  const [head, ...rest] = out.split('\n');
  return { critical: /critical/.test(head!), value: rest.map((l) => l.trim()).join(' ') };
}

const KU: Record<string, string> = {
  digitalSignature: 'Digital Signature',
  keyEncipherment: 'Key Encipherment',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
};
const EKU: Record<string, string> = {
  serverAuth: 'TLS Web Server Authentication',
  clientAuth: 'TLS Web Client Authentication',
};

/** NAME.conf as kubeadm writes it, for USER with NAME.crt and NAME.key, at the lab VM's API server. */
function kubeconfig(name: string, user: string): string {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return kubeadmConf({
    caPem: read('ca.crt'),
    user,
    certificatePem: read(`${name}.crt`),
    keyPem: read(`${name}.key`),
    server: 'https://192.168.56.10:6443',
  });
}

describe('the inspector reads kubeadm-style certificates as openssl does', {
  skip: !hasTool('openssl') && !inCI ? 'needs openssl on PATH' : false,
}, () => {
  before(() => {
    makeCa(dir, 'ca', 'kubernetes');
    for (const c of CERTS) makeLeaf(dir, 'ca', c.name, c.subject, c.extensions);
  });

  for (const name of ['ca', ...CERTS.map((c) => c.name)]) {
    for (const form of ['PEM', 'DER'] as const) {
      test(`${name}.crt (${form}): subject, issuer, serial, dates, fingerprints and extensions match openssl`, async (t) => {
        if (!requireTools(t, 'openssl')) return;
        const file = `${name}.crt`;
        const result =
          form === 'PEM'
            ? await inspectText(readFileSync(join(dir, file), 'utf8'))
            : await inspectBytes(
                new Uint8Array(
                  execFileSync('openssl', ['x509', '-in', file, '-outform', 'DER'], { cwd: dir }),
                ),
              );
        assert.equal(result.items.length, 1);
        const item = result.items[0] as CertificateItem;
        assert.equal(item.kind, 'certificate');
        const c = item.info;
        assert.equal(c.subject.rfc4514, field(file, '-subject'));
        assert.equal(c.issuer.rfc4514, field(file, '-issuer'));
        assert.equal(
          c.serialNumber.replace(/^0+/, ''),
          field(file, '-serial').toLowerCase().replace(/^0+/, ''),
        );
        assert.equal(c.notBefore, new Date(field(file, '-startdate')).toISOString());
        assert.equal(c.notAfter, new Date(field(file, '-enddate')).toISOString());
        assert.equal(c.fingerprints.sha256, fingerprint(file, 'sha256'));
        assert.equal(c.fingerprints.sha1, fingerprint(file, 'sha1'));

        const byName = (n: string) => c.extensions.find((e) => e.name === n);
        const san = ext(file, 'subjectAltName');
        assert.equal(byName('subjectAltName')?.summary ?? null, san?.value ?? null);
        const bc = ext(file, 'basicConstraints');
        assert.equal(byName('basicConstraints')?.summary ?? null, bc?.value ?? null);
        assert.equal(byName('basicConstraints')?.critical ?? null, bc?.critical ?? null);
        const ku = ext(file, 'keyUsage');
        assert.equal(c.keyUsage?.map((k) => KU[k] ?? k).join(', ') ?? null, ku?.value ?? null);
        assert.equal(byName('keyUsage')?.critical ?? null, ku?.critical ?? null);
        const eku = ext(file, 'extendedKeyUsage');
        assert.equal(
          c.extendedKeyUsage?.map((e) => EKU[e.name ?? ''] ?? e.oid).join(', ') ?? null,
          eku?.value ?? null,
        );
        assert.equal(c.subjectKeyIdentifier ?? null, ext(file, 'subjectKeyIdentifier')?.value ?? null);
        assert.equal(c.authorityKeyIdentifier ?? null, ext(file, 'authorityKeyIdentifier')?.value ?? null);
        assert.equal(c.publicKey.algorithm, 'RSA');
        assert.equal(c.publicKey.size, 2048);
      });
    }
  }

  test('the API server certificate carries kubeadm’s DNS and IP SANs, in order', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    const item = (await inspectText(readFileSync(join(dir, 'apiserver.crt'), 'utf8')))
      .items[0] as CertificateItem;
    assert.deepEqual(item.info.subjectAltNames?.dns, [
      'node1',
      'kubernetes',
      'kubernetes.default',
      'kubernetes.default.svc',
      'kubernetes.default.svc.cluster.local',
    ]);
    assert.deepEqual(item.info.subjectAltNames?.ip, ['10.96.0.1', '192.168.56.10']);
    assert.deepEqual(
      item.info.extendedKeyUsage?.map((e) => e.name),
      ['serverAuth'],
    );
  });

  for (const c of CERTS.filter((x) => x.name !== 'apiserver')) {
    test(`${c.name}.conf: the inspector finds the CA and the client certificate, its user, groups and key`, async (t) => {
      if (!requireTools(t, 'openssl')) return;
      const text = kubeconfig(c.name, c.user);
      const result = await inspectText(text);
      assert.equal(result.readAs, 'kubeconfig');
      const certs = result.items.filter((i): i is CertificateItem => i.kind === 'certificate');
      assert.deepEqual(
        certs.map((i) => [i.origin, i.info.subject.rfc4514]),
        [
          ['clusters[kubernetes].certificate-authority-data', field('ca.crt', '-subject')],
          [`users[${c.user}].client-certificate-data`, field(`${c.name}.crt`, '-subject')],
        ],
      );
      const client = certs[1]!;
      assert.equal(client.identity.user, c.user);
      assert.deepEqual(client.identity.groups, c.groups);
      assert.equal(
        client.identity.warnings.some((w) => w.code === 'identity/system-masters'),
        c.groups.includes('system:masters'),
      );
      assert.equal(client.info.fingerprints.sha256, fingerprint(`${c.name}.crt`, 'sha256'));
    });
  }

  test('a key made by openssl (PKCS#8) is matched to its certificate and to no other', async (t) => {
    if (!requireTools(t, 'openssl')) return;
    const text = ['admin.crt', 'super-admin.crt', 'admin.key']
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
    const result = await inspectText(text);
    const key = result.items.find((i) => i.kind === 'key');
    assert.ok(key && key.kind === 'key');
    assert.deepEqual(key.matches, [0]);
    assert.equal(key.keyType, 'RSA');
    assert.equal(key.bits, 2048);
    const traditional = openssl('pkey', '-in', 'admin.key', '-traditional');
    writeFileSync(join(dir, 'admin-pkcs1.key'), traditional);
    const again = await inspectText(readFileSync(join(dir, 'admin.crt'), 'utf8') + traditional);
    const k2 = again.items.find((i) => i.kind === 'key');
    assert.ok(k2 && k2.kind === 'key');
    assert.equal(k2.format, 'pkcs1');
    assert.deepEqual(k2.matches, [0]);
  });
});
