// Random and mutated input into every parser: whatever comes in, only LabError may come out, and
// nothing may hang. Deterministic (fixed seeds) and bounded (iterations and a time budget).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeIdentity,
  encodePem,
  importPrivateKeyPem,
  inspectCertificate,
  lintCertificate,
  parseCsr,
  parsePem,
  readCertificates,
} from '../../../src/pki/index.ts';
import { onlyLabErrors, prng } from '../../support/fuzz.ts';
import { labSet } from './lab.ts';
import { EC_SEC1_WITH_PARAMETERS_BLOCK, ODD_EXTENSIONS_CERT, RSA_PKCS1_KEY } from './openssl-fixtures.ts';

function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = bytes.slice();
  const kind = Math.floor(rnd() * 5);
  if (kind === 0) {
    for (let i = 0; i < 1 + rnd() * 4; i++)
      out[Math.floor(rnd() * out.length)]! ^= 1 << Math.floor(rnd() * 8);
    return out;
  }
  if (kind === 1) return out.subarray(0, Math.floor(rnd() * out.length));
  if (kind === 2) {
    out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
    return out;
  }
  if (kind === 3) {
    const i = Math.floor(rnd() * out.length);
    out[i] = [0x80, 0x81, 0x84, 0xff, 0x00, 0x1f][Math.floor(rnd() * 6)]!;
    return out;
  }
  const cut = Math.floor(rnd() * out.length);
  const extra = Uint8Array.from({ length: Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256));
  const joined = new Uint8Array(out.length + extra.length);
  joined.set(out.subarray(0, cut));
  joined.set(extra, cut);
  joined.set(out.subarray(cut), cut + extra.length);
  return joined;
}

function mutateText(text: string, rnd: () => number): string {
  const ops = [
    () => text.replace('BEGIN CERTIFICATE', 'BEGIN PRIVATE KEY'),
    () => text.replace(/END [A-Z ]+-----/, 'END X-----'),
    () => text.slice(0, Math.floor(rnd() * text.length)),
    () => {
      const i = Math.floor(rnd() * text.length);
      return text.slice(0, i) + '!@#$%^&*~'[Math.floor(rnd() * 9)] + text.slice(i + 1);
    },
    () => text.replace(/\n/g, () => (rnd() < 0.2 ? '\r\n  ' : '\n')),
    () => text.split('\n').reverse().join('\n'),
    () => text.replace(/[A-Za-z0-9+/]{4}/, '===='),
  ];
  return ops[Math.floor(rnd() * ops.length)]!();
}

const BUDGET_MS = 6000;

describe('fuzz: only LabError ever escapes', () => {
  test('random bytes and text into every parser', async () => {
    const rnd = prng(1);
    const started = Date.now();
    for (let i = 0; i < 1000 && Date.now() - started < BUDGET_MS / 3; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256));
      if (rnd() < 0.5) bytes[0] = 0x30;
      const text = new TextDecoder('latin1').decode(bytes);
      await onlyLabErrors(() => parsePem(text));
      await onlyLabErrors(() => readCertificates(bytes));
      await onlyLabErrors(() => inspectCertificate(bytes));
      await onlyLabErrors(() => parseCsr(bytes));
      await onlyLabErrors(() => importPrivateKeyPem(encodePem('PRIVATE KEY', bytes)));
      await onlyLabErrors(() => importPrivateKeyPem(encodePem('EC PRIVATE KEY', bytes)));
      await onlyLabErrors(() => importPrivateKeyPem(encodePem('RSA PRIVATE KEY', bytes)));
    }
  });

  test('mutated certificates, CSRs and keys (DER and PEM)', async () => {
    const set = await labSet('ECDSA-P256');
    const { createCsr } = await import('../../../src/pki/index.ts');
    const { csrPem } = await createCsr({
      subject: { commonName: 'f' },
      dnsNames: ['f.example'],
      algorithm: 'ECDSA-P256',
    });
    const certs = [set.server.certificatePem, set.clientViaIntermediate.certificatePem, ODD_EXTENSIONS_CERT];
    const certDer = certs.map((c) => parsePem(c)[0]!.der);
    const csrDer = parsePem(csrPem)[0]!.der;
    const keys = [set.client.privateKeyPem, RSA_PKCS1_KEY, EC_SEC1_WITH_PARAMETERS_BLOCK];
    const keyBlocks = keys.map((k) => parsePem(k).at(-1)!);
    const started = Date.now();
    let rounds = 0;
    for (const seed of [7, 42, 1234]) {
      const rnd = prng(seed);
      for (let i = 0; i < 400 && Date.now() - started < BUDGET_MS; i++, rounds++) {
        const der = mutate(certDer[i % certDer.length]!, rnd);
        await onlyLabErrors(() => inspectCertificate(der));
        await onlyLabErrors(() => describeIdentity(der));
        await onlyLabErrors(() => lintCertificate(der));
        await onlyLabErrors(() => readCertificates(mutateText(certs[i % certs.length]!, rnd)));
        await onlyLabErrors(() => parseCsr(mutate(csrDer, rnd)));
        await onlyLabErrors(() => parseCsr(mutateText(csrPem, rnd)));
        const kb = keyBlocks[i % keyBlocks.length]!;
        if (i % 3 === 0)
          await onlyLabErrors(() => importPrivateKeyPem(encodePem(kb.label, mutate(kb.der, rnd))));
        await onlyLabErrors(() => importPrivateKeyPem(mutateText(keys[i % keys.length]!, rnd)));
      }
    }
    assert.ok(rounds > 50, `ran ${rounds} rounds`);
  });
});
