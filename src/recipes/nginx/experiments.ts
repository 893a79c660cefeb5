// The curl experiments of lessons 4 and 5, with the outcome each lesson teaches. One table for
// three readers: the lessons print each command and its output from it, nginx-lab.sh runs each
// command and compares what it sees with `expected`, and the interop test checks both against a
// real nginx. Outcomes were observed with nginx 1.22.1, curl 7.88.1 and OpenSSL 3.0.

import type { Texts } from '../texts.ts';
import { HTTPS_HELLO, type NginxLabStep } from './config.ts';

/** Stands for client.pem's subject as nginx's $ssl_client_s_dn prints it (RFC 2253 order). */
export const CLIENT_DN = '{client_dn}';

/** The subject of the lessons' example client certificate (CN jane, O developers), RFC 2253 order. */
export const EXAMPLE_CLIENT_DN = 'CN=jane,O=developers';

export interface NginxExperiment {
  /** Stable id; nginx-lab.sh prints it. */
  id: string;
  step: NginxLabStep;
  /** What is tried, in a few words (in Korean, the heading of the Korean lesson's section). */
  title: Texts;
  /** curl's arguments after `curl -sS` and before the URL. */
  args: readonly string[];
  /** Default: 'https'. The plain-HTTP experiment uses 'http' against the same port. */
  scheme?: 'http' | 'https';
  /**
   * The outcome as nginx-lab.sh compares it: the title of nginx's error page, `200 <first line of
   * the body>`, or `curl exit <N>` (curl's message texts vary between versions; its exit codes don't).
   */
  expected: string;
  /** What the reader's terminal shows: curl's output, then its error message (if any). */
  output: string;
  /** The reason nginx logs at level info, without time, process and client. Default: none logged. */
  nginxLog?: string;
  /** Printed by nginx-lab.sh when the outcome differs: the likeliest cause. */
  hint: Texts;
}

/** The page nginx sends for a 400 (its 495, 496 and 497 pages) with `server_tokens off`. */
export function nginxErrorPage(reason: string): string {
  return [
    '<html>',
    `<head><title>400 ${reason}</title></head>`,
    '<body>',
    '<center><h1>400 Bad Request</h1></center>',
    `<center>${reason}</center>`,
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const PLAIN_HTTP = 'The plain HTTP request was sent to HTTPS port';
const NO_CERT = 'No required SSL certificate was sent';
const CERT_ERROR = 'The SSL certificate error';

/** What curl (7.88, Debian 12) prints when it cannot verify the server, after its first line `problem`. */
export function curlVerifyFailed(problem: string): string {
  return [
    problem,
    'More details here: https://curl.se/docs/sslcerts.html',
    '',
    'curl failed to verify the legitimacy of the server and therefore could not',
    'establish a secure connection to it. To learn more about this situation and',
    'how to fix it, please visit the web page mentioned above.',
    '',
  ].join('\n');
}

const CURL_60 = curlVerifyFailed(
  'curl: (60) SSL certificate problem: unable to get local issuer certificate',
);

const CLIENT = ['--cacert', 'rootCA.pem', '--cert', 'client.pem', '--key', 'client-key.pem'];

/** Every experiment, in the order the lessons (and nginx-lab.sh) run them. */
export const NGINX_EXPERIMENTS: readonly NginxExperiment[] = [
  {
    id: 'plain-http',
    step: 'https',
    title: {
      en: 'plain HTTP to the HTTPS port',
      ko: 'HTTPS 포트에 평문 HTTP로 요청하기',
    },
    args: [],
    scheme: 'http',
    expected: `400 ${PLAIN_HTTP}`,
    output: nginxErrorPage(PLAIN_HTTP),
    nginxLog: 'client sent plain HTTP request to HTTPS port',
    hint: {
      en: 'Is something other than the lab nginx listening on this port?',
      ko: '실습용 nginx가 아닌 다른 프로그램이 이 포트에서 연결을 받고 있지 않나요?',
    },
  },
  {
    id: 'no-ca',
    step: 'https',
    title: {
      en: 'HTTPS, but curl does not know your CA',
      ko: 'HTTPS로 요청하지만 curl이 여러분의 CA를 모를 때',
    },
    args: [],
    expected: 'curl exit 60',
    output: CURL_60,
    nginxLog:
      'SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::tlsv1 alert unknown ca:SSL alert number 48)',
    hint: {
      en: "Does this host's trust store already trust rootCA.pem (update-ca-certificates)?",
      ko: '이 호스트의 신뢰 저장소가 이미 rootCA.pem을 신뢰하고 있지 않나요(update-ca-certificates)?',
    },
  },
  {
    id: 'insecure',
    step: 'https',
    title: {
      en: 'HTTPS with -k: no check of the server at all',
      ko: '-k를 붙인 HTTPS: 아무것도 확인하지 않음',
    },
    args: ['-k'],
    expected: `200 ${HTTPS_HELLO}`,
    output: `${HTTPS_HELLO}\n`,
    hint: {
      en: 'Does curl reach the lab nginx, and is server-key.pem the key of server.pem?',
      ko: 'curl이 실습용 nginx에 접속하나요? server-key.pem이 server.pem의 개인 키인가요?',
    },
  },
  {
    id: 'cacert',
    step: 'https',
    title: {
      en: 'HTTPS with --cacert rootCA.pem: the server is checked',
      ko: '--cacert rootCA.pem을 붙인 HTTPS: 서버를 확인함',
    },
    args: ['--cacert', 'rootCA.pem'],
    expected: `200 ${HTTPS_HELLO}`,
    output: `${HTTPS_HELLO}\n`,
    hint: {
      en: 'Is server.pem signed by rootCA.pem, and is localhost one of its SANs? (openssl x509 -in server.pem -noout -ext subjectAltName)',
      ko: 'server.pem에 rootCA.pem의 CA가 서명했나요? localhost가 SAN에 들어 있나요? (openssl x509 -in server.pem -noout -ext subjectAltName)',
    },
  },
  {
    id: 'no-client-cert',
    step: 'mtls',
    title: {
      en: 'no client certificate',
      ko: '클라이언트 인증서 없음',
    },
    args: ['--cacert', 'rootCA.pem'],
    expected: `400 ${NO_CERT}`,
    output: nginxErrorPage(NO_CERT),
    nginxLog: 'client sent no required SSL certificate',
    hint: {
      en: 'Does default.conf say ssl_verify_client on?',
      ko: 'default.conf에 ssl_verify_client on이 있나요?',
    },
  },
  {
    id: 'client-cert',
    step: 'mtls',
    title: {
      en: 'your client certificate and its key',
      ko: '여러분의 클라이언트 인증서와 그 키',
    },
    args: CLIENT,
    expected: `200 hello, ${CLIENT_DN}`,
    output: `hello, ${CLIENT_DN}\nssl_client_verify: SUCCESS\n`,
    hint: {
      en: 'Is client.pem signed by rootCA.pem, still valid, and made for client auth (EKU clientAuth)?',
      ko: 'client.pem에 rootCA.pem의 CA가 서명했고, 유효 기간이 남아 있으며, 클라이언트 인증용(EKU clientAuth)으로 만들었나요?',
    },
  },
  {
    id: 'cert-without-key',
    step: 'mtls',
    title: {
      en: 'your client certificate without its key',
      ko: '키 없이 인증서만',
    },
    args: ['--cacert', 'rootCA.pem', '--cert', 'client.pem'],
    expected: 'curl exit 58',
    output: "curl: (58) unable to set private key file: 'client.pem' type PEM\n",
    nginxLog: 'client closed connection',
    hint: {
      en: 'Does client.pem contain the private key too? It should hold only the certificate.',
      ko: 'client.pem에 개인 키도 들어 있지 않나요? 이 파일에는 인증서만 있어야 합니다.',
    },
  },
  {
    id: 'other-ca',
    step: 'mtls',
    title: {
      en: 'a client certificate from another CA (same name)',
      ko: '다른 CA가 발급한 클라이언트 인증서(이름은 같음)',
    },
    args: ['--cacert', 'rootCA.pem', '--cert', 'other-client.pem', '--key', 'other-client-key.pem'],
    expected: `400 ${CERT_ERROR}`,
    output: nginxErrorPage(CERT_ERROR),
    nginxLog: 'client SSL certificate verify error: (21:unable to verify the first certificate)',
    hint: {
      en: 'Is other-client.pem really issued by another CA than rootCA.pem?',
      ko: 'other-client.pem을 정말 rootCA.pem과 다른 CA가 발급했나요?',
    },
  },
  {
    id: 'server-cert-as-client',
    step: 'mtls',
    title: {
      en: 'the server certificate used as a client certificate',
      ko: '서버 인증서를 클라이언트 인증서로 쓰기',
    },
    args: ['--cacert', 'rootCA.pem', '--cert', 'server.pem', '--key', 'server-key.pem'],
    expected: `400 ${CERT_ERROR}`,
    output: nginxErrorPage(CERT_ERROR),
    nginxLog: 'client SSL certificate verify error: (26:unsuitable certificate purpose)',
    hint: {
      en: 'Does server.pem allow client authentication too (EKU clientAuth)? Server certificates should have serverAuth only.',
      ko: 'server.pem이 클라이언트 인증(EKU clientAuth)도 허용하지 않나요? 서버 인증서에는 serverAuth만 있어야 합니다.',
    },
  },
];

export interface ExperimentCommandParams {
  /** Default: 'localhost' (a SAN of server.pem). */
  host?: string;
  /** Default: 8443. */
  port?: number | string;
}

/** The command the reader runs for one experiment. */
export function experimentCommand(experiment: NginxExperiment, params: ExperimentCommandParams = {}): string {
  const { host = 'localhost', port = 8443 } = params;
  const url = `${experiment.scheme ?? 'https'}://${host}:${port}/`;
  return ['curl', '-sS', ...experiment.args, url].join(' ');
}

/** Fills in the client's subject in an experiment's `expected` or `output`. */
export function withClientDn(text: string, clientDn: string = EXAMPLE_CLIENT_DN): string {
  return text.replaceAll(CLIENT_DN, clientDn);
}

/** The experiments of one lesson. */
export function experimentsOf(step: NginxLabStep): NginxExperiment[] {
  return NGINX_EXPERIMENTS.filter((e) => e.step === step);
}

/** The experiment with this id; throws when there is none (a typo in a lesson). */
export function experiment(id: string): NginxExperiment {
  const found = NGINX_EXPERIMENTS.find((e) => e.id === id);
  if (!found)
    throw new Error(`no nginx experiment '${id}'; known: ${NGINX_EXPERIMENTS.map((e) => e.id).join(', ')}`);
  return found;
}
