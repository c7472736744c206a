import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServices } from '../../../scripts/adapters/read-services.js';
import { DEFAULT_LIMITS, type ServerLimits } from '../../../scripts/adapters/server.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { ROOT, runCli } from '../../helpers/cli.js';
import { analyzeInput } from '../../helpers/core.js';
import { tempDir, writeTree } from '../../helpers/fs.js';
import { type RawReply, rawBody, rawRequest, startServer } from '../../helpers/http.js';
import { pageAssets } from '../../helpers/page.js';
import { LISTENING, type ServeProcess, startServe } from '../../helpers/serve.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const API = 'api/v1/configs/user_services';
const CANARY = `CANARY-${randomUUID()}`;
// Short timeouts, so that slow clients are cut off within the test's time.
const LIMITS: ServerLimits = {
  ...DEFAULT_LIMITS,
  requestTimeoutMs: 1_000,
  headersTimeoutMs: 1_000,
  keepAliveTimeoutMs: 1_000,
  maxConnections: 64,
};

let work: string;
let server: Awaited<ReturnType<typeof startServer>>;
let listBytes: string;
const replies: RawReply[] = [];

/** Sends raw bytes and remembers the reply, so that every reply is searched for the canary. */
async function send(data: string | Buffer, options: Parameters<typeof rawRequest>[2] = {}, port = server.port) {
  const reply = await rawRequest(port, data, options);
  replies.push(reply);
  return reply;
}

const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`;
const isRefusal = (r: RawReply) => (r.status >= 400 && r.status < 500) || (r.status === 0 && r.closed);

beforeAll(async () => {
  // The canary lies beside the services folder and the built site, and inside the services folder.
  work = writeTree(tempDir('user-services-hostile-'), {
    'canary.txt': CANARY,
    'canary.json': `{"canary":"${CANARY}"}`,
    'services/canary.txt': CANARY,
    'services/alpha.yaml': 'technical_name: Alpha\nfor_hg: true\n',
    'services/beta.yaml': 'technical_name: Beta\n',
  });
  expect(runCli(['build'], { cwd: work }).status).toBe(0);
  const site = emitSite(analyzeInput(await readServices(join(work, 'services'), work, KINDS)).services, {
    pretty: false,
    page: pageAssets(),
  });
  listBytes = new TextDecoder().decode(site.get(`${API}/index.json`));
  server = await startServer(site, LIMITS);
});

afterAll(async () => {
  await server?.server.close();
});

const TRAVERSALS = [
  '/../../../../canary.txt',
  `/${API}/../../../../../canary.txt`,
  `/${API}/../../../../../../../../../../etc/passwd`,
  '/./canary.txt',
  '/%2e%2e/%2e%2e/canary.txt',
  '/%2E%2E/%2E%2E/canary.txt',
  `/${API}/.%2e/.%2e/.%2e/.%2e/.%2e/canary.txt`,
  '/..%2f..%2f..%2fcanary.txt',
  `/${API}%2F..%2F..%2F..%2F..%2Fcanary.txt`,
  '/%252e%252e/%252e%252e/canary.txt',
  '/%25%32%65%25%32%65/canary.txt',
  '/..\\..\\..\\canary.txt',
  '/..%5c..%5c..%5ccanary.txt',
  '/%5C..%5C..%5Ccanary.txt',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/canary.txt',
  '/%c0%2e%c0%2e/canary.txt',
  '/%e0%80%ae%e0%80%ae/canary.txt',
  '/%c0%af..%c0%afcanary.txt',
  '/%ef%bc%8e%ef%bc%8e/canary.txt',
  '/canary.txt',
  '/canary.json',
  '/services/canary.txt',
  '/dist/index.html',
  '//canary.txt',
  '/canary.txt%00.json',
  `/${API}/%00/`,
  'http://x/../../canary.txt',
  '/%2e%2e%2f%2e%2e%2fcanary.txt',
  `/${API}/alpha/../../../../../canary.txt`,
  `/${API}/alpha/..;/..;/canary.txt`,
];

describe('hostile requests against serve', () => {
  it.each(TRAVERSALS)('refuses %s with a 4xx', async (target) => {
    const reply = await send(get(target));
    expect([target, reply.status >= 400 && reply.status < 500]).toEqual([target, true]);
    expect(rawBody(reply.text)).toMatch(/^\{"error":\{"status":4\d\d,"code":"[a-z-]+","message":"[^"]*"\}\}\n$/);
  });

  it('refuses NUL bytes and control characters sent raw in the path', async () => {
    for (const target of [`/${API}/\u0000/`, `/${API}/a\u0001b/`, '/canary.txt\u0000']) {
      const reply = await send(get(target));
      expect([JSON.stringify(target), isRefusal(reply)]).toEqual([JSON.stringify(target), true]);
    }
  });

  it('refuses a declared 1 GB body with 413 at once and closes the connection', async () => {
    // The body never comes: a server that waited for it would answer 408 after the timeout, not 413.
    const reply = await send(
      `GET /${API}/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{"for_hg":`,
    );
    expect(reply.status).toBe(413);
    expect(reply.closed).toBe(true);
    expect(rawBody(reply.text)).toBe(
      '{"error":{"status":413,"code":"body-too-large","message":"the body is larger than 16 KiB"}}\n',
    );
  });

  it('refuses a chunked body that grows past 16 KiB (413 or closed)', async () => {
    const chunk = `4000\r\n${'a'.repeat(0x4000)}\r\n`;
    const reply = await send(`GET /${API}/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}${chunk}`);
    expect(reply.status === 413 || (reply.status === 0 && reply.closed)).toBe(true);
  });

  it('cuts off a body trickled one byte at a time with 408', async () => {
    let timer: NodeJS.Timeout | undefined;
    const reply = await send(`GET /${API}/ HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n`, {
      waitMs: 5_000,
      write: (more) => {
        timer = setInterval(() => more(' ') || clearInterval(timer), 100);
      },
    });
    clearInterval(timer);
    expect([reply.status, reply.closed]).toEqual([408, true]);
    expect(rawBody(reply.text)).toBe(
      '{"error":{"status":408,"code":"request-timeout","message":"the request took too long to arrive"}}\n',
    );
  });

  it('cuts off headers that never end with 408', async () => {
    const reply = await send(`GET /${API}/ HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n`, { waitMs: 5_000 });
    expect([reply.status, reply.closed]).toEqual([408, true]);
  });

  it.each([
    ['malformed JSON', '{"for_hg": tru', 'invalid-json'],
    ['JSON with a trailing comma', '{"for_hg": true,}', 'invalid-json'],
    ['deeply nested arrays', '['.repeat(10_000), 'too-deep'],
    ['deeply nested objects', `{"for_hg":${'{"a":'.repeat(2_500)}1${'}'.repeat(2_501)}`, 'too-deep'],
    ['a key given twice', '{"for_hg": true, "for_hg": false}', 'invalid-json'],
    ['a JSON bomb of strings', `{"for_hg":"${'\\u0000'.repeat(2_000)}"}`, 'invalid-filter-value'],
  ])('refuses %s in the body with 400', async (_name, body, code) => {
    const reply = await send(
      `GET /${API}/ HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(rawBody(reply.text)).error.code).toBe(code);
  });

  it('refuses 10,000 headers (431 or closed)', async () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('');
    const reply = await send(`GET /${API}/ HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
    expect(reply.status === 431 || (reply.status === 0 && reply.closed)).toBe(true);
  });

  it('refuses huge URLs: 414 past 2048 characters, 431 or closed past the header limit', async () => {
    const long = await send(get(`/${API}/${'a'.repeat(3_000)}/`));
    expect(long.status).toBe(414);
    const huge = await send(get(`/${API}/?for_hg=${'1'.repeat(100_000)}`));
    expect(huge.status === 431 || (huge.status === 0 && huge.closed)).toBe(true);
  });

  it('answers many parallel connections, and closes the least recently active past the limit, or those idle too long', async () => {
    const parallel = await Promise.all(Array.from({ length: 50 }, () => send(get(`/${API}/`))));
    expect(parallel.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(parallel.every((r) => rawBody(r.text) === listBytes)).toBe(true);
    // 100 connections that send nothing: each one past the limit closes the oldest to make room, so the
    // last 64 stay, and time out with 408; the others are closed without an answer.
    const idle = await Promise.all(Array.from({ length: 100 }, () => send('', { waitMs: 5_000 })));
    expect(idle.every(isRefusal)).toBe(true);
    expect(idle.filter((r) => r.status === 408)).toHaveLength(LIMITS.maxConnections);
    expect(idle.filter((r) => r.status === 0)).toHaveLength(100 - LIMITS.maxConnections);
  });

  it('still answers a normal request afterwards, and never sent the canary', async () => {
    const reply = await send(get(`/${API}/`));
    expect(reply.status).toBe(200);
    expect(rawBody(reply.text)).toBe(listBytes);
    expect(replies.length).toBeGreaterThan(TRAVERSALS.length + 150);
    expect(replies.filter((r) => r.text.includes(CANARY))).toEqual([]);
    expect(replies.filter((r) => r.text.includes('root:'))).toEqual([]);
  });

  it('answers only from memory: the server and the request semantics import nothing that reads files', () => {
    for (const file of [
      'scripts/adapters/server.ts',
      'scripts/adapters/http-responses.ts',
      'scripts/core/serving/request.ts',
      'scripts/core/serving/query.ts',
      'scripts/core/serving/limits.ts',
      'scripts/core/serving/headers.ts',
      'scripts/core/serving/content-types.ts',
      'scripts/core/serving/http-error.ts',
    ]) {
      const imports = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect([file, imports.filter((i) => i?.startsWith('node:') && !/^node:(crypto|http|net)$/.test(i))]).toEqual([
        file,
        [],
      ]);
    }
  });
});

describe('hostile paths against the command line, run beside the canary', () => {
  let serve: ServeProcess;
  let port: number;

  beforeAll(async () => {
    serve = startServe(['--port', '0'], work);
    const [, , p] = await serve.waitFor(LISTENING);
    port = Number(p);
  });

  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('refuses every traversal and keeps serving', async () => {
    for (const target of TRAVERSALS) {
      const reply = await send(get(target), {}, port);
      expect([target, reply.status >= 400 && reply.status < 500]).toEqual([target, true]);
      expect(reply.text.includes(CANARY)).toBe(false);
    }
    const ok = await send(get(`/${API}/alpha/`), {}, port);
    expect(ok.status).toBe(200);
    expect(JSON.parse(rawBody(ok.text)).technical_name).toBe('Alpha');
  });
});
