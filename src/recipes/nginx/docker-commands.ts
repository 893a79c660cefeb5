// The host commands of lessons 4 and 5: write default.conf, start and restart nginx in docker.

import { type NginxConfigParams, nginxConfig } from './config.ts';

/** The name the lessons and nginx-lab.sh give the nginx container. */
export const NGINX_CONTAINER = 'kube-auth-lab-nginx';

export interface DockerRunParams {
  /** The host port, published on 127.0.0.1 only. Default: 8443. */
  port?: number | string;
  /** Default: 'nginx' (the official image). */
  image?: string;
  /** The container's name. Default: NGINX_CONTAINER. */
  name?: string;
  /** The port nginx listens on in the container. Default: 443. */
  containerPort?: number | string;
}

/** A command that writes default.conf for one step into the current folder (a quoted heredoc). */
export function writeDefaultConfCommand(params: NginxConfigParams): string {
  return `cat > default.conf <<'EOF'\n${nginxConfig(params)}EOF\n`;
}

/** Starts nginx in docker with the current folder as /etc/nginx/conf.d (read-only). */
export function dockerRunCommand(params: DockerRunParams = {}): string {
  const { port = 8443, image = 'nginx', name = NGINX_CONTAINER, containerPort = 443 } = params;
  return [
    `docker run -d --name ${name} \\`,
    `  -p 127.0.0.1:${port}:${containerPort} \\`,
    `  -v "$PWD":/etc/nginx/conf.d:ro \\`,
    `  ${image}`,
    '',
  ].join('\n');
}
