// The nginx `default.conf` for the two nginx labs. Lesson 4 serves HTTPS only; lesson 5 adds the
// client-certificate check. The defaults fit the official nginx image with the lab folder mounted
// at /etc/nginx/conf.d; nginx-lab.sh --local passes its own folder, port and log instead.

/** Which lab: 'https' (lesson 4, TLS only) or 'mtls' (lesson 5, client certificates required). */
export type NginxLabStep = 'https' | 'mtls';

export const NGINX_LAB_STEPS: readonly NginxLabStep[] = ['https', 'mtls'];

export interface NginxConfigParams {
  step: NginxLabStep;
  /** server_name. Default: 'localhost' (the name curl asks for, and a SAN of server.pem). */
  serverName?: string;
  /** Folder nginx reads server.pem, server-key.pem and rootCA.pem from. Default: '/etc/nginx/conf.d'. */
  certDir?: string;
  /** What follows `listen` (before ` ssl`). Default: '443', the container's port. */
  listen?: string;
  /** The server's error_log file. Default: '/var/log/nginx/error.log' (the image sends it to docker logs). */
  errorLog?: string;
}

/** The body nginx returns on success in lesson 4. */
export const HTTPS_HELLO = 'hello over HTTPS';

/** Returns the text of default.conf for one step of the lab. */
export function nginxConfig(params: NginxConfigParams): string {
  const {
    step,
    serverName = 'localhost',
    certDir = '/etc/nginx/conf.d',
    listen = '443',
    errorLog = '/var/log/nginx/error.log',
  } = params;
  const lines = [
    step === 'https'
      ? '# default.conf, lesson 4: nginx serves HTTPS with your server certificate.'
      : '# default.conf, lesson 5: nginx also demands a client certificate from your CA.',
    'server {',
    `    listen ${listen} ssl;`,
    `    server_name ${serverName};`,
    '',
    `    ssl_certificate     ${certDir}/server.pem;`,
    `    ssl_certificate_key ${certDir}/server-key.pem;`,
  ];
  if (step === 'mtls') {
    lines.push(
      '',
      '    # Ask every client for a certificate, refuse the request without a valid one,',
      '    # and trust only certificates issued by this CA.',
      '    ssl_verify_client      on;',
      `    ssl_client_certificate ${certDir}/rootCA.pem;`,
      '    # ssl_verify_depth is 1 by default: enough for rootCA -> client.',
      '    # Add 1 for each intermediate CA between them.',
    );
  }
  lines.push(
    '',
    "    # nginx's error pages do not say why; the log does (at level info).",
    `    error_log ${errorLog} info;`,
    '    # Error pages say "nginx" without the version.',
    '    server_tokens off;',
    '',
    '    location / {',
    '        default_type text/plain;',
    step === 'https'
      ? `        return 200 "${HTTPS_HELLO}\\n";`
      : '        return 200 "hello, $ssl_client_s_dn\\nssl_client_verify: $ssl_client_verify\\n";',
    '    }',
    '}',
    '',
  );
  return lines.join('\n');
}
