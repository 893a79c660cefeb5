// The nginx configuration of Part 5's authenticating proxy: nginx authenticates the reader (their
// part-1 client certificate, ssl_verify_client; or HTTP basic auth against a {SSHA} password file)
// and proxies to kube-apiserver over TLS with the front proxy's client certificate
// (proxy_ssl_certificate/_key), checking the API server's certificate against the cluster CA
// (proxy_ssl_trusted_certificate, proxy_ssl_verify on, proxy_ssl_name). It sets X-Remote-User and
// X-Remote-Group from what it verified. nginx passes every request header it does not set on to the
// upstream (proxy_pass_request_headers on), and X-Remote-Extra-* is a prefix no
// proxy_set_header can name, so the safe config stops passing the client's headers at all
// (proxy_pass_request_headers off) and sets only the few kubectl needs: nothing the client wrote
// under X-Remote-* or Impersonate-* reaches the API server. The pitfall switch
// (trustClientIdentity) is the mistake the lessons show: the client's headers pass, and a client
// that sends its own X-Remote-User is believed.
// nginx writes $ssl_client_s_dn in RFC 2253 order (the last RDN first), so the certificate's first
// O is the last O= of the string; values with an escaped ',' are not read (the maps stop at ',').
import { LabError } from '../../pki/index.ts';
import {
  errorLogLine,
  NGINX_CONF_DIR,
  NGINX_ERROR_LOG,
  type NginxServerParams,
  SERVER_TOKENS_OFF,
  serverCertificate,
  serverStart,
  verifyClient,
} from '../nginx/server-block.ts';
import { type TextTable, textsIn } from '../texts.ts';
import type { ProxyBasicUser } from './htpasswd.ts';

/** How nginx authenticates the reader. */
export type ProxyAuthMode = 'certificate' | 'basic';

export const PROXY_AUTH_MODES: readonly ProxyAuthMode[] = ['certificate', 'basic'];

/** The files the config names, in certDir. */
export const PROXY_FILES = {
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCa: 'rootCA.pem',
  htpasswd: 'htpasswd',
  proxyCert: 'front-proxy-client.pem',
  proxyKey: 'front-proxy-client-key.pem',
  clusterCa: 'cluster-ca.pem',
} as const;

/** certDir holds the files of PROXY_FILES; listen defaults to '8443'. */
export interface ProxyConfigParams extends NginxServerParams {
  mode: ProxyAuthMode;
  /** The API server, as proxy_pass takes it. Default: 'https://127.0.0.1:6443'. */
  apiServer?: string;
  /** The name the API server's certificate is checked for (proxy_ssl_name). Default: 'kubernetes' (a SAN of kubeadm's apiserver.crt). */
  apiServerName?: string;
  /** The basic-auth users, for their groups (mode basic). Default: none. */
  users?: readonly ProxyBasicUser[];
  /** How many O values of a client certificate become groups (mode certificate). Default: 3. */
  certificateGroups?: number;
  /** The pitfall: pass the client's headers, and believe its own X-Remote-User. Default: false. */
  trustClientIdentity?: boolean;
  /** server_name. Default: 'localhost'. */
  serverName?: string;
}

const TEXTS = {
  header: {
    en: '# default.conf, part 5: nginx as an authenticating proxy in front of kube-apiserver.',
    ko: '# default.conf, 5부: kube-apiserver 앞에서 사용자를 인증하는 프록시로 동작하는 nginx.',
  },
  pitfall: {
    en: "# PITFALL (for the lesson only): this proxy passes the client's own headers and believes its X-Remote-User.",
    ko: '# 함정(강의용): 이 프록시는 클라이언트가 보낸 헤더를 그대로 넘기고, 클라이언트의 X-Remote-User를 믿습니다.',
  },
  userMap: {
    en: '# The user nginx verified: the CN of the client certificate.',
    ko: '# nginx가 확인한 사용자: 클라이언트 인증서의 CN.',
  },
  groupMap: {
    en: "# Its groups: the certificate's O values, first to last ($ssl_client_s_dn lists them last first).",
    ko: '# 그룹: 인증서의 O 값을 순서대로($ssl_client_s_dn에는 마지막 것이 먼저 나옵니다).',
  },
  basicGroups: {
    en: '# The groups of each basic-auth user.',
    ko: '# basic 인증 사용자별 그룹.',
  },
  trustMap: {
    en: '# PITFALL: a client that sends X-Remote-User gets that user.',
    ko: '# 함정: X-Remote-User를 보낸 클라이언트는 그 사용자가 됩니다.',
  },
  verifyClient: {
    en: '    # Only clients with a certificate from your CA get in.',
    ko: '    # 여러분의 CA가 발급한 인증서가 있는 클라이언트만 들어옵니다.',
  },
  basic: {
    en: '    # Only users of the password file get in ({SSHA} lines, written in the browser).',
    ko: '    # 비밀번호 파일에 있는 사용자만 들어옵니다(브라우저에서 만든 {SSHA} 줄).',
  },
  upstream: {
    en: `        # To kube-apiserver over TLS: its certificate checked against the cluster CA, and the
        # front proxy's own client certificate, whose CN is in --requestheader-allowed-names.`,
    ko: `        # kube-apiserver까지 TLS로 갑니다. 서버 인증서는 클러스터 CA로 확인하고, 프록시 자신의
        # 클라이언트 인증서(CN이 --requestheader-allowed-names에 있는 것)를 보냅니다.`,
  },
  dropHeaders: {
    en: `        # None of the client's headers pass (nginx would pass every one it does not set, and
        # X-Remote-Extra-* is a prefix proxy_set_header cannot name): only what kubectl needs.`,
    ko: `        # 클라이언트의 헤더는 하나도 넘기지 않습니다(nginx는 직접 설정하지 않은 헤더를 모두 넘기고,
        # X-Remote-Extra-*는 proxy_set_header로 이름을 댈 수 없는 접두사입니다). kubectl에 필요한 것만 보냅니다.`,
  },
  identity: {
    en: '        # The identity nginx verified, the only one the API server hears.',
    ko: '        # nginx가 확인한 신원. API 서버가 듣는 유일한 신원입니다.',
  },
  pitfallHeaders: {
    en: "        # PITFALL: nginx's default passes the client's X-Remote-Group, X-Remote-Extra-* and Impersonate-* too.",
    ko: '        # 함정: nginx 기본값대로 클라이언트의 다른 헤더(X-Remote-Extra-*, Impersonate-*)도 넘어갑니다.',
  },
} satisfies TextTable;

const NAME_VALUE = /^[^\s;{}'"\\$]+$/;

function safe(value: string, what: string): string {
  if (!NAME_VALUE.test(value))
    throw new LabError(
      'proxy/unsafe-value',
      `${what} “${value}” cannot go into nginx's config: no spaces, quotes, ';', '{', '}', '$' or '\\'`,
      {
        value,
        field: what,
      },
    );
  return value;
}

/** The regex of a map that captures the n-th O of the certificate (1 = first) from $ssl_client_s_dn. */
function nthOrganization(n: number): string {
  const attr = '[^,=]+=[^,]*';
  const after = `(?:,(?!O=)${attr})*`;
  return `"~(?:^|,)O=(?<g>[^,]+)${after}${`,O=[^,]+${after}`.repeat(n - 1)}$"`;
}

/** Returns default.conf for the proxy. */
export function proxyConfig(p: ProxyConfigParams): string {
  const {
    mode,
    apiServer = 'https://127.0.0.1:6443',
    apiServerName = 'kubernetes',
    users = [],
    certificateGroups = 3,
    trustClientIdentity = false,
    serverName = 'localhost',
    certDir = NGINX_CONF_DIR,
    listen = '8443',
    errorLog = NGINX_ERROR_LOG,
    lang = 'en',
  } = p;
  const m = textsIn(TEXTS, lang);
  if (!/^https:\/\/[^\s;{}'"\\$]+$/.test(apiServer))
    throw new LabError('proxy/bad-api-server', `The API server “${apiServer}” must be an https:// URL`, {
      value: apiServer,
    });
  safe(apiServerName, 'proxy_ssl_name');
  safe(serverName, 'server_name');
  safe(certDir, 'certDir');
  const f = (name: keyof typeof PROXY_FILES) => `${certDir}/${PROXY_FILES[name]}`;
  const groupVars: string[] = [];
  const out: string[] = [m.header];
  if (trustClientIdentity) out.push(m.pitfall);
  out.push('');
  if (mode === 'certificate') {
    out.push(
      m.userMap,
      'map $ssl_client_s_dn $verified_user {',
      '    default "";',
      '    "~(?:^|,)CN=(?<cn>[^,]+)" $cn;',
      '}',
    );
    out.push(m.groupMap);
    for (let n = 1; n <= certificateGroups; n++) {
      out.push(
        `map $ssl_client_s_dn $verified_group_${n} {`,
        '    default "";',
        `    ${nthOrganization(n)} $g;`,
        '}',
      );
      groupVars.push(`$verified_group_${n}`);
    }
  } else {
    out.push('map $remote_user $verified_user {', '    default $remote_user;', '}');
    const most = Math.max(0, ...users.map((u) => u.groups?.length ?? 0));
    if (most) out.push(m.basicGroups);
    for (let n = 1; n <= most; n++) {
      out.push(`map $remote_user $verified_group_${n} {`, '    default "";');
      for (const u of users) {
        const g = u.groups?.[n - 1];
        if (g) out.push(`    ${safe(u.name, 'user')} ${safe(g, 'group')};`);
      }
      out.push('}');
      groupVars.push(`$verified_group_${n}`);
    }
  }
  let userVar = '$verified_user';
  if (trustClientIdentity) {
    out.push(
      m.trustMap,
      'map $http_x_remote_user $proxy_user {',
      '    default $http_x_remote_user;',
      '    "" $verified_user;',
      '}',
    );
    userVar = '$proxy_user';
  }
  out.push(
    '',
    ...serverStart(listen, serverName),
    ...serverCertificate(f('serverCert'), f('serverKey')),
    errorLogLine(errorLog),
    SERVER_TOKENS_OFF,
    '',
  );
  if (mode === 'certificate') out.push(m.verifyClient, ...verifyClient(f('clientCa')));
  else
    out.push(
      m.basic,
      '    auth_basic           "Kube Auth Lab proxy";',
      `    auth_basic_user_file ${f('htpasswd')};`,
    );
  out.push(
    '',
    '    location / {',
    `        proxy_pass ${apiServer};`,
    m.upstream,
    `        proxy_ssl_certificate         ${f('proxyCert')};`,
    `        proxy_ssl_certificate_key     ${f('proxyKey')};`,
    `        proxy_ssl_trusted_certificate ${f('clusterCa')};`,
    '        proxy_ssl_verify              on;',
    `        proxy_ssl_name                ${apiServerName};`,
    '        proxy_ssl_server_name         on;',
    '',
  );
  if (trustClientIdentity) out.push(m.pitfallHeaders);
  else
    out.push(
      m.dropHeaders,
      '        proxy_pass_request_headers off;',
      '        proxy_set_header Accept       $http_accept;',
      '        proxy_set_header Content-Type $http_content_type;',
      '        proxy_set_header User-Agent   $http_user_agent;',
    );
  out.push(m.identity, `        proxy_set_header X-Remote-User  ${userVar};`);
  for (const g of groupVars) out.push(`        proxy_set_header X-Remote-Group ${g};`);
  out.push('    }', '}', '');
  return out.join('\n');
}
