/**
 * Reads a published copy of a site over HTTP(S) for `verify`: the manifest,
 * then every listed file that every host serves at its own URL (see
 * `servedEverywhere`), as a client gets it. A host may answer a client that
 * accepts compression with a precompressed copy (`.br`, `.gz`) instead of the
 * file, so each file the build may have copies of (`mayHaveCopies`) is asked
 * for three times, with `Accept-Encoding: identity`, `br` and `gzip`, and the
 * bytes are kept as sent (the core decompresses them). Node's `fetch` would
 * ask for gzip alone and decompress by itself, so a damaged `.br` copy would
 * never be seen.
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
import { manifestPath, signaturePath } from '../core/model/site.js';
import type { EncodedFound, Found, ManifestFile } from '../core/sync/verify.js';
import { CopyUnreadableError, manifestFiles, type ReadCopy } from './published-copy.js';

/** How many requests are under way at once. */
const PARALLEL = 8;
/** Redirects followed for one request (a host may move a folder URL to its slash). */
const MAX_REDIRECTS = 5;
/** Time for a whole answer, in milliseconds. */
const TIMEOUT_MS = 30_000;
/** The encodings each file with copies is asked for beside `identity`, as browsers ask for them. */
const ENCODINGS = ['br', 'gzip'] as const;

interface Answer {
  readonly encoding: string;
  readonly bytes: Uint8Array;
}

type Get = (path: string, encoding: string, limit: number) => Promise<Answer | { missing: string }>;

/** A GET of `url` with only `Accept-Encoding` set, its bytes kept as sent, redirects followed. */
function getRaw(
  url: URL,
  encoding: string,
  limit: number,
  agents: Agents,
  left = MAX_REDIRECTS,
): Promise<Answer | { missing: string }> {
  return new Promise((resolve) => {
    const https = url.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const headers = { 'Accept-Encoding': encoding };
    const req = send(url, { headers, agent: https ? agents.https : agents.http, timeout: TIMEOUT_MS }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        res.resume();
        if (left === 0) return resolve({ missing: `more than ${MAX_REDIRECTS} redirects` });
        return void getRaw(new URL(location, url), encoding, limit, agents, left - 1).then(resolve);
      }
      if (status !== 200) {
        res.resume();
        return resolve({ missing: `HTTP ${status}` });
      }
      collect(res, limit).then(
        (bytes) => resolve({ encoding: (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase(), bytes }),
        (e: Error) => resolve({ missing: e.message }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no whole answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (e) => resolve({ missing: e.message }));
    req.end();
  });
}

/** The body of `res`, refused past `limit` bytes. */
function collect(res: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) res.destroy(new Error(`the answer is larger than ${limit} bytes`));
      else chunks.push(chunk);
    });
    res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    res.on('error', reject);
  });
}

interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/** Runs `tasks`, `limit` at once. */
async function pool(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/** The most bytes an answer for a file of `size` may have: more is not that file, in any encoding. */
const answerLimit = (size: number): number => size + 64 * 1024;
/** The manifest's and the signature's bound: 64 MiB. */
const META_LIMIT = 64 * 1024 * 1024;

/** The copy at `base` (an http or https URL of the site's root), each answer as sent. */
export async function fetchCopy(base: string): Promise<ReadCopy> {
  const root = base.endsWith('/') ? base : `${base}/`;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: PARALLEL }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: PARALLEL }),
  };
  const get: Get = (path, encoding, limit) => getRaw(new URL(path, root), encoding, limit, agents);
  try {
    return await readAll(root, get);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}

async function readAll(root: string, get: Get): Promise<ReadCopy> {
  const shown = root + manifestPath();
  const got = await get(manifestPath(), 'identity', META_LIMIT);
  if ('missing' in got) throw new CopyUnreadableError(shown, got.missing);
  const manifest = plainOf(got);
  if ('missing' in manifest) throw new CopyUnreadableError(shown, manifest.missing);
  const files = manifestFiles(manifest.bytes, shown);
  const asked = files.filter((f) => servedEverywhere(f.path));
  const found = new Map<string, Found>();
  const encoded = new Map<string, EncodedFound[]>();
  const tasks = asked.flatMap((f: ManifestFile) => {
    const limit = answerLimit(f.size);
    const plain = async () => {
      const answer = await get(f.path, 'identity', limit);
      found.set(f.path, 'missing' in answer ? answer : plainOf(answer));
    };
    if (!mayHaveCopies(f.path, f.size)) return [plain];
    encoded.set(f.path, []);
    const ask = (encoding: string) => async () => {
      const answer = await get(f.path, encoding, limit);
      (encoded.get(f.path) as EncodedFound[]).push({ asked: encoding, ...answer });
    };
    return [plain, ...ENCODINGS.map(ask)];
  });
  await pool(tasks, PARALLEL);
  // The order answers came in varies: each file's answers in the order asked.
  for (const answers of encoded.values())
    answers.sort((a, b) => ENCODINGS.indexOf(a.asked as 'br') - ENCODINGS.indexOf(b.asked as 'br'));
  const signature = await get(signaturePath(), 'identity', META_LIMIT);
  const signed = 'missing' in signature ? signature : plainOf(signature);
  return {
    copy: {
      manifest: manifest.bytes,
      signature: 'bytes' in signed ? signed.bytes : null,
      files: found,
      unlisted: new Map(),
      encoded,
    },
    files,
    skipped: files.filter((f) => !servedEverywhere(f.path)).map((f) => f.path),
  };
}

/** An answer asked for without compression: its bytes, or why they are not the file's (sent compressed all the same). */
const plainOf = (answer: Answer): Found =>
  answer.encoding === 'identity'
    ? { bytes: answer.bytes }
    : { missing: `sent with Content-Encoding: ${answer.encoding} to a request for identity` };
