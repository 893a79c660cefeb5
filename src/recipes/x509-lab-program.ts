// Lesson 3's third recipe, "in your own code": make-lab-certs.mjs, a Node program that makes the lab
// set (rootCA, server, client: certificate and key each) with @peculiar/x509 from the reader's
// values, with the extensions src/pki/issue-certificate.ts writes, in its order: keyUsage (critical;
// CAs digitalSignature, keyCertSign, cRLSign; leaves digitalSignature, plus keyEncipherment for RSA),
// extKeyUsage (serverAuth or clientAuth), basicConstraints (critical), SKI, AKI (leaves), SAN (server).
// The same checks as the cfssl and openssl recipes refuse the same values with the same codes.
import type { Lang } from '../i18n/index.ts';
import {
  LAB_FILES,
  type LabCertificateParams,
  type RecipeCommand,
  type RecipeFile,
} from './recipe-command.ts';
import { checkLab } from './recipe-params.ts';
// Texts are read as TEXTS[name][lang], not with texts.ts's textsIn: importing it would split texts.ts
// into a chunk of its own, one more file every widget that loads recipes lists up front.
import type { TextTable } from './texts.ts';
import {
  jsLiteral,
  jsString,
  programHelpers,
  programPrelude,
  programRecipe,
  subjectValue,
} from './x509-program-parts.ts';

/** The program's file name. */
export const X509_LAB_PROGRAM = 'make-lab-certs.mjs';

const TEXTS = {
  header: {
    en: `// ${X509_LAB_PROGRAM}: makes the lab set of Kube Auth Lab (lesson 3) with @peculiar/x509 and Node's WebCrypto:
// a root CA, a server and a client certificate, each with its private key, the same six files as the
// workbench in the browser (${LAB_FILES.rootCa.certificate}, ${LAB_FILES.rootCa.key}, ${LAB_FILES.server.certificate}, ${LAB_FILES.server.key}, ${LAB_FILES.client.certificate}, ${LAB_FILES.client.key}).`,
    ko: `// ${X509_LAB_PROGRAM}: Kube Auth Lab 3강의 인증서 세트를 @peculiar/x509와 Node의 WebCrypto로 만든다.
// 루트 CA, 서버 인증서, 클라이언트 인증서와 각각의 개인 키로, 브라우저의 워크벤치가 만드는 것과 같은
// 파일 여섯 개다 (${LAB_FILES.rootCa.certificate}, ${LAB_FILES.rootCa.key}, ${LAB_FILES.server.certificate}, ${LAB_FILES.server.key}, ${LAB_FILES.client.certificate}, ${LAB_FILES.client.key}).`,
  },
  values: {
    en: '// Your values from the workbench (lifetimes in days).',
    ko: '// 워크벤치에 입력한 값 (유효 기간은 일 단위).',
  },
  serial: {
    en: '// A random positive 20-byte serial number, as cfssl makes them.',
    ko: '// cfssl처럼 20바이트 양수 난수로 일련번호를 만든다.',
  },
  validity: {
    en: '// Valid from now (whole seconds) for the given number of days.',
    ko: '// 지금(초 단위)부터 주어진 일수만큼 유효하다.',
  },
  ca: {
    en: '// The self-signed root CA: CA:TRUE, keyCertSign and cRLSign.',
    ko: '// 자체 서명 루트 CA: CA:TRUE, keyCertSign과 cRLSign.',
  },
  leaf: {
    en: '// A leaf signed by the root CA: CA:FALSE, one extended key usage, the CA’s key identifier.',
    ko: '// 루트 CA가 서명한 리프 인증서: CA:FALSE, 확장 키 용도 하나, CA의 키 식별자.',
  },
  server: {
    en: '// The server certificate: serverAuth, with the DNS names and IP addresses as SANs.',
    ko: '// 서버 인증서: serverAuth, DNS 이름과 IP 주소를 SAN으로 넣는다.',
  },
  client: {
    en: '// The client certificate: clientAuth. Kubernetes reads the user from CN and a group from each O.',
    ko: '// 클라이언트 인증서: clientAuth. 쿠버네티스는 CN에서 사용자를, O마다 그룹 하나를 읽는다.',
  },
  done: {
    en: 'Wrote',
    ko: '만든 파일:',
  },
} satisfies TextTable;

/** The text of make-lab-certs.mjs for the lab set `lab`, its comments in `lang`. */
export function x509LabProgram(lab: LabCertificateParams, lang: Lang = 'en'): string {
  const checked = checkLab(lab);
  const t = (name: keyof typeof TEXTS) => TEXTS[name][lang];
  const { rootCa, server, client } = LAB_FILES;

  const ca = checked.rootCa;
  const srv = checked.server;
  const cli = checked.client;
  const values = {
    rootCa: {
      subject: subjectValue(ca.subject),
      algorithm: ca.algorithm,
      days: ca.days,
      pathLength: ca.pathLength,
    },
    server: {
      subject: subjectValue(srv.subject),
      algorithm: srv.algorithm,
      days: srv.days,
      dnsNames: srv.dnsNames,
      ipAddresses: srv.ipAddresses,
    },
    client: { subject: subjectValue(cli.subject), algorithm: cli.algorithm, days: cli.days },
  };
  const written = [
    rootCa.certificate,
    rootCa.key,
    server.certificate,
    server.key,
    client.certificate,
    client.key,
  ];

  return `${t('header')}
${programPrelude(lang, X509_LAB_PROGRAM)}
${t('values')}
const LAB = ${jsLiteral(values)};

${programHelpers(lang, [ca.algorithm, srv.algorithm, cli.algorithm])}
${t('serial')}
function serialNumber() {
  const bytes = webcrypto.getRandomValues(new Uint8Array(20));
  bytes[0] = bytes[0] & 0x7f || 1;
  return Buffer.from(bytes).toString('hex');
}

${t('validity')}
function validity(days) {
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000) };
}

const { KeyUsageFlags: KU, ExtendedKeyUsage: EKU } = x509;

${t('ca')}
const caKeys = await newKeys(LAB.rootCa.algorithm);
const caName = subjectName(LAB.rootCa.subject);
const ca = await x509.X509CertificateGenerator.create({
  serialNumber: serialNumber(),
  subject: caName,
  issuer: caName,
  ...validity(LAB.rootCa.days),
  publicKey: caKeys.publicKey,
  signingKey: caKeys.privateKey,
  signingAlgorithm: SIGN[LAB.rootCa.algorithm],
  extensions: [
    new x509.KeyUsagesExtension(KU.digitalSignature | KU.keyCertSign | KU.cRLSign, true),
    new x509.BasicConstraintsExtension(true, LAB.rootCa.pathLength, true),
    await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
  ],
});
savePem(${jsString(rootCa.certificate)}, ca.toString('pem'));
savePem(${jsString(rootCa.key)}, await privateKeyPem(caKeys), true);

${t('leaf')}
async function issueLeaf(base, leaf, usage, sans) {
  const keys = await newKeys(leaf.algorithm);
  const extensions = [
    new x509.KeyUsagesExtension(
      leaf.algorithm.startsWith('RSA') ? KU.digitalSignature | KU.keyEncipherment : KU.digitalSignature,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([usage]),
    new x509.BasicConstraintsExtension(false, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    new x509.AuthorityKeyIdentifierExtension(ca.getExtension(x509.SubjectKeyIdentifierExtension).keyId),
  ];
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: subjectName(leaf.subject),
    issuer: ca.subjectName,
    ...validity(leaf.days),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGN[LAB.rootCa.algorithm],
    extensions,
  });
  savePem(\`\${base}.pem\`, cert.toString('pem'));
  savePem(\`\${base}-key.pem\`, await privateKeyPem(keys), true);
}

${t('server')}
await issueLeaf(${jsString(server.base)}, LAB.server, EKU.serverAuth, [
  ...LAB.server.dnsNames.map((value) => ({ type: 'dns', value })),
  ...LAB.server.ipAddresses.map((value) => ({ type: 'ip', value })),
]);
${t('client')}
await issueLeaf(${jsString(client.base)}, LAB.client, EKU.clientAuth, []);

console.log(${jsString(`${t('done')} ${written.join(', ')}`)});
`;
}

/** The recipe as the workbench shows it: the program to save, then the commands that run it. */
export function x509LabRecipe(
  lab: LabCertificateParams,
  lang: Lang = 'en',
): { file: RecipeFile; commands: RecipeCommand[] } {
  return programRecipe(X509_LAB_PROGRAM, x509LabProgram(lab, lang), {
    description: `Run the program: it writes the six files into this folder.`,
    step: 'program.run',
    vars: { file: X509_LAB_PROGRAM },
    command: `node ${X509_LAB_PROGRAM}`,
  });
}
