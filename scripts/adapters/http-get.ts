/**
 * One GET of `verify` over HTTP(S), bounded: a deadline for the whole answer
 * (headers, body and redirects, however slowly they come, not a socket's idle
 * time), redirects followed only within the origin and without credentials,
 * and every failure said with its cause. URLs are shown with credentials
 * masked.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Redirects followed for one request (a host may move a folder URL to its slash). */
const MAX_REDIRECTS = 5;

/** A URL as messages show it: its user name and password, if any, masked. */
export const shownUrl = (url: URL): string =>
  url.username === '' && url.password === '' ? url.href : url.href.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1***@');

/**
 * The URL of a site's root from what was given, its path ending in `/`, or
 * why it cannot be one (for a usage error): not a URL, or holding a query, a
 * fragment or credentials (never sent, never printed but masked).
 */
export function siteUrl(source: string): URL | string {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return `${source} is not a URL`;
  }
  if (url.username !== '' || url.password !== '')
    return `the URL ${shownUrl(url)} holds a user name or password: verify sends none; give the URL of a site's root that answers without them`;
  if (source.includes('?') || source.includes('#'))
    return `the URL ${shownUrl(url)} holds a ${source.includes('?') ? 'query (?)' : 'fragment (#)'}: give the URL of the site's root without it`;
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/** The kept-alive connections of a run. */
export interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** Why there is no answer to read. */
export type Missing = { readonly missing: string };

/**
 * A GET of `url` with only `Accept-Encoding` set, whose 200 answer `body`
 * reads; a redirect followed within the origin, anything else missing, with
 * why (the status, the system's error, the deadline passed at `deadline` ms).
 */
export function get<T>(
  url: URL,
  encoding: string,
  body: (res: IncomingMessage) => Promise<T | Missing>,
  context: { agents: Agents; deadline: number; seconds: number },
  left = MAX_REDIRECTS,
): Promise<T | Missing> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: T | Missing) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const https = url.protocol === 'https:';
    const agent = https ? context.agents.https : context.agents.http;
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { headers: { 'Accept-Encoding': encoding }, agent },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          const next = redirectTo(url, res.headers.location, left);
          if ('missing' in next) return settle(next);
          // The next request takes over, with the same deadline.
          settled = true;
          clearTimeout(timer);
          return void get(next, encoding, body, context, left - 1).then(resolve);
        }
        if (status !== 200) {
          res.resume();
          return settle({ missing: `HTTP ${status}` });
        }
        body(res).then(settle, (e: Error) => settle({ missing: causeOf(e) }));
      },
    );
    const timer = setTimeout(
      () => {
        settle({ missing: `no whole answer within ${context.seconds} s` });
        req.destroy();
      },
      Math.max(0, context.deadline - Date.now()),
    );
    req.on('error', (e) => settle({ missing: causeOf(e) }));
    req.end();
  });
}

/** Where a redirect from `from` to `location` leads, when it may be followed: within the origin, without credentials. */
function redirectTo(from: URL, location: string, left: number): URL | Missing {
  if (left === 0) return { missing: `more than ${MAX_REDIRECTS} redirects` };
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return { missing: 'redirected to a Location that is not a URL' };
  }
  if (next.origin !== from.origin)
    return { missing: `redirected to ${shownUrl(next)}, another origin: verify does not follow it` };
  if (next.username !== '' || next.password !== '')
    return { missing: `redirected to ${shownUrl(next)}, a URL with credentials: verify does not follow it` };
  return next;
}

/** What a failed request says, with the system's code (ECONNREFUSED, ENOTFOUND, ...) when its message lacks it. */
function causeOf(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === undefined || e.message.includes(code) ? e.message : `${e.message} (${code})`;
}

/** The body of `res`, as sent; missing past `limit` bytes. */
export function collect(res: IncomingMessage, limit: number): Promise<Uint8Array | Missing> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      res.destroy();
      resolve({ missing: `the answer is larger than ${limit / 1024 / 1024} MiB` });
    });
    res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    res.on('error', reject);
  });
}

/** The `Content-Encoding` of an answer, `identity` when none. */
export const encodingOf = (res: IncomingMessage): string =>
  (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();

/** The kept-alive connections of a run, `parallel` to a host at most; `destroy` them when done. */
export const makeAgents = (parallel: number): Agents => ({
  http: new HttpAgent({ keepAlive: true, maxSockets: parallel }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: parallel }),
});
