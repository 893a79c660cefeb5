// Lesson 6's return to the nginx lab: nginx serves the API server's own certificate and key, and
// trusts client certificates from the cluster CA, as kube-apiserver does with --tls-cert-file,
// --tls-private-key-file and --client-ca-file. curl must call the name `kubernetes` (a SAN of every
// kubeadm apiserver.crt), mapped to 127.0.0.1 in /etc/hosts, because `localhost` is not a SAN.
// Outcomes observed with nginx 1.22.1, curl 7.88.1 and OpenSSL 3.0 (tests/interop/cluster-nginx.test.ts).
import type { Lang } from '../../i18n/index.ts';
import { curlVerifyFailed, nginxErrorPage } from '../nginx/experiments.ts';
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
} from '../nginx/server-block.ts';
import { type TextTable, textsIn } from '../texts.ts';

/** The name curl calls: a DNS SAN of kubeadm's apiserver.crt. */
export const APISERVER_NAME = 'kubernetes';

/** The /etc/hosts line that sends the name `kubernetes` to this host. */
export const HOSTS_LINE = `127.0.0.1 ${APISERVER_NAME}`;

/** The subject of kubeadm's admin.conf certificate as nginx's $ssl_client_s_dn prints it. */
export const ADMIN_CLIENT_DN = 'CN=kubernetes-admin,O=kubeadm:cluster-admins';

/** Where nginx reads the files, what it listens on (default '443') and logs to. Defaults fit the nginx image. */
export type ApiserverNginxParams = NginxServerParams;

const TEXTS = {
  header: {
    en: "# default.conf, lesson 6: nginx with the API server's certificate, trusting the cluster CA.",
    ko: '# default.conf, 6강: API 서버의 인증서를 쓰고 클러스터 CA를 신뢰하는 nginx입니다.',
  },
  serving: {
    en: "    # kube-apiserver's --tls-cert-file and --tls-private-key-file.",
    ko: '    # kube-apiserver의 --tls-cert-file과 --tls-private-key-file에 해당합니다.',
  },
  clientCa: {
    en: "    # kube-apiserver's --client-ca-file: client certificates must come from the cluster CA.",
    ko: '    # kube-apiserver의 --client-ca-file에 해당합니다: 클라이언트 인증서는 클러스터 CA가 발급한 것이어야 합니다.',
  },
} satisfies TextTable;

/** The default.conf of lesson 6. */
export function apiserverNginxConfig(params: ApiserverNginxParams = {}): string {
  const { certDir = NGINX_CONF_DIR, listen = '443', errorLog = NGINX_ERROR_LOG, lang = 'en' } = params;
  const m = textsIn(TEXTS, lang);
  return [
    m.header,
    ...serverStart(listen, APISERVER_NAME),
    '',
    m.serving,
    ...serverCertificate(`${certDir}/apiserver.crt`, `${certDir}/apiserver.key`),
    '',
    m.clientCa,
    ...verifyClient(`${certDir}/ca.crt`),
    '',
    errorLogLine(errorLog),
    SERVER_TOKENS_OFF,
    '',
    ...plainAnswer(CLIENT_DN_ANSWER),
  ].join('\n');
}

/** The command that writes lesson 6's default.conf into the current folder (a quoted heredoc). */
export function writeApiserverConfCommand(lang: Lang = 'en'): string {
  return `cat > default.conf <<'EOF'\n${apiserverNginxConfig({ lang })}EOF\n`;
}

/** Adds `127.0.0.1 kubernetes` to /etc/hosts unless it is there already (safe to run twice). */
export function hostsEntryCommand(): string {
  return `grep -qx '${HOSTS_LINE}' /etc/hosts || echo '${HOSTS_LINE}' | sudo tee -a /etc/hosts\n`;
}

/** Removes the line hostsEntryCommand added. */
export function hostsCleanupCommand(): string {
  return `sudo sed -i '/^${HOSTS_LINE.replaceAll('.', '\\.')}$/d' /etc/hosts\n`;
}

/** One curl call of lesson 6 and what it shows. */
export interface ApiserverExperiment {
  id: 'localhost' | 'no-client-cert' | 'admin-cert';
  /** curl's arguments after `curl -sS`, the URL last. */
  args: readonly string[];
  /** What the reader's terminal shows (curl 7.88.1). */
  output: string;
  /** curl's exit status. */
  exit: number;
}

const CURL_60_LOCALHOST = curlVerifyFailed(
  "curl: (60) SSL: no alternative certificate subject name matches target host name 'localhost'",
);

/** The three curl calls against nginx on port `port` (default 8443). */
export function apiserverExperiments(port: number | string = 8443): ApiserverExperiment[] {
  const url = (host: string) => `https://${host}:${port}/`;
  return [
    {
      id: 'localhost',
      args: ['--cacert', 'ca.crt', url('localhost')],
      output: CURL_60_LOCALHOST,
      exit: 60,
    },
    {
      id: 'no-client-cert',
      args: ['--cacert', 'ca.crt', url(APISERVER_NAME)],
      output: nginxErrorPage('No required SSL certificate was sent'),
      exit: 0,
    },
    {
      id: 'admin-cert',
      args: ['--cacert', 'ca.crt', '--cert', 'admin.crt', '--key', 'admin.key', url(APISERVER_NAME)],
      output: `hello, ${ADMIN_CLIENT_DN}\nssl_client_verify: SUCCESS\n`,
      exit: 0,
    },
  ];
}

/** The experiment with this id. */
export function apiserverExperiment(id: ApiserverExperiment['id']): ApiserverExperiment {
  const found = apiserverExperiments().find((e) => e.id === id);
  if (!found) throw new Error(`no experiment ${id}`);
  return found;
}

/** The command line of an experiment, as printed in the lesson. */
export function apiserverExperimentCommand(e: ApiserverExperiment): string {
  return `curl -sS ${e.args.join(' ')}\n`;
}

/** On the control-plane node: the same request to the real API server, name pinned to 127.0.0.1. */
export function realApiserverCommand(): string {
  return `curl -sS --cacert ca.crt --cert admin.crt --key admin.key --resolve ${APISERVER_NAME}:6443:127.0.0.1 https://${APISERVER_NAME}:6443/api\n`;
}
