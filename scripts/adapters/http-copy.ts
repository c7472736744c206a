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
import type { IncomingMessage } from 'node:http';
import { mayHaveCopies } from '../core/emit/compress.js';
import { servedEverywhere } from '../core/hosting/policy.js';
import { urlPathOf } from '../core/model/site-path.js';
import { type EncodedFound, type Found, type ManifestFile, META_LIMIT, type MetaFound } from '../core/sync/verify.js';
import { type CopyReader, pool, type ReadFiles } from './copy-reader.js';
import { encodedFacts } from './digest.js';
import { collect, encodingOf, get, type Missing, makeAgents, shownUrl } from './http-get.js';

/** How many requests are under way at once. */
const PARALLEL = 8;
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

/** The reader of the site at `root` (from `siteUrl`), with `deadlines`. */
export function httpReader(root: URL, deadlines: Deadlines = DEADLINES): CopyReader {
  const agents = makeAgents(PARALLEL);
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
