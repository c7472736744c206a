/**
 * Why `serve` cannot listen, in one line that names the address and says what
 * to change on the command line. Each is a mistake of the command line or of
 * the environment (exit status 2), never an internal failure.
 */

/**
 * `e`: the error of `server.listen` (its `code` is a libuv/getaddrinfo error
 * name); `host` and `port` as given with `--host` and `--port`.
 */
export function listenFailure(e: NodeJS.ErrnoException, host: string, port: number): string {
  const at = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const anyPort = 'choose another port with --port N, or --port 0 for any free one';
  const code = e.code ?? e.message;
  switch (code) {
    case 'EADDRINUSE':
      return `${at} is already in use by another program; ${anyPort}`;
    case 'EACCES':
      return port < 1024
        ? `not allowed to listen on ${at} (EACCES): ports below 1024 need privileges; ${anyPort}`
        : `not allowed to listen on ${at} (EACCES); ${anyPort}`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${at}: ${host} is not an address of this machine (EADDRNOTAVAIL); choose one with --host, such as 127.0.0.1`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `cannot listen on ${at}: the host name ${host} cannot be resolved (${code}); give an address with --host, such as 127.0.0.1`;
    default:
      return `cannot listen on ${at}: ${code}; choose another address with --host or another port with --port`;
  }
}
