/**
 * The preview server's limits as the README states them: the count and size of
 * a request's head (431), a stalled body (408), CONNECT (405 with Allow), and
 * the order of answers when a refusal follows valid pipelined requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ServerLimits } from '../../../scripts/adapters/server.js';
import type { Site } from '../../../scripts/core/model/site.js';
import { type RawReply, rawBody, rawRequest, startServer } from '../../helpers/http.js';

const LIST = '/api/v1/configs/user_services/';
const X = '/api/v1/configs/user_services/x/';
const LIST_BYTES = '{"user_services":[]}\n';
const X_BYTES = '{"technical_name":"X"}\n';
const SITE: Site = new Map([
  ['api/v1/configs/user_services/index.json', Buffer.from(LIST_BYTES)],
  ['api/v1/configs/user_services/x/index.json', Buffer.from(X_BYTES)],
]);
const LIMITS: ServerLimits = { ...DEFAULT_LIMITS, maxConnections: 64 };

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(SITE, LIMITS);
});
afterAll(async () => {
  await server?.server.close();
});

/** `n` header fields of `size` bytes of value each. */
const fields = (n: number, size = 1) =>
  Array.from({ length: n }, (_, i) => `X-H${i}: ${'v'.repeat(size)}\r\n`).join('');
const head = (target: string, extra: string) => `GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
/** Each answer in `text`: its status and its body (every answer here has a Content-Length). */
function answers(text: string): { status: number; body: string }[] {
  const out: { status: number; body: string }[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n') + 4;
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0);
    out.push({ status: Number(rest.slice(9, 12)), body: rest.slice(end, end + length) });
    rest = rest.slice(end + length);
  }
  return out;
}
const headerOf = (r: RawReply, name: string) =>
  new RegExp(`\r\n${name}: ([^\r]*)\r\n`, 'i').exec(r.text.slice(0, r.text.indexOf('\r\n\r\n') + 2))?.[1];
const error = (status: number, code: string, message: string) =>
  `${JSON.stringify({ error: { status, code, message } })}\n`;
const TOO_MANY = error(431, 'headers-too-large', 'the request has more than 100 header fields');
const TOO_LARGE = error(431, 'headers-too-large', 'the request line and headers are larger than 16384 bytes');

describe('the number of header fields', () => {
  it('answers 100 fields, Host included', async () => {
    const r = await rawRequest(server.port, head(LIST, fields(99)));
    expect([r.status, rawBody(r.text)]).toEqual([200, LIST_BYTES]);
  });

  it.each([101, 150, 500, 2_003])('refuses %i fields with 431 and closes', async (n) => {
    const r = await rawRequest(server.port, head(LIST, fields(n - 1)));
    expect([r.status, rawBody(r.text), r.closed]).toEqual([431, TOO_MANY, true]);
    expect(headerOf(r, 'content-type')).toBe('application/json');
    expect(headerOf(r, 'connection')).toBe('close');
  });

  it('never ignores If-None-Match sent after 120 other fields', async () => {
    const r = await rawRequest(server.port, head(LIST, `${fields(120)}If-None-Match: *\r\n`));
    expect([r.status, rawBody(r.text)]).toEqual([431, TOO_MANY]);
    const ok = await rawRequest(server.port, head(LIST, `${fields(90)}If-None-Match: *\r\n`));
    expect(ok.status).toBe(304);
  });

  it('refuses too many fields on HEAD with the headers of the 431 and no body', async () => {
    const r = await rawRequest(server.port, `HEAD ${LIST} HTTP/1.1\r\nHost: x\r\n${fields(100)}\r\n`);
    expect([r.status, rawBody(r.text), headerOf(r, 'content-length')]).toEqual([
      431,
      '',
      String(Buffer.byteLength(TOO_MANY)),
    ]);
  });
});

describe('the size of the head', () => {
  /** A head of exactly `bytes` bytes: the request line, Host and one field padded to size. */
  const sized = (bytes: number, target = LIST) => {
    const fixed = head(target, 'X-Pad: \r\n').length;
    return head(target, `X-Pad: ${'p'.repeat(bytes - fixed)}\r\n`);
  };

  it('answers a head of exactly 16 KiB', async () => {
    expect(sized(16_384)).toHaveLength(16_384);
    const r = await rawRequest(server.port, sized(16_384));
    expect([r.status, rawBody(r.text)]).toEqual([200, LIST_BYTES]);
  });

  it.each([
    ['one byte more in one field', sized(16_385)],
    ['one 16,500-byte field', head(LIST, `X-A: ${'a'.repeat(16_500)}\r\n`)],
    ['a long request line and a field under 16 KiB', sized(16_385, `${LIST}?${'a'.repeat(2_000)}`)],
    ['100 fields of 170 bytes', head(LIST, fields(99, 170))],
    ['2,000 small fields (a 20,965-byte head)', head(LIST, fields(1_999, 1).replace(/X-H/g, 'XH'))],
  ])('refuses %s with 431', async (_name, data) => {
    const r = await rawRequest(server.port, data);
    expect([r.status, r.closed]).toEqual([431, true]);
    expect([TOO_LARGE, TOO_MANY]).toContain(rawBody(r.text));
  });

  it('says which limit: the size for a large head within the count', async () => {
    const r = await rawRequest(server.port, sized(16_385, `${LIST}?${'a'.repeat(2_000)}`));
    expect(rawBody(r.text)).toBe(TOO_LARGE);
    const fieldsOnly = await rawRequest(server.port, head(LIST, fields(99, 170)));
    expect(rawBody(fieldsOnly.text)).toBe(TOO_LARGE);
  });
});

describe('a refusal after valid pipelined requests', () => {
  it.each([
    ['a malformed request', 'GARBAGE\r\n\r\n', 400, error(400, 'bad-request', 'the request is not valid HTTP/1.1')],
    ['a CONNECT', 'CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n', 405, null],
    ['a head too large for the parser', head(LIST, `X-A: ${'a'.repeat(20_000)}\r\n`), 431, TOO_LARGE],
  ])('answers the valid ones first, then %s, then closes', async (_name, bad, status, body) => {
    const valid = `GET ${X} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const r = await rawRequest(server.port, `${valid}${valid}${bad}`);
    const got = answers(r.text);
    expect(got.map((a) => a.status)).toEqual([200, 200, status]);
    expect(got.slice(0, 2).map((a) => a.body)).toEqual([X_BYTES, X_BYTES]);
    if (body !== null) expect(got[2]?.body).toBe(body);
    expect(r.closed).toBe(true);
  });

  it('reads nothing after the refusal', async () => {
    const r = await rawRequest(server.port, `GET ${X} HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n`, {
      write: (more) => setTimeout(() => more(`GET ${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`), 50),
    });
    expect(answers(r.text).map((a) => a.status)).toEqual([200, 400]);
  });
});

describe('CONNECT', () => {
  it('is answered 405 with Allow, and the connection closed', async () => {
    const r = await rawRequest(server.port, 'CONNECT x:80 HTTP/1.1\r\nHost: x:80\r\n\r\n');
    expect([r.status, r.closed, headerOf(r, 'allow')]).toEqual([405, true, 'GET, HEAD, OPTIONS']);
    expect(rawBody(r.text)).toBe(
      error(405, 'method-not-allowed', 'the method CONNECT is not allowed; use GET, HEAD or OPTIONS'),
    );
  });

  it('answers a GET asking for an upgrade as a GET', async () => {
    const r = await rawRequest(server.port, head(LIST, 'Connection: Upgrade\r\nUpgrade: websocket\r\n'));
    expect([r.status, rawBody(r.text)]).toEqual([200, LIST_BYTES]);
  });
});

describe('a stalled body', () => {
  const TIMEOUT = error(408, 'request-timeout', 'the request took too long to arrive');

  it.each([
    ['the inactivity timeout', { requestTimeoutMs: 60_000, headersTimeoutMs: 60_000, writeTimeoutMs: 700 }],
    ['the request timeout', { requestTimeoutMs: 700, headersTimeoutMs: 700, writeTimeoutMs: 60_000 }],
    ['both at once, as by default', { requestTimeoutMs: 700, headersTimeoutMs: 700, writeTimeoutMs: 700 }],
  ])('gets 408 with a JSON body at %s', async (_name, limits) => {
    const slow = await startServer(SITE, { ...LIMITS, ...limits });
    try {
      const r = await rawRequest(slow.port, `GET ${LIST} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{`, {
        waitMs: 4_000,
      });
      expect([r.status, rawBody(r.text), r.closed]).toEqual([408, TIMEOUT, true]);
      expect(headerOf(r, 'content-type')).toBe('application/json');
    } finally {
      await slow.server.close();
    }
  });

  it('after a valid request on the same connection, gets its answer first', async () => {
    const slow = await startServer(SITE, { ...LIMITS, writeTimeoutMs: 700 });
    try {
      const r = await rawRequest(
        slow.port,
        `GET ${X} HTTP/1.1\r\nHost: x\r\n\r\nGET ${LIST} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{`,
        { waitMs: 4_000 },
      );
      expect(answers(r.text)).toEqual([
        { status: 200, body: X_BYTES },
        { status: 408, body: TIMEOUT },
      ]);
    } finally {
      await slow.server.close();
    }
  });
});
