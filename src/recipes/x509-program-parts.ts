// The pieces the "in your own code" programs share (make-lab-certs.mjs for lesson 3, make-user-csr.mjs
// for lesson 7): Node programs that make with @peculiar/x509 and Node's WebCrypto what the browser
// makes with src/pki. They write what src/pki writes: the same key parameters and signature schemes
// (src/pki/key-algorithms.ts), names in Go's order (C, ST, L, each O, each OU, CN, one RDN per value)
// with a PrintableString where every character allows it (src/pki/encode-name.ts), 20-byte positive
// serials, PKCS#8 keys. String values are handed to @peculiar/x509 as { printableString } or
// { utf8String } objects: given as plain strings it would strip quotes and backslashes from them.
import type { Lang } from '../i18n/index.ts';
import type { KeyAlgorithm } from '../pki/types.ts';
import type { RecipeCommand, RecipeFile } from './recipe-command.ts';
import type { CheckedSubject } from './recipe-params.ts';
// Texts are read as TEXTS[name][lang], not with texts.ts's textsIn: importing it would split texts.ts
// into a chunk of its own, one more file every widget that loads recipes lists up front.
import type { TextTable } from './texts.ts';

/** What a reader installs before running a program (npm puts it in ./node_modules). */
export const X509_PROGRAM_INSTALL = 'npm install @peculiar/x509 reflect-metadata';

/** A program's recipe as its widget shows it: the program to save, then the install step and `run`, the step that runs it. */
export function programRecipe(
  name: string,
  content: string,
  run: RecipeCommand,
): { file: RecipeFile; commands: RecipeCommand[] } {
  return {
    file: { name, content },
    commands: [
      {
        description: 'Install @peculiar/x509 and reflect-metadata into ./node_modules.',
        step: 'program.install',
        command: X509_PROGRAM_INSTALL,
      },
      run,
    ],
  };
}

/** The WebCrypto key parameters and signature algorithm of each KeyAlgorithm, as JavaScript. */
const KEY_CODE: Record<KeyAlgorithm, { key: string; sign: string }> = {
  'RSA-2048': {
    key: "{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }",
    sign: "{ name: 'RSASSA-PKCS1-v1_5' }",
  },
  'RSA-3072': {
    key: "{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }",
    sign: "{ name: 'RSASSA-PKCS1-v1_5' }",
  },
  'RSA-4096': {
    key: "{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }",
    sign: "{ name: 'RSASSA-PKCS1-v1_5' }",
  },
  'ECDSA-P256': { key: "{ name: 'ECDSA', namedCurve: 'P-256' }", sign: "{ name: 'ECDSA', hash: 'SHA-256' }" },
  'ECDSA-P384': { key: "{ name: 'ECDSA', namedCurve: 'P-384' }", sign: "{ name: 'ECDSA', hash: 'SHA-384' }" },
  Ed25519: { key: "{ name: 'Ed25519' }", sign: "{ name: 'Ed25519' }" },
};

const TEXTS = {
  run: {
    en: '// Run it with Node.js 20 or later, in an empty folder:',
    ko: '// Node.js 20 이상으로, 빈 폴더에서 실행한다:',
  },
  algorithms: {
    en: '// How each key algorithm makes keys and signs (RSA: PKCS#1 v1.5 with SHA-256; ECDSA: the hash of the curve).',
    ko: '// 키 알고리즘마다 키를 만들고 서명하는 방법 (RSA: SHA-256과 PKCS#1 v1.5, ECDSA: 곡선에 맞는 해시).',
  },
  text: {
    en: '// A name value as a PrintableString when every character allows it, else UTF8String (as Go writes it).',
    ko: '// 이름 값은 모든 문자가 허용되면 PrintableString, 아니면 UTF8String으로 쓴다 (Go와 같다).',
  },
  name: {
    en: '// A subject in the order Go writes it: C, ST, L, each O, each OU, CN, one RDN per value.',
    ko: '// subject는 Go와 같은 순서로 쓴다: C, ST, L, O 하나하나, OU 하나하나, CN. 값마다 RDN 하나.',
  },
  keys: {
    en: '// A new key pair; the private key is exportable so that it can be saved.',
    ko: '// 새 키 쌍. 파일로 저장할 수 있도록 개인 키를 내보낼 수 있게 만든다.',
  },
  savePem: {
    en: '// Writes PEM text; a private key file is readable only by you (mode 600).',
    ko: '// PEM 텍스트를 쓴다. 개인 키 파일은 본인만 읽을 수 있다 (모드 600).',
  },
} satisfies TextTable;

/** `value` as a JavaScript literal: objects with bare keys, strings as JSON strings. */
export function jsLiteral(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return `[${value.map((v) => jsLiteral(v, indent)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}  `;
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${jsLiteral(v, inner)},`).join('\n')}\n${indent}}`;
  }
  return typeof value === 'string' ? jsString(value) : JSON.stringify(value);
}

/** A JavaScript string literal in single quotes. */
export function jsString(value: string): string {
  const inner = JSON.stringify(value)
    .slice(1, -1)
    .replace(/\\.|'/g, (m) => (m === '\\"' ? '"' : m === "'" ? "\\'" : m));
  return `'${inner}'`;
}

/** A checked subject as the programs' LAB values hold it (absent parts left out). */
export function subjectValue(s: CheckedSubject) {
  return {
    commonName: s.commonName,
    organizations: s.organizations,
    organizationalUnits: s.organizationalUnits.length > 0 ? s.organizationalUnits : undefined,
    country: s.country,
    state: s.state,
    locality: s.locality,
  };
}

/** The program's opening lines after its own header: how to run it, and its imports. */
export function programPrelude(lang: Lang, file: string): string {
  const t = (name: keyof typeof TEXTS) => TEXTS[name][lang];
  return `${t('run')}
//   ${X509_PROGRAM_INSTALL}
//   node ${file}
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);
const { subtle } = webcrypto;
`;
}

/** The helpers both programs use, with key tables for only the `algorithms` they need. */
export function programHelpers(lang: Lang, algorithms: readonly KeyAlgorithm[]): string {
  const t = (name: keyof typeof TEXTS) => TEXTS[name][lang];
  const used = [...new Set(algorithms)];
  const row = (a: KeyAlgorithm, part: 'key' | 'sign') => `  ${jsString(a)}: ${KEY_CODE[a][part]},`;
  return `${t('algorithms')}
const KEY = {
${used.map((a) => row(a, 'key')).join('\n')}
};
const SIGN = {
${used.map((a) => row(a, 'sign')).join('\n')}
};

${t('text')}
function text(value) {
  return /^[A-Za-z0-9 '()+,\\-./:=?]*$/.test(value) ? { printableString: value } : { utf8String: value };
}

${t('name')}
function subjectName(s) {
  const rdns = [];
  if (s.country) rdns.push({ C: [{ printableString: s.country }] });
  if (s.state) rdns.push({ ST: [text(s.state)] });
  if (s.locality) rdns.push({ L: [text(s.locality)] });
  for (const o of s.organizations ?? []) rdns.push({ O: [text(o)] });
  for (const ou of s.organizationalUnits ?? []) rdns.push({ OU: [text(ou)] });
  rdns.push({ CN: [text(s.commonName)] });
  return new x509.Name(rdns);
}

${t('keys')}
function newKeys(algorithm) {
  return subtle.generateKey(KEY[algorithm], true, ['sign', 'verify']);
}

${t('savePem')}
function savePem(file, pem, secret = false) {
  writeFileSync(file, \`\${pem.trimEnd()}\\n\`, { mode: secret ? 0o600 : 0o644 });
  if (secret) chmodSync(file, 0o600);
}

async function privateKeyPem(keys) {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
}
`;
}
