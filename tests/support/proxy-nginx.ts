// Part 5's lab for the tests that run it for real: the certificates the proxy lessons name, made by
// the site's engine (a cluster CA and the API server's certificate, part 1's CA with its server and
// client certificates, the front-proxy CA and nginx's client certificate), and this host's nginx run
// in the foreground in a folder of its own in front of the kube-apiserver stand-in.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import {
  type IssuedCertificate,
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
  issueServerCertificate,
} from '../../src/pki/index.ts';
import type { KeyAlgorithm, SubjectParams } from '../../src/pki/types.ts';
import { hasTool } from './tools.ts';

/** The nginx binary: on PATH, else Debian's. */
export const nginxBin = hasTool('nginx') ? 'nginx' : '/usr/sbin/nginx';

/** kubeadm's --requestheader-* flags but the CA file (which the test's folder holds). */
export const KUBEADM_REQUESTHEADER_FLAGS = {
  'requestheader-allowed-names': 'front-proxy-client',
  'requestheader-username-headers': 'X-Remote-User',
  'requestheader-group-headers': 'X-Remote-Group',
  'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
};

export interface ProxyLabCertificateOptions {
  /** Every key's. Default: the engine's default. */
  algorithm?: KeyAlgorithm;
  /** The API server certificate's DNS names (it also has 127.0.0.1). Default: localhost. */
  apiServerDnsNames?: string[];
  /** Part 1's CA (rootCA.pem). Default: CN=Kube Auth Lab CA. */
  caSubject?: SubjectParams;
  /** The IP addresses of nginx's server certificate for localhost. Default: none. */
  serverIpAddresses?: string[];
  /** The client certificate's subject. Default: CN=jane, O=developers. */
  clientSubject?: SubjectParams;
}

export interface ProxyLabCertificates {
  userCa: IssuedCertificate;
  client: IssuedCertificate;
  proxyCa: IssuedCertificate;
  proxyClient: IssuedCertificate;
  /** The files by the names the lessons use: apiserver.pem and -key, cluster-ca.pem, rootCA.pem, server.pem and -key, client.pem and -key, front-proxy-ca.pem and -key, front-proxy-client.pem and -key. */
  files: Record<string, string>;
}

/** Issues part 5's certificates with the engine (none is written; see `files`). */
export async function issueProxyLabCertificates(
  opts: ProxyLabCertificateOptions = {},
): Promise<ProxyLabCertificates> {
  const alg = opts.algorithm ? { algorithm: opts.algorithm } : {};
  const cluster = await issueRootCa({ subject: { commonName: 'kubernetes' }, ...alg });
  const apiserver = await issueServerCertificate(
    {
      subject: { commonName: 'kube-apiserver' },
      dnsNames: opts.apiServerDnsNames ?? ['localhost'],
      ipAddresses: ['127.0.0.1'],
      ...alg,
    },
    cluster,
  );
  const userCa = await issueRootCa({ subject: opts.caSubject ?? { commonName: 'Kube Auth Lab CA' }, ...alg });
  const server = await issueServerCertificate(
    {
      subject: { commonName: 'localhost' },
      dnsNames: ['localhost'],
      ...(opts.serverIpAddresses ? { ipAddresses: opts.serverIpAddresses } : {}),
      ...alg,
    },
    userCa,
  );
  const client = await issueClientCertificate(
    { subject: opts.clientSubject ?? { commonName: 'jane', organizations: ['developers'] }, ...alg },
    userCa,
  );
  const proxyCa = await issueFrontProxyCa({ ...alg });
  const proxyClient = await issueFrontProxyClientCertificate({ ...alg }, proxyCa);
  const files = {
    'apiserver.pem': apiserver.certificatePem,
    'apiserver-key.pem': apiserver.privateKeyPem,
    'cluster-ca.pem': cluster.certificatePem,
    'rootCA.pem': userCa.certificatePem,
    'server.pem': server.certificatePem,
    'server-key.pem': server.privateKeyPem,
    'client.pem': client.certificatePem,
    'client-key.pem': client.privateKeyPem,
    'front-proxy-ca.pem': proxyCa.certificatePem,
    'front-proxy-ca-key.pem': proxyCa.privateKeyPem,
    'front-proxy-client.pem': proxyClient.certificatePem,
    'front-proxy-client-key.pem': proxyClient.privateKeyPem,
  };
  return { userCa, client, proxyCa, proxyClient, files };
}

/** Writes each file into `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; rejects after `ms`. */
export function waitForPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((done, fail) => {
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        done();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) fail(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * A new folder below `dir` for nginx to run in: this default.conf (or the one made for the folder's
 * path), and an nginx.conf that runs it in the foreground, one process, with its pid, error log and
 * temporary files in the folder.
 */
export function nginxPrefix(dir: string, defaultConf: string | ((prefix: string) => string)): string {
  const prefix = mkdtempSync(join(dir, 'nginx-'));
  writeFileSync(
    join(prefix, 'default.conf'),
    typeof defaultConf === 'string' ? defaultConf : defaultConf(prefix),
  );
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log info;`,
      'events {}',
      'http {',
      `  client_body_temp_path ${prefix}; proxy_temp_path ${prefix}; fastcgi_temp_path ${prefix}; uwsgi_temp_path ${prefix}; scgi_temp_path ${prefix};`,
      '  access_log off;',
      `  include ${prefix}/default.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  return prefix;
}

/**
 * Runs nginx in a folder made by nginxPrefix and resolves once it listens on `port` (which its
 * default.conf must name); if it does not, kills it and rejects with what it wrote to stderr.
 */
export async function runNginx(prefix: string, port: number): Promise<{ stop(): void }> {
  const child: ChildProcess = spawn(nginxBin, ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  await waitForPort(port).catch((e) => {
    child.kill();
    throw new Error(`${e.message}: ${stderr}`);
  });
  return { stop: () => child.kill() };
}
