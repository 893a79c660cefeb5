// The certificate inspector's reader (lesson 8), called directly: what it makes of PEM bundles, DER
// files, base64 from kubeconfig *-data fields and whole kubeconfigs, with certificates made by src/pki.
// Failures must be LabErrors with a stable code, or problem items with one — never a bare exception.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createCsr,
  encodePem,
  isLabError,
  issueClientCertificate,
  parsePem,
  toBase64,
} from '../../../src/pki/index.ts';
import {
  type CertificateItem,
  type CsrItem,
  heldPrivateKey,
  type InspectedItem,
  type InspectResult,
  inspectBytes,
  inspectText,
  type KeyItem,
  MAX_INPUT_CHARS,
  MAX_ITEMS,
  type ProblemItem,
} from '../../../src/widgets/cert-inspector/read-input.ts';
import { labSet } from '../pki/lab.ts';
import {
  EC_SEC1_BARE,
  EC_SEC1_CERT,
  EC_SEC1_WITH_PARAMETERS_BLOCK,
  RSA_PKCS1_CERT,
  RSA_PKCS1_KEY,
} from '../pki/openssl-fixtures.ts';

const lab = await labSet('ECDSA-P256');
const csr = await createCsr({
  subject: { commonName: 'amy', organizations: ['qa'] },
  algorithm: 'ECDSA-P256',
});
const masters = await issueClientCertificate(
  { subject: { commonName: 'break-glass', organizations: ['system:masters'] }, algorithm: 'ECDSA-P256' },
  lab.root,
);

const derOf = (pem: string): Uint8Array => parsePem(pem)[0]!.der;
const clientDer = derOf(lab.client.certificatePem);
const csrDer = derOf(csr.csrPem);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const block = (label: string, body: string, headers = ''): string =>
  `-----BEGIN ${label}-----\n${headers}${body}\n-----END ${label}-----\n`;
/** "MAMCAQE=": SEQUENCE { INTEGER 1 }, DER that is neither a certificate, a CSR nor a key. */
const TINY_DER = 'MAMCAQE=';

/** The 1-based line of `text` on which `part` starts. */
function lineOf(text: string, part: string): number {
  const at = text.indexOf(part);
  assert.ok(at >= 0, 'part is in the text');
  return text.slice(0, at).split('\n').length;
}

/** The base64 body of a PEM block, and each of its lines. */
function pemBody(pem: string): { body: string; lines: string[] } {
  const lines = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
  return { body: lines.join(''), lines };
}

function asCertificate(item: InspectedItem | undefined): CertificateItem {
  assert.equal(item?.kind, 'certificate', JSON.stringify(item));
  return item as CertificateItem;
}

function asCsr(item: InspectedItem | undefined): CsrItem {
  assert.equal(item?.kind, 'csr', JSON.stringify(item));
  return item as CsrItem;
}

function asProblem(item: InspectedItem | undefined): ProblemItem {
  assert.equal(item?.kind, 'problem', JSON.stringify(item));
  return item as ProblemItem;
}

/** The code `fn` rejects with; fails when it resolves or throws anything but a LabError. */
async function rejection(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    assert.ok(isLabError(e), `expected a LabError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected a LabError, but the call resolved');
}

/** Every problem item carries an "area/what" code (not "unexpected", not a leftover "pending"). */
function assertCodedProblems(result: InspectResult): void {
  for (const item of result.items) {
    if (item.kind === 'problem') assert.match(item.code, /^[a-z0-9-]+\/[a-z0-9-]+$/, item.message);
  }
}

/** JSON of the result holds neither the key's base64 body nor any line of it. */
function assertNoKeyMaterial(result: unknown, keyPem: string): void {
  const json = JSON.stringify(result);
  const { body, lines } = pemBody(keyPem);
  assert.ok(!json.includes(body), 'the key body is not in the result');
  for (const [i, line] of lines.entries()) {
    assert.ok(!json.includes(line), `line ${i + 1} of the key body is not in the result`);
  }
}

describe('inspectText: PEM', () => {
  test('reads one client certificate with its Kubernetes identity', async () => {
    const result = await inspectText(lab.client.certificatePem);
    assert.equal(result.readAs, 'pem');
    assert.equal(result.omitted, 0);
    assert.equal(result.items.length, 1);
    const cert = asCertificate(result.items[0]);
    assert.equal(cert.origin, 'line 1');
    assert.equal(cert.info.subject.rfc4514, 'CN=jane,O=ops,O=dev');
    assert.equal(cert.info.issuer.rfc4514, 'CN=Lab Root ECDSA-P256,O=Kube Auth Lab');
    assert.equal(cert.info.isCa, false);
    assert.equal(cert.info.publicKey.curve, 'P-256');
    assert.equal(cert.identity.authenticated, true);
    assert.equal(cert.identity.user, 'jane');
    assert.deepEqual(cert.identity.organizations, ['dev', 'ops']);
    assert.deepEqual(cert.identity.groups, ['dev', 'ops', 'system:authenticated']);
    assert.deepEqual(cert.lint, []);
  });

  test('reads a certificate, its CA, a CSR and a key between junk lines, in order, with their lines', async () => {
    const text = [
      '$ cat jane.crt ca.crt jane.csr jane.key',
      lab.client.certificatePem,
      'subject=CN=jane, O=dev, O=ops',
      '',
      lab.root.certificatePem,
      '# the request jane sent',
      csr.csrPem,
      lab.client.privateKeyPem,
      '$ ',
    ].join('\n');
    const result = await inspectText(text);
    assert.equal(result.readAs, 'pem');
    assert.equal(result.omitted, 0);
    assert.deepEqual(
      result.items.map((i) => [i.kind, i.origin]),
      [
        ['certificate', `line ${lineOf(text, lab.client.certificatePem)}`],
        ['certificate', `line ${lineOf(text, lab.root.certificatePem)}`],
        ['csr', `line ${lineOf(text, csr.csrPem)}`],
        ['key', `line ${lineOf(text, lab.client.privateKeyPem)}`],
      ],
    );
    assert.equal(result.items[0]?.origin, 'line 2');
    const client = asCertificate(result.items[0]);
    assert.equal(client.identity.user, 'jane');
    assert.deepEqual(client.identity.groups, ['dev', 'ops', 'system:authenticated']);
    const root = asCertificate(result.items[1]);
    assert.equal(root.info.isCa, true);
    assert.equal(root.info.isSelfSigned, true);
    assert.equal(root.identity.user, 'Lab Root ECDSA-P256');
    assert.deepEqual(root.identity.groups, ['Kube Auth Lab', 'system:authenticated']);
    const request = asCsr(result.items[2]);
    assert.equal(request.info.subject.rfc4514, 'CN=amy,O=qa');
    assert.equal(request.info.signature, 'valid');
    assert.deepEqual(result.items[3], {
      kind: 'key',
      origin: `line ${lineOf(text, lab.client.privateKeyPem)}`,
      keyType: 'EC',
      format: 'pkcs8',
      curve: 'P-256',
      matches: [0],
      compared: true,
    });
  });

  test('passes on lint warnings and identity warnings of a system:masters certificate', async () => {
    const cert = asCertificate((await inspectText(masters.certificatePem)).items[0]);
    assert.equal(cert.identity.user, 'break-glass');
    assert.deepEqual(cert.identity.groups, ['system:masters', 'system:authenticated']);
    assert.deepEqual(
      cert.identity.warnings.map((w) => w.code),
      ['identity/system-masters'],
    );
    assert.deepEqual(
      cert.lint.map((w) => w.code),
      ['lint/system-masters'],
    );
  });

  test('reads CRLF line ends and indented blocks', async () => {
    const text = `  ${lab.client.certificatePem.trimEnd().split('\n').join('\r\n  ')}\r\n`;
    const result = await inspectText(text);
    assert.equal(asCertificate(result.items[0]).identity.user, 'jane');
    assert.equal(result.items[0]?.origin, 'line 1');
  });
});

describe('inspectText: private keys', () => {
  test('tells only the type of a key and which certificates it matches, never its material', async () => {
    const text = lab.client.certificatePem + lab.server.certificatePem + lab.client.privateKeyPem;
    const unrelated = lab.intermediate.privateKeyPem;
    const result = await inspectText(`${text}${unrelated}`);
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['certificate', 'certificate', 'key', 'key'],
    );
    const expected = (origin: string, matches: number[]): KeyItem => ({
      kind: 'key',
      origin,
      keyType: 'EC',
      format: 'pkcs8',
      curve: 'P-256',
      matches,
      compared: true,
    });
    assert.deepEqual(result.items[2], expected(`line ${lineOf(text, lab.client.privateKeyPem)}`, [0]));
    assert.deepEqual(result.items[3], expected(`line ${lineOf(text + unrelated, unrelated)}`, []));
    assertNoKeyMaterial(result, lab.client.privateKeyPem);
    assertNoKeyMaterial(result, unrelated);
  });

  test('finds the certificate of a key pasted before it', async () => {
    const result = await inspectText(
      lab.client.privateKeyPem + lab.root.certificatePem + lab.client.certificatePem,
    );
    const key = result.items[0] as KeyItem;
    assert.equal(key.kind, 'key');
    assert.deepEqual(key.matches, [2]);
    assert.equal(key.compared, true);
    assertNoKeyMaterial(result, lab.client.privateKeyPem);
  });

  test('says a key alone was compared with nothing', async () => {
    const result = await inspectText(lab.server.privateKeyPem);
    assert.deepEqual(result.items, [
      {
        kind: 'key',
        origin: 'line 1',
        keyType: 'EC',
        format: 'pkcs8',
        curve: 'P-256',
        matches: [],
        compared: false,
      },
    ]);
    assertNoKeyMaterial(result, lab.server.privateKeyPem);
  });

  for (const [name, text, keyPem, expected] of [
    [
      'an RSA PKCS#1 key (openssl genrsa -traditional)',
      RSA_PKCS1_CERT + RSA_PKCS1_KEY,
      RSA_PKCS1_KEY,
      { keyType: 'RSA', format: 'pkcs1', bits: 2048, matches: [0] },
    ],
    [
      'a SEC1 EC key (openssl ecparam -genkey -noout)',
      EC_SEC1_BARE + EC_SEC1_CERT,
      EC_SEC1_BARE,
      { keyType: 'EC', format: 'sec1', curve: 'P-256', matches: [1] },
    ],
  ] as const) {
    test(`reads ${name} and matches it with its certificate`, async () => {
      const result = await inspectText(text);
      const key = result.items.find((i) => i.kind === 'key');
      assert.deepEqual(key, {
        kind: 'key',
        origin: `line ${lineOf(text, keyPem)}`,
        compared: true,
        ...expected,
        matches: [...expected.matches],
      });
      assertNoKeyMaterial(result, keyPem);
    });
  }
});

describe('inspectBytes', () => {
  test('reads DER bytes of a certificate, and returns no text', async () => {
    const result = await inspectBytes(clientDer);
    assert.equal(result.readAs, 'der');
    assert.equal(result.omitted, 0);
    assert.equal('text' in result, false);
    assert.equal(result.items.length, 1);
    const cert = asCertificate(result.items[0]);
    assert.equal(cert.origin, 'DER');
    assert.equal(cert.identity.user, 'jane');
    assert.deepEqual(cert.identity.groups, ['dev', 'ops', 'system:authenticated']);
  });

  test('reads DER bytes of a CSR', async () => {
    const result = await inspectBytes(csrDer);
    assert.equal(result.readAs, 'der');
    assert.equal(result.items[0]?.origin, 'DER');
    assert.equal(asCsr(result.items[0]).info.subject.rfc4514, 'CN=amy,O=qa');
  });

  test('reads PEM given as bytes and returns the text it read', async () => {
    const text = lab.client.certificatePem + lab.client.privateKeyPem;
    const result = await inspectBytes(utf8(text));
    assert.equal(result.readAs, 'pem');
    assert.equal(result.text, text);
    assert.deepEqual(
      result.items.map((i) => [i.kind, i.origin]),
      [
        ['certificate', 'line 1'],
        ['key', `line ${lineOf(text, lab.client.privateKeyPem)}`],
      ],
    );
    assertNoKeyMaterial(result.items, lab.client.privateKeyPem);
  });

  test('reads a PEM file that is not UTF-8 (Latin-1 notes around the block) as Latin-1', async () => {
    const note = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café\n" in Latin-1
    const bytes = new Uint8Array([...note, ...utf8(lab.client.certificatePem)]);
    const result = await inspectBytes(bytes);
    assert.equal(result.readAs, 'pem');
    assert.equal(result.text, `café\n${lab.client.certificatePem}`);
    assert.equal(asCertificate(result.items[0]).origin, 'line 2');
  });
});

describe('inspectText: base64', () => {
  test('reads base64 of a PEM file whose block follows a preamble (openssl pkcs12 output)', async () => {
    const preamble =
      'Bag Attributes\n    localKeyID: 6F 2A 91 0C 44 7B 3E 19 D2 85 0A 6B 1F 93 C4 57 E8 20 11 AA\n' +
      'subject=CN = jane, O = developers\nissuer=CN = Lab Root ECDSA-P256\n';
    const result = await inspectText(Buffer.from(preamble + lab.client.certificatePem).toString('base64'));
    assert.equal(result.readAs, 'base64');
    assert.equal(asCertificate(result.items[0]).identity.user, 'jane');
  });

  test('reads base64 of PEM on one line, as in client-certificate-data', async () => {
    const oneLine = btoa(lab.client.certificatePem);
    assert.doesNotMatch(oneLine, /\s/);
    const result = await inspectText(oneLine);
    assert.equal(result.readAs, 'base64');
    assert.equal(result.omitted, 0);
    assert.equal(result.items.length, 1);
    const cert = asCertificate(result.items[0]);
    assert.equal(cert.origin, 'line 1');
    assert.equal(cert.identity.user, 'jane');
  });

  test('reads base64 of a PEM bundle with a key, and matches the key inside it', async () => {
    const pem = lab.client.certificatePem + lab.client.privateKeyPem;
    const result = await inspectText(btoa(pem));
    assert.equal(result.readAs, 'base64');
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['certificate', 'key'],
    );
    assert.deepEqual((result.items[1] as KeyItem).matches, [0]);
    assertNoKeyMaterial(result, lab.client.privateKeyPem);
  });

  test('reads base64 of DER on one line', async () => {
    const result = await inspectText(toBase64(clientDer));
    assert.equal(result.readAs, 'base64');
    assert.equal(result.omitted, 0);
    const cert = asCertificate(result.items[0]);
    assert.equal(cert.origin, 'base64');
    assert.equal(cert.identity.user, 'jane');
  });

  test('reads base64 of DER wrapped at 76 columns, as the base64 tool writes it', async () => {
    const wrapped = toBase64(csrDer).replace(/(.{76})/g, '$1\n');
    assert.ok(wrapped.includes('\n'));
    const result = await inspectText(wrapped);
    assert.equal(result.readAs, 'base64');
    assert.equal(asCsr(result.items[0]).origin, 'base64');
  });
});

describe('inspectText: kubeconfig', () => {
  const joeChain = lab.clientViaIntermediate.certificatePem + lab.intermediate.certificatePem;
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster:
    server: https://192.0.2.10:6443
    certificate-authority-data: ${btoa(lab.root.certificatePem)}
users:
- name: jane
  user:
    client-certificate-data: ${btoa(lab.client.certificatePem)}
    client-key-data: ${btoa(lab.client.privateKeyPem)}
- name: joe
  user:
    client-certificate-data: ${btoa(joeChain)}
contexts:
- name: jane@lab
  context:
    cluster: lab
    user: jane
current-context: jane@lab
`;

  test('reads the embedded certificates with kubeconfig origins, and no key material', async () => {
    const result = await inspectText(kubeconfig);
    assert.equal(result.readAs, 'kubeconfig');
    assert.equal(result.omitted, 0);
    assert.deepEqual(
      result.items.map((i) => [i.kind, i.origin, i.kind === 'certificate' ? i.identity.user : null]),
      [
        ['certificate', 'clusters[lab].certificate-authority-data', 'Lab Root ECDSA-P256'],
        ['certificate', 'users[jane].client-certificate-data', 'jane'],
        ['key', 'users[jane].client-key-data', null],
        ['certificate', 'users[joe].client-certificate-data #1', 'joe'],
        [
          'certificate',
          `users[joe].client-certificate-data #${lineOf(joeChain, lab.intermediate.certificatePem)}`,
          'Lab Intermediate ECDSA-P256',
        ],
      ],
    );
    assert.deepEqual(asCertificate(result.items[1]).identity.groups, ['dev', 'ops', 'system:authenticated']);
    assert.deepEqual(asCertificate(result.items[3]).identity.groups, ['qa', 'system:authenticated']);
    // jane's key is compared with the certificates around it, and found to be jane's (item 1 of all).
    const key = result.items[2] as KeyItem;
    assert.deepEqual([key.keyType, key.matches, key.compared], ['EC', [1], true]);
    assert.equal(heldPrivateKey(result), true);
    assertNoKeyMaterial(result, lab.client.privateKeyPem);
    assert.ok(!JSON.stringify(result).includes(btoa(lab.client.privateKeyPem)), 'no client-key-data');
  });

  test('reads a kubeconfig file given as bytes and returns its text', async () => {
    const result = await inspectBytes(utf8(kubeconfig));
    assert.equal(result.readAs, 'kubeconfig');
    assert.equal(result.text, kubeconfig);
    assert.equal(result.items.length, 5);
  });

  test('says when no private key was read, so that the text may be kept', async () => {
    const withoutKey = kubeconfig.replace(/^ {4}client-key-data: .*\n/m, '');
    assert.equal(heldPrivateKey(await inspectText(withoutKey)), false);
    assert.equal(heldPrivateKey(await inspectText(lab.client.certificatePem)), false);
    assert.equal(heldPrivateKey(await inspectText(lab.client.privateKeyPem)), true);
  });

  for (const [name, text, code] of [
    [
      'a kubeconfig that points to files',
      'apiVersion: v1\nkind: Config\nusers:\n- name: jane\n  user:\n    client-certificate: /home/jane/.kube/jane.crt\n    client-key: /home/jane/.kube/jane.key\n',
      'input/kubeconfig-without-certificates',
    ],
    [
      'a kubeconfig whose client-certificate-data is not base64',
      'apiVersion: v1\nkind: Config\nusers:\n- name: jane\n  user:\n    client-certificate-data: not*base64\n',
      'kubeconfig/bad-base64',
    ],
    [
      'a kubeconfig whose client-certificate-data holds a key',
      `apiVersion: v1\nkind: Config\nusers:\n- name: jane\n  user:\n    client-certificate-data: ${btoa(lab.client.privateKeyPem)}\n`,
      'kubeconfig/not-pem',
    ],
    ['YAML of another kind', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n', 'kubeconfig/wrong-kind'],
  ] as const) {
    test(`rejects ${name} with ${code}`, async () => {
      assert.equal(await rejection(() => inspectText(text)), code);
    });
  }
});

describe('limits', () => {
  test(`shows at most MAX_ITEMS (${MAX_ITEMS}) blocks and counts the rest`, async () => {
    const text = lab.client.certificatePem.repeat(MAX_ITEMS + 7);
    const result = await inspectText(text);
    assert.equal(result.items.length, MAX_ITEMS);
    assert.equal(result.omitted, 7);
    const linesPerCert = lab.client.certificatePem.split('\n').length - 1;
    assert.equal(result.items.at(-1)?.origin, `line ${(MAX_ITEMS - 1) * linesPerCert + 1}`);
    assert.ok(result.items.every((i) => i.kind === 'certificate'));
  });

  test('counts no block as left out when an EC PARAMETERS block goes with its key', async () => {
    const result = await inspectText(EC_SEC1_WITH_PARAMETERS_BLOCK + EC_SEC1_CERT);
    assert.deepEqual(
      result.items.map((i) => i.kind),
      ['key', 'certificate'],
    );
    assert.equal(result.omitted, 0);
  });

  test('shows at most MAX_ITEMS certificates of a kubeconfig in all, and counts the rest', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const bundle = lab.root.certificatePem.repeat(MAX_ITEMS + 10);
    const result = await inspectText(
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- cluster: {server: "https://192.0.2.1:6443", certificate-authority-data: ${b64(bundle)}}`,
        '  name: lab',
        'users:',
        `- name: jane`,
        `  user: {client-certificate-data: ${b64(lab.client.certificatePem)}}`,
        '',
      ].join('\n'),
    );
    assert.equal(result.readAs, 'kubeconfig');
    assert.equal(result.items.length, MAX_ITEMS);
    assert.equal(result.omitted, 11);
  });

  test('shows exactly MAX_ITEMS blocks with none omitted', async () => {
    const result = await inspectText(lab.client.certificatePem.repeat(MAX_ITEMS));
    assert.equal(result.items.length, MAX_ITEMS);
    assert.equal(result.omitted, 0);
  });

  test('reads text of exactly MAX_INPUT_CHARS and refuses one character more', async () => {
    const pem = lab.client.certificatePem;
    const text = `${'x'.repeat(MAX_INPUT_CHARS - pem.length - 1)}\n${pem}`;
    assert.equal(text.length, MAX_INPUT_CHARS);
    const result = await inspectText(text);
    assert.equal(asCertificate(result.items[0]).origin, 'line 2');
    assert.equal(await rejection(() => inspectText(`${text} `)), 'input/too-large');
    assert.equal(await rejection(() => inspectBytes(new Uint8Array(MAX_INPUT_CHARS + 1))), 'input/too-large');
  });
});

describe('bad input', () => {
  const certB64 = toBase64(clientDer);
  for (const [name, text, code] of [
    ['empty text', '', 'input/empty'],
    ['only whitespace', ' \n\t\r\n  ', 'input/empty'],
    ['plain prose', 'This is my certificate, I think. Can you check it?', 'pem/no-block'],
    ['base64 that is neither PEM nor DER', btoa('certainly not a certificate'), 'pem/no-block'],
    ['a PEM block with a character outside base64', block('CERTIFICATE', 'MIIB*xyz'), 'pem/bad-base64'],
    ['a PEM block with an impossible base64 length', block('CERTIFICATE', 'MIIBB'), 'pem/bad-base64'],
    ['a PEM block cut off before its END line', lab.client.certificatePem.slice(0, 300), 'pem/truncated'],
    ['an END line without a BEGIN', '-----END CERTIFICATE-----\n', 'pem/unexpected-end'],
    ['an empty PEM block', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n', 'pem/empty-block'],
    ['base64 of DER cut at an impossible length', certB64.slice(0, 201), 'base64/invalid'],
    ['base64 of DER cut short', certB64.slice(0, 200), 'input/unknown-der'],
    ['text over MAX_INPUT_CHARS', 'A'.repeat(MAX_INPUT_CHARS + 1), 'input/too-large'],
  ] as const) {
    test(`rejects ${name} with ${code}`, async () => {
      assert.equal(await rejection(() => inspectText(text)), code);
    });
  }

  test('reads a text file that starts with "0" as text, not as DER', async () => {
    const text = `0 = the lab's client certificate\n${lab.client.certificatePem}`;
    const result = await inspectBytes(utf8(text));
    assert.equal(result.readAs, 'pem');
    assert.equal(result.text, text);
    assert.equal(asCertificate(result.items[0]).identity.user, 'jane');
  });

  for (const [name, bytes, code] of [
    ['an empty file', new Uint8Array(0), 'input/empty'],
    ['truncated DER', clientDer.slice(0, 100), 'input/unknown-der'],
    [
      'DER of neither a certificate nor a CSR',
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01),
      'input/unknown-der',
    ],
    ['binary that is not UTF-8 and not DER', Uint8Array.of(0xff, 0xfe, 0x80, 0x81, 0x00), 'input/binary'],
    ['text with NUL bytes', Uint8Array.of(0x41, 0x00, 0x42), 'input/binary'],
  ] as const) {
    test(`rejects a file of ${name} with ${code}`, async () => {
      assert.equal(await rejection(() => inspectBytes(bytes)), code);
    });
  }

  for (const [name, text, code, details] of [
    ['a CERTIFICATE block that holds a CSR', encodePem('CERTIFICATE', csrDer), 'certificate/malformed', {}],
    [
      'a CERTIFICATE block that holds text, not DER',
      block('CERTIFICATE', btoa('hello, certificate')),
      'input/not-der',
      { line: 1 },
    ],
    ['a CERTIFICATE block that holds other DER', block('CERTIFICATE', TINY_DER), 'certificate/malformed', {}],
    [
      'a CERTIFICATE REQUEST block that holds a certificate',
      encodePem('CERTIFICATE REQUEST', clientDer),
      'csr/malformed',
      {},
    ],
    ['a PRIVATE KEY block that holds no key', block('PRIVATE KEY', TINY_DER), 'key/malformed', { line: 1 }],
    ['an ENCRYPTED PRIVATE KEY', block('ENCRYPTED PRIVATE KEY', TINY_DER), 'key/encrypted', { line: 1 }],
    [
      'an RSA PRIVATE KEY with Proc-Type ENCRYPTED',
      block(
        'RSA PRIVATE KEY',
        TINY_DER,
        'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n',
      ),
      'key/encrypted',
      { line: 1 },
    ],
    ['a CRL', block('X509 CRL', TINY_DER), 'input/unsupported-block', { label: 'X509 CRL', line: 1 }],
  ] as const) {
    test(`shows ${name} as a ${code} problem and still reads the certificate after it`, async () => {
      const input = text + lab.client.certificatePem;
      const result = await inspectText(input);
      assert.equal(result.items.length, 2);
      const problem = asProblem(result.items[0]);
      assert.equal(problem.code, code);
      assert.equal(problem.origin, 'line 1');
      assert.deepEqual(problem.details, details);
      assert.ok(problem.message.length > 0);
      const cert = asCertificate(result.items[1]);
      assert.equal(cert.origin, `line ${lineOf(input, lab.client.certificatePem)}`);
    });
  }

  test('throws nothing but LabErrors for every truncation and corruption of a certificate', async () => {
    const bundle = lab.client.certificatePem + csr.csrPem + lab.client.privateKeyPem;
    const seen = new Set<string>();
    const attempt = async (fn: () => Promise<InspectResult>) => {
      try {
        const result = await fn();
        assertCodedProblems(result);
        seen.add('read');
      } catch (e) {
        assert.ok(isLabError(e), `expected a LabError, got ${String(e)}`);
        seen.add(e.code);
      }
    };
    for (let n = 0; n <= clientDer.length; n++) await attempt(() => inspectBytes(clientDer.slice(0, n)));
    for (let p = 0; p < clientDer.length; p += 3) {
      const corrupt = clientDer.slice();
      corrupt[p]! ^= 0x5a;
      await attempt(() => inspectBytes(corrupt));
    }
    for (let n = 0; n <= bundle.length; n += 7) await attempt(() => inspectText(bundle.slice(0, n)));
    assert.ok(seen.has('read'));
    assert.ok(seen.has('input/unknown-der'));
    assert.ok(seen.has('pem/truncated'));
  });
});
