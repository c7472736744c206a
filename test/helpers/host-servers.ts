/**
 * Debian's nginx and Caddy on loopback, serving a built site with the
 * generated files unchanged: the wrappers only set what an administrator's
 * configuration would (paths, port, root) and include the files as built.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CADDY_IMPORT } from '../../scripts/core/hosting/caddy.js';
import { NGINX_INCLUDE } from '../../scripts/core/hosting/nginx.js';
import type { BuiltSite } from './hosted-site.js';
import { freePort, type Running, startServer } from './program.js';
import { WRAPPER } from './unprivileged.js';

export const NGINX = '/usr/sbin/nginx';
export const CADDY = '/usr/bin/caddy';

/** The http block of a main nginx.conf, with every path in a temporary prefix, and one server including the file. */
export function nginxWrapper(prefix: string, port: number, root: string, include: string): string {
  const temp = (name: string) => `${name}_temp_path ${join(prefix, name)};`;
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n    ')}
    server {
        listen 127.0.0.1:${port};
        root ${root};
        include ${include};
    }
}
`;
}

/** No admin endpoint, state kept in the temporary prefix, one site on loopback importing the file. */
export const caddyWrapper = (prefix: string, port: number, root: string, imported: string): string => `{
	admin off
	storage file_system ${join(prefix, 'storage')}
}
http://127.0.0.1:${port} {
	bind 127.0.0.1
	root * ${root}
	import ${imported}
}
`;

/**
 * How the server runs: as the tests do, or `unprivileged` (as "nobody" when the
 * tests run as root), for the tests of a site the server's user may not read.
 * Its prefix is then writable by anyone.
 */
const command = (program: string, args: readonly string[], unprivileged: boolean): [string, string[]] => {
  const words = unprivileged ? [...WRAPPER, program, ...args] : [program, ...args];
  return [words[0] as string, words.slice(1)];
};

const prefixFor = (built: BuiltSite, name: string, unprivileged: boolean): string => {
  const prefix = join(built.work, name);
  mkdirSync(prefix);
  if (unprivileged) chmodSync(prefix, 0o777);
  return prefix;
};

/** nginx serving `built`, its prefix (error log included) in `built.work/<name>`. */
export async function startNginx(
  built: BuiltSite,
  name = 'nginx-conformance',
  unprivileged = false,
): Promise<Running & { prefix: string }> {
  const prefix = prefixFor(built, name, unprivileged);
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), nginxWrapper(prefix, port, built.dist, join(built.hosting, NGINX_INCLUDE)));
  const running = await startServer(
    ...command(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], unprivileged),
    port,
  );
  return { ...running, prefix };
}

export async function startCaddy(built: BuiltSite, name = 'caddy-conformance', unprivileged = false): Promise<Running> {
  const prefix = prefixFor(built, name, unprivileged);
  const env = { HOME: prefix, XDG_CONFIG_HOME: prefix, XDG_DATA_HOME: prefix };
  const port = await freePort();
  writeFileSync(join(prefix, 'Caddyfile'), caddyWrapper(prefix, port, built.dist, join(built.hosting, CADDY_IMPORT)));
  const args = ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'];
  return startServer(...command(CADDY, args, unprivileged), port, env);
}
