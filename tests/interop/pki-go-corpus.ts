// The part of the Go-judged corpus (pki-go-verify.test.ts) where Go's crypto/x509 and a naive
// reader part ways: name constraints of every form, what Go's parser refuses (string types, keys,
// malformed extensions) and what it accepts (UTCTime without seconds, v1/v2 certificates with
// extensions, negative serials and path lengths, RSA-PSS), pools holding a certificate Go cannot
// parse, names that differ only in string type or case, BOOLEAN 01, over-long lengths. Each case
// is built here byte by byte (tests/unit/pki/raw-certificates.ts); Go gives the verdict.

import { derBoolean, smallInteger } from '../../src/pki/der.ts';
import { generateKeyPair } from '../../src/pki/index.ts';
import type { RawOptions, RawSigner } from '../unit/pki/raw-certificates.ts';
import {
  concatBytes,
  derNull,
  EXT,
  extension,
  gn,
  ipSubtree,
  nameConstraintsValue,
  nameWith,
  oid,
  plainName,
  pssSign,
  rawCertificate,
  rawSigner,
  sanValue,
  seq,
  spkiOf,
  tlv,
  unsignedInteger,
} from '../unit/pki/raw-certificates.ts';

export interface CorpusCase {
  name: string;
  leaf: string;
  intermediates?: string;
  roots: string;
  purpose?: 'client' | 'server';
  hostname?: string;
}

const enc = new TextEncoder();
const san = (...names: Uint8Array[]) => extension(EXT.subjectAltName, sanValue(...names));
const dns = (d: string) => gn(0x82, d);
const email = (e: string) => gn(0x81, e);
const uri = (u: string) => gn(0x86, u);
const ip = (...b: number[]) => gn(0x87, Uint8Array.from(b));
const nc = (permitted?: Uint8Array[], excluded?: Uint8Array[], critical = true) =>
  extension(EXT.nameConstraints, nameConstraintsValue(permitted, excluded), critical);
const ncRaw = (value: Uint8Array, critical = true) => extension(EXT.nameConstraints, value, critical);

/** A CA with these extra extensions (after the usual CA ones). */
const ca = (cn: string, extra: Uint8Array[] = [], more: RawOptions = {}) =>
  rawSigner({ cn, extraExtensions: extra, ...more });

/** A CA signed by `signer` (an intermediate), as a signer of its own. */
async function intermediate(cn: string, signer: RawSigner, extra: Uint8Array[] = []): Promise<RawSigner> {
  const pair = await generateKeyPair('ECDSA-P256');
  const base = await rawSigner({ cn, pair, extraExtensions: extra });
  const pem = await rawCertificate({ cn, pair, signer, extraExtensions: extra });
  return { ...base, pem };
}

/** A client leaf under `signer` with these extra extensions. */
const leaf = (signer: RawSigner, extra: Uint8Array[] = [], more: RawOptions = {}) =>
  rawCertificate({ cn: 'jane', profile: 'client', signer, extraExtensions: extra, ...more });

export async function fidelityCorpus(): Promise<CorpusCase[]> {
  const cases: CorpusCase[] = [];
  const add = (name: string, leafPem: string, roots: string, intermediates?: string) =>
    cases.push({ name, leaf: leafPem, roots, ...(intermediates ? { intermediates } : {}) });

  // ---- name constraints: DNS ----
  const dnsRoot = await ca('NC DNS Root', [nc([dns('example.com')])]);
  add('NC dns permitted', await leaf(dnsRoot, [san(dns('a.example.com'))]), dnsRoot.pem);
  add('NC dns apex permitted', await leaf(dnsRoot, [san(dns('example.com'))]), dnsRoot.pem);
  add('NC dns not permitted', await leaf(dnsRoot, [san(dns('a.other.org'))]), dnsRoot.pem);
  add('NC dns suffix is not a label', await leaf(dnsRoot, [san(dns('badexample.com'))]), dnsRoot.pem);
  add(
    'NC dns second name not permitted',
    await leaf(dnsRoot, [san(dns('a.example.com'), dns('b.other.org'))]),
    dnsRoot.pem,
  );
  add('NC dns trailing dot', await leaf(dnsRoot, [san(dns('a.example.com.'))]), dnsRoot.pem);
  add('NC leaf without SAN (CN is not checked)', await leaf(dnsRoot, [], { cn: 'evil.org' }), dnsRoot.pem);
  add('NC dns only, leaf with an IP', await leaf(dnsRoot, [san(ip(10, 0, 0, 1))]), dnsRoot.pem);
  add('NC dns only, leaf with an email', await leaf(dnsRoot, [san(email('jane@other.org'))]), dnsRoot.pem);
  const dotRoot = await ca('NC Dot Root', [nc([dns('.example.com')])]);
  add('NC dns leading dot excludes the apex', await leaf(dotRoot, [san(dns('example.com'))]), dotRoot.pem);
  add(
    'NC dns leading dot permits a subdomain',
    await leaf(dotRoot, [san(dns('x.example.com'))]),
    dotRoot.pem,
  );
  const caseRoot = await ca('NC Case Root', [nc([dns('Example.COM')])]);
  add('NC dns compares case-insensitively', await leaf(caseRoot, [san(dns('a.EXAMPLE.com'))]), caseRoot.pem);
  const exRoot = await ca('NC Excluded Root', [nc(undefined, [dns('bad.example.com')])]);
  add('NC dns excluded', await leaf(exRoot, [san(dns('x.bad.example.com'))]), exRoot.pem);
  add('NC dns not excluded', await leaf(exRoot, [san(dns('good.example.com'))]), exRoot.pem);
  const bothRoot = await ca('NC Both Root', [nc([dns('example.com')], [dns('secret.example.com')])]);
  add(
    'NC dns excluded inside permitted',
    await leaf(bothRoot, [san(dns('secret.example.com'))]),
    bothRoot.pem,
  );
  const emptyDns = await ca('NC Empty DNS Root', [nc([dns('')])]);
  add(
    'NC empty dns constraint matches everything',
    await leaf(emptyDns, [san(dns('any.org'))]),
    emptyDns.pem,
  );

  // ---- IP ----
  const ipRoot = await ca('NC IP Root', [nc([ipSubtree([10, 0, 0, 0], [255, 0, 0, 0])])]);
  add('NC ip permitted', await leaf(ipRoot, [san(ip(10, 1, 2, 3))]), ipRoot.pem);
  add('NC ip not permitted', await leaf(ipRoot, [san(ip(192, 168, 0, 1))]), ipRoot.pem);
  add(
    'NC ipv4 constraint, ipv6 name',
    await leaf(ipRoot, [san(ip(...new Array(15).fill(0), 1))]),
    ipRoot.pem,
  );
  const ip6Root = await ca('NC IPv6 Root', [
    nc(undefined, [ipSubtree([0xfd, ...new Array(15).fill(0)], [0xff, ...new Array(15).fill(0)])]),
  ]);
  add('NC ipv6 excluded', await leaf(ip6Root, [san(ip(0xfd, 0, ...new Array(13).fill(0), 5))]), ip6Root.pem);
  add(
    'NC ipv6 not excluded',
    await leaf(ip6Root, [san(ip(0x20, 1, ...new Array(13).fill(0), 5))]),
    ip6Root.pem,
  );

  // ---- email ----
  const mailRoot = await ca('NC Mail Root', [nc([email('example.com')])]);
  add('NC email permitted', await leaf(mailRoot, [san(email('jane@example.com'))]), mailRoot.pem);
  add('NC email domain case', await leaf(mailRoot, [san(email('jane@EXAMPLE.com'))]), mailRoot.pem);
  add('NC email not permitted', await leaf(mailRoot, [san(email('jane@evil.org'))]), mailRoot.pem);
  add('NC email unparseable', await leaf(mailRoot, [san(email('not-an-email'))]), mailRoot.pem);
  const boxRoot = await ca('NC Mailbox Root', [nc([email('jane@example.com')])]);
  add('NC exact mailbox', await leaf(boxRoot, [san(email('jane@example.com'))]), boxRoot.pem);
  add(
    'NC mailbox local part is case-sensitive',
    await leaf(boxRoot, [san(email('Jane@example.com'))]),
    boxRoot.pem,
  );

  // ---- URI ----
  const uriRoot = await ca('NC URI Root', [nc([uri('.example.com')])]);
  add('NC uri permitted', await leaf(uriRoot, [san(uri('spiffe://a.example.com/ns/x'))]), uriRoot.pem);
  add('NC uri with port', await leaf(uriRoot, [san(uri('https://a.example.com:8443/x'))]), uriRoot.pem);
  add('NC uri not permitted', await leaf(uriRoot, [san(uri('spiffe://other.org/x'))]), uriRoot.pem);
  add('NC uri without host', await leaf(uriRoot, [san(uri('urn:example:x'))]), uriRoot.pem);
  add('NC uri with IP host', await leaf(uriRoot, [san(uri('https://10.0.0.1/x'))]), uriRoot.pem);

  // ---- every CA of the chain ----
  const plainRoot = await ca('NC Plain Root');
  const ncInter = await intermediate('NC Intermediate', plainRoot, [nc([dns('example.com')])]);
  add('NC on the intermediate', await leaf(ncInter, [san(dns('a.other.org'))]), plainRoot.pem, ncInter.pem);
  add(
    'NC on the intermediate, permitted',
    await leaf(ncInter, [san(dns('a.example.com'))]),
    plainRoot.pem,
    ncInter.pem,
  );
  const nestedInter = await intermediate('NC Nested Intermediate', dnsRoot, [nc([dns('a.example.com')])]);
  add(
    'NC root allows, intermediate does not',
    await leaf(nestedInter, [san(dns('b.example.com'))]),
    dnsRoot.pem,
    nestedInter.pem,
  );
  const interOutside = await intermediate('NC Inter Outside', dnsRoot, [san(dns('ca.other.org'))]);
  add(
    "NC root refuses the intermediate's own SAN",
    await leaf(interOutside, [san(dns('x.example.com'))]),
    dnsRoot.pem,
    interOutside.pem,
  );
  const selfOutside = await ca('NC Self Outside', [nc([dns('example.com')]), san(dns('ca.other.org'))]);
  add('NC root refuses its own SAN', await leaf(selfOutside, [san(dns('x.example.com'))]), selfOutside.pem);

  // ---- forms Go does not handle ----
  const dirName = tlv(0xa4, plainName('Some Org'));
  const dirRoot = await ca('NC DirName Root', [nc([dirName])]);
  add('NC critical directoryName', await leaf(dirRoot, [san(dns('a.example.com'))]), dirRoot.pem);
  const dirSoft = await ca('NC DirName Soft Root', [nc([dirName], undefined, false)]);
  add('NC non-critical directoryName', await leaf(dirSoft, [san(dns('a.example.com'))]), dirSoft.pem);
  const otherName = tlv(
    0xa0,
    concatBytes(oid('1.3.6.1.4.1.311.20.2.3'), tlv(0xa0, tlv(0x0c, enc.encode('x')))),
  );
  const otherRoot = await ca('NC OtherName Root', [nc(undefined, [otherName])]);
  add('NC critical otherName', await leaf(otherRoot, [san(dns('a.example.com'))]), otherRoot.pem);

  // ---- malformed name constraints: Go drops the CA ----
  const badLen = await ca('NC Bad Length Root', [nc([gn(0x87, Uint8Array.of(10, 0, 0, 0, 255))])]);
  add('NC ip constraint of length 5', await leaf(badLen, [san(dns('a.example.com'))]), badLen.pem);
  const badMask = await ca('NC Bad Mask Root', [nc([ipSubtree([10, 0, 0, 0], [255, 0, 255, 0])])]);
  add('NC ip constraint with a bad mask', await leaf(badMask, []), badMask.pem);
  const emptyNc = await ca('NC Empty Root', [ncRaw(seq())]);
  add('NC empty extension', await leaf(emptyNc, []), emptyNc.pem);
  const emptySubtrees = await ca('NC Empty Subtrees Root', [ncRaw(seq(tlv(0xa0, new Uint8Array(0))))]);
  add('NC empty permitted subtrees', await leaf(emptySubtrees, []), emptySubtrees.pem);
  const badDns = await ca('NC Bad DNS Root', [nc([dns('a b.example.com')])]);
  add('NC dns constraint with a space', await leaf(badDns, []), badDns.pem);
  const ncTrailing = await ca('NC Trailing Root', [
    ncRaw(concatBytes(nameConstraintsValue([dns('example.com')]), Uint8Array.of(5, 0))),
  ]);
  add('NC extension with trailing data', await leaf(ncTrailing, []), ncTrailing.pem);

  // ---- Go's comparison limit ----
  const many = await ca('NC Many Root', [
    nc(
      undefined,
      Array.from({ length: 600 }, (_, i) => dns(`x${i}.example.net`)),
    ),
  ]);
  add(
    'NC more than 250000 comparisons',
    await leaf(many, [san(...Array.from({ length: 420 }, (_, i) => dns(`h${i}.example.com`)))]),
    many.pem,
  );
  add(
    'NC just under the limit',
    await leaf(many, [san(...Array.from({ length: 400 }, (_, i) => dns(`h${i}.example.com`)))]),
    many.pem,
  );

  // ---- keys Go refuses ----
  const root = await ca('Parse Root');
  const point = concatBytes(Uint8Array.of(4), crypto.getRandomValues(new Uint8Array(48)));
  const ecOid = '1.2.840.10045.2.1';
  add(
    'leaf on P-192',
    await leaf(root, [], { spki: spkiOf(ecOid, oid('1.2.840.10045.3.1.1'), point) }),
    root.pem,
  );
  add(
    'leaf on secp256k1',
    await leaf(root, [], {
      spki: spkiOf(
        ecOid,
        oid('1.3.132.0.10'),
        concatBytes(Uint8Array.of(4), crypto.getRandomValues(new Uint8Array(64))),
      ),
    }),
    root.pem,
  );
  add(
    'leaf on an unknown curve',
    await leaf(root, [], { spki: spkiOf(ecOid, oid('1.2.3.4'), point) }),
    root.pem,
  );
  add(
    'leaf with explicit EC parameters',
    await leaf(root, [], { spki: spkiOf(ecOid, seq(smallInteger(1)), point) }),
    root.pem,
  );
  const p256 = await generateKeyPair('ECDSA-P256');
  const goodSpki = new Uint8Array(await crypto.subtle.exportKey('spki', p256.publicKey));
  const offCurve = goodSpki.slice();
  offCurve[offCurve.length - 1]! ^= 1;
  add('leaf with a point off the curve', await leaf(root, [], { spki: offCurve }), root.pem);
  const rsa = await generateKeyPair('RSA-2048');
  const rsaSpki = new Uint8Array(await crypto.subtle.exportKey('spki', rsa.publicKey));
  const rsaKeyBits = rsaSpki.subarray(rsaSpki.length - 270);
  add(
    'leaf with an RSA key without NULL parameters',
    await leaf(root, [], { spki: spkiOf('1.2.840.113549.1.1.1', undefined, rsaKeyBits) }),
    root.pem,
  );
  add(
    'leaf with a zero RSA modulus',
    await leaf(root, [], {
      spki: spkiOf(
        '1.2.840.113549.1.1.1',
        derNull(),
        seq(unsignedInteger(Uint8Array.of(0)), unsignedInteger(Uint8Array.of(1, 0, 1))),
      ),
    }),
    root.pem,
  );
  const p192Root = await rawCertificate({
    cn: 'P-192 Root',
    spki: spkiOf(ecOid, oid('1.2.840.10045.3.1.1'), point),
  });
  add('root on P-192 beside the real root', await leaf(root), p192Root + root.pem);
  add('root on P-192 alone', await leaf(root), p192Root);

  // ---- name values ----
  const utf32 = (s: string) => Uint8Array.from([...s].flatMap((c) => [0, 0, 0, c.charCodeAt(0)]));
  add('UniversalString CN', await leaf(root, [], { subject: nameWith(0x1c, utf32('jane')) }), root.pem);
  add(
    'NumericString with letters',
    await leaf(root, [], { subject: nameWith(0x12, enc.encode('12a')) }),
    root.pem,
  );
  add(
    'INTEGER as a name value',
    await leaf(root, [], { subject: seq(tlv(0x31, seq(oid('2.5.4.3'), smallInteger(7)))) }),
    root.pem,
  );
  add(
    'PrintableString with @',
    await leaf(root, [], { subject: nameWith(0x13, enc.encode('jane@example.com')) }),
    root.pem,
  );
  add(
    'PrintableString with _',
    await leaf(root, [], { subject: nameWith(0x13, enc.encode('jane_doe')) }),
    root.pem,
  );
  add(
    'PrintableString with * and &',
    await leaf(root, [], { subject: nameWith(0x13, enc.encode('*.a&b')) }),
    root.pem,
  );
  add(
    'T61String CN with a Latin-1 byte',
    await leaf(root, [], { subject: nameWith(0x14, Uint8Array.of(0x6a, 0x6f, 0xe9)) }),
    root.pem,
  );
  add(
    'BMPString CN with a trailing NUL',
    await leaf(root, [], {
      subject: nameWith(0x1e, Uint8Array.of(0, 0x6a, 0, 0x61, 0, 0x6e, 0, 0x65, 0, 0)),
    }),
    root.pem,
  );
  add('IA5String CN', await leaf(root, [], { subject: nameWith(0x16, enc.encode('jane')) }), root.pem);
  add(
    'name value followed by junk',
    await leaf(root, [], {
      subject: seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, enc.encode('jane')), derNull()))),
    }),
    root.pem,
  );

  // ---- times ----
  const utc = (t: string) => tlv(0x17, enc.encode(t));
  add('UTCTime without seconds', await leaf(root, [], { notBefore: utc('2601151000Z') }), root.pem);
  add('UTCTime with +0100', await leaf(root, [], { notBefore: utc('260115110000+0100') }), root.pem);
  add('UTCTime with -0130', await leaf(root, [], { notAfter: utc('270115100000-0130') }), root.pem);
  add('UTCTime with +0000', await leaf(root, [], { notBefore: utc('260115100000+0000') }), root.pem);
  add('UTCTime with fractions', await leaf(root, [], { notBefore: utc('260115100000.5Z') }), root.pem);
  add('UTCTime on 30 February', await leaf(root, [], { notBefore: utc('260230100000Z') }), root.pem);
  add(
    'GeneralizedTime before 2050',
    await leaf(root, [], { notBefore: tlv(0x18, enc.encode('20260115100000Z')) }),
    root.pem,
  );
  add(
    'GeneralizedTime with fractions',
    await leaf(root, [], { notBefore: tlv(0x18, enc.encode('20260115100000.1Z')) }),
    root.pem,
  );
  add('UTCTime that expired (minute form)', await leaf(root, [], { notAfter: utc('2601151500Z') }), root.pem);

  // ---- versions, serials, path lengths ----
  const serverOnly = extension(EXT.extKeyUsage, seq(oid('1.3.6.1.5.5.7.3.1')));
  add(
    'v1 leaf carrying extensions (Go ignores them)',
    await leaf(root, [serverOnly], { version: null }),
    root.pem,
  );
  add(
    'v2 leaf carrying extensions (Go ignores them)',
    await leaf(root, [serverOnly], { version: 1 }),
    root.pem,
  );
  add(
    'v3 leaf with unique IDs',
    await leaf(root, [], {
      beforeExtensions: [tlv(0x81, Uint8Array.of(0, 0xab)), tlv(0x82, Uint8Array.of(0, 0xcd))],
    }),
    root.pem,
  );
  add(
    'v3 leaf with junk after the extensions',
    await leaf(root, [], { afterExtensions: [derNull(), tlv(0xa5, derNull())] }),
    root.pem,
  );
  add('junk after the signature', await leaf(root, [], { afterSignature: [derNull()] }), root.pem);
  add(
    'v1 leaf with junk after the key',
    await leaf(root, [], { version: null, extensions: null, afterExtensions: [derNull()] }),
    root.pem,
  );
  add('version 4', await leaf(root, [], { version: 3 }), root.pem);
  add('explicit version 1', await leaf(root, [], { version: 0, extensions: null }), root.pem);
  const v1Root = await rawSigner({
    cn: 'V1 Root With Exts',
    version: null,
    extensions: [extension(EXT.basicConstraints, seq(), true)],
  });
  add('v1 root carrying CA:FALSE (Go ignores it)', await leaf(v1Root), v1Root.pem);
  add(
    'negative serial (Go 1.19 accepts it)',
    await leaf(root, [], { serial: Uint8Array.of(0xff, 0x12) }),
    root.pem,
  );
  add('serial zero', await leaf(root, [], { serial: Uint8Array.of(0) }), root.pem);
  add('serial not minimally encoded', await leaf(root, [], { serial: Uint8Array.of(0, 1) }), root.pem);
  const ouName = seq(tlv(0x31, seq(oid('2.5.4.11'), tlv(0x13, enc.encode('Only OU')))));
  const realOu = await rawSigner({ subject: ouName, serial: Uint8Array.of(0xfb) });
  const fakeOu = await rawSigner({ subject: ouName, serial: Uint8Array.of(0xfb) });
  add('hint names a negative serial', await leaf(realOu), fakeOu.pem);
  const negPath = await rawSigner({
    cn: 'Negative Pathlen Root',
    extensions: [
      extension(EXT.keyUsage, tlv(0x03, Uint8Array.of(2, 0x84)), true),
      extension(EXT.basicConstraints, seq(derBoolean(true), tlv(0x02, Uint8Array.of(0xff))), true),
    ],
  });
  const underNeg = await intermediate('Under Negative', negPath);
  const underNeg2 = await intermediate('Under Negative 2', underNeg);
  add('negative path length is no limit', await leaf(underNeg2), negPath.pem, underNeg.pem + underNeg2.pem);

  // ---- signature algorithms ----
  const rsaRoot = await rawSigner({ cn: 'RSA PSS Root', pair: rsa });
  add(
    'RSA-PSS SHA-256 signature',
    await leaf(rsaRoot, [], { sign: await pssSign(rsaRoot, 32) }),
    rsaRoot.pem,
  );
  add(
    'RSA-PSS with a salt Go does not accept',
    await leaf(rsaRoot, [], { sign: await pssSign(rsaRoot, 20) }),
    rsaRoot.pem,
  );
  const fakeSign = (ai: Uint8Array) => async () => ({
    algorithmIdentifier: ai,
    signature: Uint8Array.of(1, 2, 3),
  });
  add(
    'ISO OID for SHA-1 with RSA',
    await leaf(rsaRoot, [], { sign: fakeSign(seq(oid('1.3.14.3.2.29'), derNull())) }),
    rsaRoot.pem,
  );
  add(
    'MD2 with RSA',
    await leaf(rsaRoot, [], { sign: fakeSign(seq(oid('1.2.840.113549.1.1.2'), derNull())) }),
    rsaRoot.pem,
  );
  add('DSA with SHA-1', await leaf(root, [], { sign: fakeSign(seq(oid('1.2.840.10040.4.3'))) }), root.pem);
  add(
    'Ed25519 with parameters',
    await leaf(root, [], { sign: fakeSign(seq(oid('1.3.101.112'), derNull())) }),
    root.pem,
  );
  add(
    'ECDSA signature under an RSA key',
    await leaf(rsaRoot, [], { sign: fakeSign(seq(oid('1.2.840.10045.4.3.2'))) }),
    rsaRoot.pem,
  );
  add(
    'inner and outer algorithms differ',
    await leaf(root, [], { innerAlgorithm: seq(oid('1.2.840.10045.4.3.2'), derNull()) }),
    root.pem,
  );

  // ---- pools with a certificate Go cannot parse ----
  const garbage = '-----BEGIN CERTIFICATE-----\nMIIBAjCB\n-----END CERTIFICATE-----\n';
  add('roots with one unparseable certificate first', await leaf(root), garbage + root.pem);
  add('roots with one unparseable certificate only', await leaf(root), garbage);
  add(
    'intermediates with an unparseable one',
    await leaf(ncInter, [san(dns('a.example.com'))]),
    plainRoot.pem,
    garbage + ncInter.pem,
  );

  // ---- names compared byte for byte ----
  const typeRoot = await rawSigner({ subject: nameWith(0x0c, enc.encode('Type CA')) });
  add(
    'issuer differs only in string type',
    await leaf(typeRoot, [], { issuerName: nameWith(0x13, enc.encode('Type CA')) }),
    typeRoot.pem,
  );
  add(
    'issuer differs only in case',
    await leaf(typeRoot, [], { issuerName: nameWith(0x0c, enc.encode('type ca')) }),
    typeRoot.pem,
  );
  add('issuer matches byte for byte', await leaf(typeRoot), typeRoot.pem);

  // ---- BER Go refuses ----
  const bool01 = await rawSigner({
    cn: 'Boolean 01 Root',
    extensions: [
      extension(EXT.keyUsage, tlv(0x03, Uint8Array.of(2, 0x84)), true),
      extension(EXT.basicConstraints, seq(tlv(0x01, Uint8Array.of(1))), true),
    ],
  });
  add('root with BOOLEAN 01 in basicConstraints', await leaf(bool01), bool01.pem);
  add(
    'leaf with a critical flag encoded 01',
    await leaf(root, [
      seq(oid('2.5.29.32'), tlv(0x01, Uint8Array.of(1)), tlv(0x04, seq(seq(oid('2.5.29.32.0'))))),
    ]),
    root.pem,
  );
  add(
    'leaf with an over-long serial length',
    await leaf(root, [], { serialElement: Uint8Array.of(0x02, 0x81, 0x03, 1, 2, 3) }),
    root.pem,
  );
  add('leaf with an over-long outer length', await leaf(root, [], { mangle: overLongOuter }), root.pem);
  add(
    'leaf with an indefinite length',
    await leaf(root, [], { serialElement: Uint8Array.of(0x02, 0x80, 1, 0, 0) }),
    root.pem,
  );

  // ---- extensions Go parses strictly ----
  add(
    'duplicate extensions',
    await leaf(root, [extension(EXT.extKeyUsage, seq(oid(EXT.clientAuth)))]),
    root.pem,
  );
  add(
    'malformed authority information access',
    await leaf(root, [extension(EXT.authorityInfoAccess, seq(seq(smallInteger(1))))]),
    root.pem,
  );
  add(
    'well-formed authority information access',
    await leaf(root, [
      extension(
        EXT.authorityInfoAccess,
        seq(seq(oid('1.3.6.1.5.5.7.48.2'), uri('http://ca.example/ca.crt'))),
      ),
    ]),
    root.pem,
  );
  const aiaRoot = await ca('AIA Bad Root', [extension(EXT.authorityInfoAccess, seq(derNull()))]);
  add('root with malformed authority information access', await leaf(aiaRoot), aiaRoot.pem);
  add(
    'SAN dNSName with a non-ASCII byte',
    await leaf(root, [san(gn(0x82, Uint8Array.of(0x61, 0xe9)))]),
    root.pem,
  );
  add('SAN URI Go cannot parse', await leaf(root, [san(uri('http://a b/'))]), root.pem);
  add('SAN IP of length 5', await leaf(root, [san(ip(1, 2, 3, 4, 5))]), root.pem);
  add(
    'malformed certificate policies',
    await leaf(root, [extension('2.5.29.32', seq(smallInteger(1)))]),
    root.pem,
  );
  add(
    'malformed CRL distribution points',
    await leaf(root, [extension('2.5.29.31', seq(seq(tlv(0xa0, derNull()))))]),
    root.pem,
  );
  add(
    'basicConstraints with trailing junk',
    await leaf(root, [], {
      extensions: [
        extension(EXT.keyUsage, tlv(0x03, Uint8Array.of(7, 0x80)), true),
        extension(EXT.extKeyUsage, seq(oid(EXT.clientAuth))),
        extension(EXT.basicConstraints, concatBytes(seq(), derNull()), true),
      ],
    }),
    root.pem,
  );
  add(
    'keyUsage with no bits',
    await leaf(root, [], { extensions: [extension(EXT.keyUsage, tlv(0x03, Uint8Array.of(0)), true)] }),
    root.pem,
  );
  return cases;
}

/** Re-encodes the outer SEQUENCE's length with one more length octet than needed. */
function overLongOuter(der: Uint8Array): Uint8Array {
  const lenLen = der[1]! & 0x7f;
  return concatBytes(Uint8Array.of(0x30, 0x80 | (lenLen + 1), 0), der.subarray(2));
}
