/**
 * Reads a published copy of a site over HTTP(S) for `verify`: the manifest
 * and its signature, then every listed file that every host serves at its own
 * URL (see `servedEverywhere`), as a client gets it. A host may answer a
 * client that accepts compression with a precompressed copy (`.br`, `.gz`)
 * instead of the file, so each file the build may have copies of
 * (`mayHaveCopies`) is asked for three times, with `Accept-Encoding:
 * identity`, `br` and `gzip`, and what comes encoded is decompressed here and
 * hashed as it comes (`digest.ts`). Node's `fetch` would ask for gzip alone
 * and decompress by itself, so a damaged `.br` copy would never be seen.
 *
 * Each file's URL is the root's URL path with the file's site path appended,
 * each segment percent-encoded (`urlPathOf`), never resolved as a relative
 * reference; the paths were checked as site paths before (`manifest-entries.ts`).
 * A redirect is followed only within the root's origin and without
 * credentials. Every request has a deadline for its whole answer, headers,
 * body and redirects (`REQUEST_SECONDS`), and no request is started once the
 * run has taken `RUN_SECONDS`.
 *
 * Cost: one request per listed file, three for those with copies (on a
 * catalog of 10,000 services, whose instances are mostly under the 1 KiB of
 * `COMPRESS_MIN_BYTES`, some 10,100 files and 10,300 requests), `PARALLEL` at
 * once over kept-alive connections.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { mayHaveCopies } from '../core/emit/compress.js';
import { servedEverywhere } from '../core/hosting/policy.js';
import { urlPathOf } from '../core/model/site-path.js';
import { type EncodedFound, type Found, type ManifestFile, META_LIMIT, type MetaFound } from '../core/sync/verify.js';
import { encodedFacts } from './digest.js';
import { type CopyReader, pool, type ReadFiles } from './published-copy.js';

/** How many requests are under way at once. */
const PARALLEL = 8;
/** Redirects followed for one request (a host may move a folder URL to its slash). */
const MAX_REDIRECTS = 5;
/** Time for one whole answer (headers and body, redirects included), in seconds. */
export const REQUEST_SECONDS = 30;
/** Time after which no more requests are started, in seconds: the run ends at most one request's time later. */
export const RUN_SECONDS = 600;
/** The encodings each file with copies is asked for beside `identity`, as browsers ask for them. */
const ENCODINGS = ['br', 'gzip'] as const;

/** The deadlines, in milliseconds (tests shorten them). */
export interface Deadlines {
  readonly requestMs: number;
  readonly runMs: number;
}

const DEADLINES: Deadlines = { requestMs: REQUEST_SECONDS * 1000, runMs: RUN_SECONDS * 1000 };

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

interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

type Missing = { readonly missing: string };

/**
 * A GET of `url` with only `Accept-Encoding` set, whose 200 answer `body`
 * reads; a redirect followed within the origin, anything else missing, with
 * why (the status, the system's error, the deadline passed at `deadline` ms).
 */
function get<T>(
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
function collect(res: IncomingMessage, limit: number): Promise<Uint8Array | Missing> {
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
const encodingOf = (res: IncomingMessage): string =>
  (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();

/** The reader of the site at `root` (from `siteUrl`), with `deadlines`. */
export function httpReader(root: URL, deadlines: Deadlines = DEADLINES): CopyReader {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: PARALLEL }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: PARALLEL }),
  };
  const urlOf = (path: string): URL => {
    const url = new URL(`${root.origin}${root.pathname}${urlPathOf(path)}`);
    // Appended, never resolved: a site path cannot leave the root (a check, should one ever slip through).
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname))
      throw new Error(`${path} is not below ${root.href}`);
    return url;
  };
  const context = () => ({
    agents,
    deadline: Date.now() + deadlines.requestMs,
    seconds: deadlines.requestMs / 1000,
  });
  const meta = async (path: string): Promise<MetaFound> => {
    const read = async (res: IncomingMessage) => {
      const encoding = encodingOf(res);
      if (encoding === 'identity') return collect(res, META_LIMIT);
      res.resume();
      return { missing: `sent with Content-Encoding: ${encoding} to a request for identity` };
    };
    const got = await get(urlOf(path), 'identity', read, context());
    return 'missing' in got ? got : { bytes: got };
  };
  return {
    where: (path) => ({ file: shownUrl(urlOf(path)), line: 1, column: 1 }),
    meta,
    files: (files) =>
      readFiles(files, (path, encoding, body) => get(urlOf(path), encoding, body, context()), deadlines),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

type Get = <T>(
  path: string,
  encoding: string,
  body: (res: IncomingMessage) => Promise<T | Missing>,
) => Promise<T | Missing>;

/** What the host sends for `file` asked with `asked`: the facts of what it decompresses to (bounded by the listed size). */
const answer =
  (file: ManifestFile, asked: string) =>
  async (res: IncomingMessage): Promise<EncodedFound> => {
    const encoding = encodingOf(res);
    return { asked, encoding, facts: await encodedFacts(res, encoding, file.size) };
  };

/** Every listed file every host serves, asked for as `answer` says, none started after the run's deadline. */
async function readFiles(files: readonly ManifestFile[], get: Get, deadlines: Deadlines): Promise<ReadFiles> {
  const stop = Date.now() + deadlines.runMs;
  const asked = files.filter((f) => servedEverywhere(f.path));
  const found = new Map<string, Found>();
  const encoded = new Map<string, EncodedFound[]>();
  const late = new Set<string>();
  const tasks = asked.flatMap((f: ManifestFile) => {
    const run = (encoding: string, keep: (a: EncodedFound | Missing) => void) => async () => {
      if (Date.now() > stop) return void late.add(f.path);
      keep(await get(f.path, encoding, answer(f, encoding)));
    };
    const plain = run('identity', (a) =>
      found.set(
        f.path,
        'missing' in a
          ? a
          : a.encoding === 'identity'
            ? { facts: a.facts }
            : { missing: `sent with Content-Encoding: ${a.encoding} to a request for identity` },
      ),
    );
    if (!mayHaveCopies(f.path, f.size)) return [plain];
    encoded.set(f.path, []);
    const ask = (encoding: string) =>
      run(encoding, (a) =>
        (encoded.get(f.path) as EncodedFound[]).push('missing' in a ? { asked: encoding, ...a } : a),
      );
    return [plain, ...ENCODINGS.map(ask)];
  });
  await pool(tasks, PARALLEL);
  for (const path of late) {
    found.delete(path);
    encoded.delete(path);
  }
  // The order answers came in varies: each file's answers in the order asked.
  for (const answers of encoded.values())
    answers.sort((a, b) => ENCODINGS.indexOf(a.asked as 'br') - ENCODINGS.indexOf(b.asked as 'br'));
  return {
    copy: {
      files: new Map(asked.filter((f) => found.has(f.path)).map((f) => [f.path, found.get(f.path) as Found])),
      unlisted: new Map(),
      encoded,
    },
    skipped: files.filter((f) => !servedEverywhere(f.path)).map((f) => f.path),
    unfetched: late.size,
    deadlineSeconds: deadlines.runMs / 1000,
  };
}
