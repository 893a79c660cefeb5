// The lines every default.conf of the labs shares (lessons 4 and 5, lesson 6's API server stand-in,
// part 5's proxy): where the nginx image has the mounted files and its log, the server's first
// lines, its certificate, the client-certificate check, the log, and the plain-text answer.

import type { Lang } from '../../i18n/index.ts';

/** What every lab default.conf takes: where its files are, what it listens on and logs to, its language. */
export interface NginxServerParams {
  /** The folder nginx reads the config's certificates and keys from. Default: NGINX_CONF_DIR. */
  certDir?: string;
  /** What follows `listen` (before ` ssl`). Each config has its own default, its container's port. */
  listen?: string;
  /** The server's error_log file. Default: NGINX_ERROR_LOG (the image sends it to docker logs). */
  errorLog?: string;
  /** The language of the comments. Default: 'en'. */
  lang?: Lang;
}

/** The folder the lab files are mounted at in the nginx image. */
export const NGINX_CONF_DIR = '/etc/nginx/conf.d';

/** The nginx image's error log (it sends it to docker logs). */
export const NGINX_ERROR_LOG = '/var/log/nginx/error.log';

/** The answer that names the client certificate nginx verified, as an nginx string. */
export const CLIENT_DN_ANSWER = 'hello, $ssl_client_s_dn\\nssl_client_verify: $ssl_client_verify\\n';

/** `server {` with its TLS listen and server_name. */
export function serverStart(listen: string, serverName: string): string[] {
  return ['server {', `    listen ${listen} ssl;`, `    server_name ${serverName};`];
}

/** The server's certificate and private key. */
export function serverCertificate(certificate: string, key: string): string[] {
  return [`    ssl_certificate     ${certificate};`, `    ssl_certificate_key ${key};`];
}

/** Every client must show a certificate issued by the CA of `caFile`. */
export function verifyClient(caFile: string): string[] {
  return ['    ssl_verify_client      on;', `    ssl_client_certificate ${caFile};`];
}

/** The error_log line (at level info, where nginx says why it refused a client). */
export function errorLogLine(file: string): string {
  return `    error_log ${file} info;`;
}

/** Error pages without nginx's version. */
export const SERVER_TOKENS_OFF = '    server_tokens off;';

/** `location /` answering 200 in plain text with `answer` (an nginx string), then the end of the server block. */
export function plainAnswer(answer: string): string[] {
  return [
    '    location / {',
    '        default_type text/plain;',
    `        return 200 "${answer}";`,
    '    }',
    '}',
    '',
  ];
}
