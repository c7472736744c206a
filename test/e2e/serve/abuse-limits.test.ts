/**
 * The preview server's limits against abuse, each with small values injected
 * through its options: the pipelined requests a connection may queue, the time
 * its client may leave answers unread, the connection cap that closes the least
 * recently active connection; and the page's Content-Security-Policy header.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ServerLimits } from '../../../scripts/adapters/server.js';
import type { Site } from '../../../scripts/core/model/site.js';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/core/serving/headers.js';
import { request, startServer } from '../../helpers/http.js';

const LIST = '/api/v1/configs/user_services/';
const LIST_BYTES = Buffer.from('{"user_services":[]}\n');
/** Far larger than what loopback sockets buffer, so that a client that reads nothing leaves most of it unsent. */
const BIG_BYTES = Buffer.alloc(48 * 1024 * 1024, 'a');
const SITE: Site = new Map([
  ['api/v1/configs/user_services/index.json', LIST_BYTES],
  ['big.txt', BIG_BYTES],
  ['index.html', Buffer.from('<!doctype html>\n<title>page</title>\n')],
]);
// Long enough never to end a connection within a test, unless a test sets it shorter.
const SLOW = 60_000;
const LIMITS: ServerLimits = {
  ...DEFAULT_LIMITS,
  requestTimeoutMs: SLOW,
  headersTimeoutMs: SLOW,
  keepAliveTimeoutMs: SLOW,
  writeTimeoutMs: SLOW,
  maxConnections: 4,
  maxPipelined: 3,
};

const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
/** The statuses of the answers in `text` (no body here holds a status line). */
const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

let servers: Awaited<ReturnType<typeof startServer>>[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.map((s) => s.server.close()));
  servers = [];
});

async function serve(limits: Partial<ServerLimits> = {}) {
  const started = await startServer(SITE, { ...LIMITS, ...limits });
  servers.push(started);
  return started;
}

/** A connection that records what it receives and whether the server closed it. */
function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  /** The first megabyte as text, the last 4 KiB as text, the byte count. */
  const state = { text: '', tail: '', bytes: 0, closed: false };
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (c: Buffer) => {
    state.bytes += c.length;
    if (state.bytes <= 1_000_000) state.text += c.toString('latin1');
    state.tail = (state.tail + c.toString('latin1')).slice(-4096);
  });
  socket.on('close', () => {
    state.closed = true;
  });
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, state, closed, connected };
}

/** Resolves once `check` holds, polling; rejects after `ms`. */
async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('the condition did not hold in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('pipelined requests', () => {
  it('answers as many as the limit sent in one write, and keeps the connection', async () => {
    const { port } = await serve();
    const c = open(port);
    c.socket.write(GET(LIST).repeat(3));
    await until(() => statuses(c.state.text).length === 3);
    expect(statuses(c.state.text)).toEqual([200, 200, 200]);
    expect(c.state.text.split(LIST_BYTES.toString())).toHaveLength(4);
    c.socket.write(GET(LIST));
    await until(() => statuses(c.state.text).length === 4);
    expect(c.state.closed).toBe(false);
  });

  it('closes a connection at once, unanswered, when one write holds one request more than the limit', async () => {
    const { port, base } = await serve();
    const c = open(port);
    c.socket.write(GET(LIST).repeat(4));
    await c.closed;
    expect(c.state.text).toBe('');
    // 5,000 in one write, as a flood sends them: the same, and the server answers others meanwhile.
    const flood = open(port);
    flood.socket.write(GET(LIST).repeat(5_000));
    await flood.closed;
    expect(flood.state.text).toBe('');
    const after = await request(base, LIST);
    expect([after.status, after.body.equals(LIST_BYTES)]).toEqual([200, true]);
  });

  it('reads no further while an answer waits unread, then answers what came meanwhile', async () => {
    const { port } = await serve();
    const c = open(port);
    await c.connected;
    // The client reads nothing: the first answer cannot be sent whole, and the server stops reading.
    c.socket.pause();
    c.socket.write(GET('/big.txt'));
    await new Promise((r) => setTimeout(r, 100));
    // With the first, as many as the limit wait: more would close the connection once read.
    for (let i = 0; i < 2; i++) {
      c.socket.write(GET(LIST));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(c.state.closed).toBe(false);
    c.socket.resume();
    await until(() => c.state.closed || (c.state.bytes > BIG_BYTES.length && statuses(c.state.tail).length === 2));
    expect(statuses(c.state.text)).toEqual([200]);
    expect([statuses(c.state.tail), c.state.closed]).toEqual([[200, 200], false]);
  });
});

describe('answers nobody reads', () => {
  it('closes a connection whose client takes no byte of its answer for the write timeout', async () => {
    const { port } = await serve({ writeTimeoutMs: 300 });
    const c = open(port);
    await c.connected;
    c.socket.pause();
    c.socket.write(GET('/big.txt'));
    // Read nothing for well past the timeout, then read what the server sent before it closed.
    await new Promise((r) => setTimeout(r, 1_500));
    c.socket.resume();
    await c.closed;
    expect(statuses(c.state.text)).toEqual([200]);
    expect(c.state.bytes).toBeGreaterThan(0);
    expect(c.state.bytes).toBeLessThan(BIG_BYTES.length);
  });

  it('sends the whole answer to a client that reads slowly but keeps reading', async () => {
    const { port } = await serve({ writeTimeoutMs: 300 });
    const c = open(port);
    await c.connected;
    c.socket.write(GET('/big.txt'));
    // Reads in bursts with pauses shorter than the timeout.
    const pauser = setInterval(() => {
      c.socket.pause();
      setTimeout(() => c.socket.resume(), 100);
    }, 150);
    await until(() => c.state.bytes > BIG_BYTES.length, 30_000);
    clearInterval(pauser);
    c.socket.resume();
    expect(statuses(c.state.text)).toEqual([200]);
    expect(c.state.closed).toBe(false);
  });
});

describe('the connection cap', () => {
  it('makes room for a new connection by closing the least recently active one', async () => {
    const { port } = await serve();
    const [a, b, c, d] = [open(port), open(port), open(port), open(port)];
    await Promise.all([a, b, c, d].map((x) => x.connected));
    // a is the oldest, but asks for something: b becomes the least recently active.
    a.socket.write(GET(LIST));
    await until(() => statuses(a.state.text).length === 1);
    const e = open(port);
    e.socket.write(GET(LIST));
    await until(() => statuses(e.state.text).length === 1);
    await b.closed;
    expect([a, b, c, d, e].map((x) => x.state.closed)).toEqual([false, true, false, false, false]);
    expect(b.state.text).toBe('');
    // Each connection left still answers.
    for (const x of [a, c, d]) x.socket.write(GET(LIST));
    await until(() => [a, c, d].every((x) => statuses(x.state.text).includes(200)));
    expect(statuses(a.state.text)).toEqual([200, 200]);
  });

  it('lets a probe in past 20 connections that never read, at a cap of 4', async () => {
    const { port, base } = await serve();
    const idle = Array.from({ length: 20 }, () => open(port));
    await Promise.all(idle.map((x) => x.connected));
    for (const x of idle) {
      x.socket.pause();
      x.socket.write(GET(LIST));
    }
    const probe = await request(base, LIST);
    expect([probe.status, probe.body.equals(LIST_BYTES)]).toEqual([200, true]);
    // Read now, to see how many were closed (a paused socket learns nothing): 16 to make room for the last 4, 1 for the probe.
    for (const x of idle) x.socket.resume();
    await until(() => idle.filter((x) => x.state.closed).length === 17);
    await new Promise((r) => setTimeout(r, 100));
    expect(idle.filter((x) => x.state.closed)).toHaveLength(17);
    expect(idle.filter((x) => !x.state.closed)).toHaveLength(3);
  });
});

describe('the page', () => {
  it('is sent with the Content-Security-Policy the hosts send; JSON is not', async () => {
    const { base } = await serve();
    const page = await request(base, '/');
    expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const list = await request(base, LIST);
    expect(list.headers['content-security-policy']).toBeUndefined();
  });
});
