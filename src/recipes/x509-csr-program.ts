// Lesson 7's "in your own code": make-user-csr.mjs, a Node program that makes a new user's private key
// and certificate signing request with @peculiar/x509, as the CSR builder does in the browser
// (src/pki/create-csr.ts): CN = the user, each O = a group, in Go's order, no extensions; the files
// are named as the builder names them (jane-key.pem, jane.csr).
import type { Lang } from '../i18n/index.ts';
import type { KeyAlgorithm } from '../pki/types.ts';
import { csrObjectName, userFiles } from './cluster/user-names.ts';
import type { RecipeCommand, RecipeFile } from './recipe-command.ts';
import { checkAlgorithm, checkSubject } from './recipe-params.ts';
// Texts are read as TEXTS[name][lang], not with texts.ts's textsIn: importing it would split texts.ts
// into a chunk of its own, one more file every widget that loads recipes lists up front.
import type { TextTable } from './texts.ts';
import {
  jsLiteral,
  programHelpers,
  programPrelude,
  programRecipe,
  subjectValue,
} from './x509-program-parts.ts';

/** The program's file name. */
export const X509_CSR_PROGRAM = 'make-user-csr.mjs';

/** What the CSR program is made from: the builder's inputs. */
export interface CsrProgramParams {
  /** The Kubernetes user name (CN). */
  user: string;
  /** The groups (one O each), in order. Default: none. */
  groups?: string[];
  /** Default: RSA-2048. */
  algorithm?: KeyAlgorithm;
}

const TEXTS = {
  header: {
    en: `// ${X509_CSR_PROGRAM}: makes a new Kubernetes user's private key and certificate signing request
// (Kube Auth Lab, lesson 7) with @peculiar/x509 and Node's WebCrypto, as the CSR builder does in the browser.`,
    ko: `// ${X509_CSR_PROGRAM}: 쿠버네티스 새 사용자의 개인 키와 인증서 서명 요청(CSR)을 @peculiar/x509와
// Node의 WebCrypto로 만든다 (Kube Auth Lab 7강). 브라우저의 CSR 빌더가 만드는 것과 같다.`,
  },
  values: {
    en: '// Your values from the CSR builder: CN = the user, each O = a group.',
    ko: '// CSR 빌더에 입력한 값: CN = 사용자, O 하나 = 그룹 하나.',
  },
  csr: {
    en: '// The key pair and the CSR, signed with the new private key.',
    ko: '// 키 쌍과 CSR. CSR은 새 개인 키로 서명한다.',
  },
  done: {
    en: 'Wrote',
    ko: '만든 파일:',
  },
} satisfies TextTable;

/** The text of make-user-csr.mjs for `params`, its comments in `lang`. */
export function x509CsrProgram(params: CsrProgramParams, lang: Lang = 'en'): string {
  const subject = checkSubject('subject', { commonName: params.user, organizations: params.groups ?? [] });
  const algorithm = checkAlgorithm('algorithm', params.algorithm);
  const files = userFiles(csrObjectName(params.user));
  const t = (name: keyof typeof TEXTS) => TEXTS[name][lang];
  const values = { subject: subjectValue(subject), algorithm, keyFile: files.key, csrFile: files.csr };
  return `${t('header')}
${programPrelude(lang, X509_CSR_PROGRAM)}
${t('values')}
const USER = ${jsLiteral(values)};

${programHelpers(lang, [algorithm])}
${t('csr')}
const keys = await newKeys(USER.algorithm);
const csr = await x509.Pkcs10CertificateRequestGenerator.create({
  name: subjectName(USER.subject),
  keys,
  signingAlgorithm: SIGN[USER.algorithm],
});
savePem(USER.keyFile, await privateKeyPem(keys), true);
savePem(USER.csrFile, csr.toString('pem'));

console.log(\`${t('done')} \${USER.keyFile}, \${USER.csrFile}\`);
`;
}

/** The recipe as the CSR builder shows it: the program to save, then the commands that run it. */
export function x509CsrRecipe(
  params: CsrProgramParams,
  lang: Lang = 'en',
): { file: RecipeFile; commands: RecipeCommand[] } {
  const files = userFiles(csrObjectName(params.user));
  return programRecipe(X509_CSR_PROGRAM, x509CsrProgram(params, lang), {
    description: `Run the program: it writes ${files.key} and ${files.csr} into this folder.`,
    step: 'program.runCsr',
    vars: { file: X509_CSR_PROGRAM, key: files.key, csr: files.csr },
    command: `node ${X509_CSR_PROGRAM}`,
  });
}
