// The curl experiments of lessons 4 and 5, with the outcome each lesson teaches. One table for
// three readers: the lessons print each command and its output from it, nginx-lab.sh runs each
// command and compares what it sees with `expected`, and the interop test checks both against a
// real nginx. Outcomes were observed with nginx 1.22.1, curl 7.88.1 and OpenSSL 3.0.

import { HTTPS_HELLO, type NginxLabStep } from './config.ts';

/** Stands for client.pem's subject as nginx's $ssl_client_s_dn prints it (RFC 2253 order). */
export const CLIENT_DN = '{client_dn}';

/** The subject of the lessons' example client certificate (CN jane, O developers), RFC 2253 order. */
export const EXAMPLE_CLIENT_DN = 'CN=jane,O=developers';

export interface NginxExperiment {
  /** Stable id; nginx-lab.sh prints it. */
  id: string;
  step: NginxLabStep;
  /** What is tried, in a few words. */
  title: string;
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
  hint: string;
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

const CURL_60 = [
  'curl: (60) SSL certificate problem: unable to get local issuer certificate',
  'More details here: https://curl.se/docs/sslcerts.html',
  '',
  'curl failed to verify the legitimacy of the server and therefore could not',
  'establish a secure connection to it. To learn more about this situation and',
  'how to fix it, please visit the web page mentioned above.',
  '',
].join('\n');

const CLIENT = ['--cacert', 'rootCA.pem', '--cert', 'client.pem', '--key', 'client-key.pem'];

/** Every experiment, in the order the lessons (and nginx-lab.sh) run them. */
export const NGINX_EXPERIMENTS: readonly NginxExperiment[] = [
  {
    id: 'plain-http',
    step: 'https',
    title: 'plain HTTP to the HTTPS port',
    args: [],
    scheme: 'http',
    expected: `400 ${PLAIN_HTTP}`,
    output: nginxErrorPage(PLAIN_HTTP),
    nginxLog: 'client sent plain HTTP request to HTTPS port',
    hint: 'Is something other than the lab nginx listening on this port?',
  },
  {
    id: 'no-ca',
    step: 'https',
    title: 'HTTPS, but curl does not know your CA',
    args: [],
    expected: 'curl exit 60',
    output: CURL_60,
    nginxLog:
      'SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::tlsv1 alert unknown ca:SSL alert number 48)',
    hint: "Does this host's trust store already trust rootCA.pem (update-ca-certificates)?",
  },
  {
    id: 'insecure',
    step: 'https',
    title: 'HTTPS with -k: no check of the server at all',
    args: ['-k'],
    expected: `200 ${HTTPS_HELLO}`,
    output: `${HTTPS_HELLO}\n`,
    hint: 'Does curl reach the lab nginx, and is server-key.pem the key of server.pem?',
  },
  {
    id: 'cacert',
    step: 'https',
    title: 'HTTPS with --cacert rootCA.pem: the server is checked',
    args: ['--cacert', 'rootCA.pem'],
    expected: `200 ${HTTPS_HELLO}`,
    output: `${HTTPS_HELLO}\n`,
    hint: 'Is server.pem signed by rootCA.pem, and is localhost one of its SANs? (openssl x509 -in server.pem -noout -ext subjectAltName)',
  },
  {
    id: 'no-client-cert',
    step: 'mtls',
    title: 'no client certificate',
    args: ['--cacert', 'rootCA.pem'],
    expected: `400 ${NO_CERT}`,
    output: nginxErrorPage(NO_CERT),
    nginxLog: 'client sent no required SSL certificate',
    hint: 'Does default.conf say ssl_verify_client on?',
  },
  {
    id: 'client-cert',
    step: 'mtls',
    title: 'your client certificate and its key',
    args: CLIENT,
    expected: `200 hello, ${CLIENT_DN}`,
    output: `hello, ${CLIENT_DN}\nssl_client_verify: SUCCESS\n`,
    hint: 'Is client.pem signed by rootCA.pem, still valid, and made for client auth (EKU clientAuth)?',
  },
  {
    id: 'cert-without-key',
    step: 'mtls',
    title: 'your client certificate without its key',
    args: ['--cacert', 'rootCA.pem', '--cert', 'client.pem'],
    expected: 'curl exit 58',
    output: "curl: (58) unable to set private key file: 'client.pem' type PEM\n",
    nginxLog: 'client closed connection',
    hint: 'Does client.pem contain the private key too? It should hold only the certificate.',
  },
  {
    id: 'other-ca',
    step: 'mtls',
    title: 'a client certificate from another CA (same name)',
    args: ['--cacert', 'rootCA.pem', '--cert', 'other-client.pem', '--key', 'other-client-key.pem'],
    expected: `400 ${CERT_ERROR}`,
    output: nginxErrorPage(CERT_ERROR),
    nginxLog: 'client SSL certificate verify error: (21:unable to verify the first certificate)',
    hint: 'Is other-client.pem really issued by another CA than rootCA.pem?',
  },
  {
    id: 'server-cert-as-client',
    step: 'mtls',
    title: 'the server certificate used as a client certificate',
    args: ['--cacert', 'rootCA.pem', '--cert', 'server.pem', '--key', 'server-key.pem'],
    expected: `400 ${CERT_ERROR}`,
    output: nginxErrorPage(CERT_ERROR),
    nginxLog: 'client SSL certificate verify error: (26:unsuitable certificate purpose)',
    hint: 'Does server.pem allow client authentication too (EKU clientAuth)? Server certificates should have serverAuth only.',
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
