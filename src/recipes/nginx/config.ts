// The nginx `default.conf` for the two nginx labs. Lesson 4 serves HTTPS only; lesson 5 adds the
// client-certificate check. The defaults fit the official nginx image with the lab folder mounted
// at /etc/nginx/conf.d; nginx-lab.sh --local passes its own folder, port and log instead.

import { type TextTable, textsIn } from '../texts.ts';
import {
  CLIENT_DN_ANSWER,
  errorLogLine,
  NGINX_CONF_DIR,
  NGINX_ERROR_LOG,
  type NginxServerParams,
  plainAnswer,
  SERVER_TOKENS_OFF,
  serverCertificate,
  serverStart,
  verifyClient,
} from './server-block.ts';

/** Which lab: 'https' (lesson 4, TLS only) or 'mtls' (lesson 5, client certificates required). */
export type NginxLabStep = 'https' | 'mtls';

export const NGINX_LAB_STEPS: readonly NginxLabStep[] = ['https', 'mtls'];

/** certDir holds server.pem, server-key.pem and rootCA.pem; listen defaults to '443'. */
export interface NginxConfigParams extends NginxServerParams {
  step: NginxLabStep;
  /** server_name. Default: 'localhost' (the name curl asks for, and a SAN of server.pem). */
  serverName?: string;
}

/** The body nginx returns on success in lesson 4. */
export const HTTPS_HELLO = 'hello over HTTPS';

const TEXTS = {
  https: {
    en: '# default.conf, lesson 4: nginx serves HTTPS with your server certificate.',
    ko: '# default.conf, 4강: nginx가 여러분의 서버 인증서로 HTTPS를 제공합니다.',
  },
  mtls: {
    en: '# default.conf, lesson 5: nginx also demands a client certificate from your CA.',
    ko: '# default.conf, 5강: nginx가 여러분의 CA가 발급한 클라이언트 인증서도 요구합니다.',
  },
  verifyClient: {
    en: `    # Ask every client for a certificate, refuse the request without a valid one,
    # and trust only certificates issued by this CA.`,
    ko: `    # 모든 클라이언트에게 인증서를 요청하고, 유효한 인증서가 없는 요청은 거부하며,
    # 이 CA가 발급한 인증서만 신뢰합니다.`,
  },
  verifyDepth: {
    en: `    # ssl_verify_depth is 1 by default: enough for rootCA -> client.
    # Add 1 for each intermediate CA between them.`,
    ko: `    # ssl_verify_depth의 기본값은 1이며, rootCA -> client에는 이것으로 충분합니다.
    # 둘 사이에 중간 CA가 하나 있을 때마다 1씩 더하세요.`,
  },
  errorLog: {
    en: "    # nginx's error pages do not say why; the log does (at level info).",
    ko: '    # nginx의 오류 페이지는 이유를 알려 주지 않습니다. 이유는 로그(info 수준)에 남습니다.',
  },
  serverTokens: {
    en: '    # Error pages say "nginx" without the version.',
    ko: '    # 오류 페이지에는 버전 없이 "nginx"만 나옵니다.',
  },
} satisfies TextTable;

/** Returns the text of default.conf for one step of the lab. */
export function nginxConfig(params: NginxConfigParams): string {
  const {
    step,
    serverName = 'localhost',
    certDir = NGINX_CONF_DIR,
    listen = '443',
    errorLog = NGINX_ERROR_LOG,
    lang = 'en',
  } = params;
  const m = textsIn(TEXTS, lang);
  const lines = [
    m[step],
    ...serverStart(listen, serverName),
    '',
    ...serverCertificate(`${certDir}/server.pem`, `${certDir}/server-key.pem`),
  ];
  if (step === 'mtls') {
    lines.push('', m.verifyClient, ...verifyClient(`${certDir}/rootCA.pem`), m.verifyDepth);
  }
  lines.push(
    '',
    m.errorLog,
    errorLogLine(errorLog),
    m.serverTokens,
    SERVER_TOKENS_OFF,
    '',
    ...plainAnswer(step === 'https' ? `${HTTPS_HELLO}\\n` : CLIENT_DN_ANSWER),
  );
  return lines.join('\n');
}
