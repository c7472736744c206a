/**
 * verify over HTTP stays bounded: a server that accepts and never answers, one
 * that trickles its headers or its body a byte at a time, each ends at the
 * request's deadline (headers and body together); no request starts once the
 * run's deadline passed, and the files not asked for are counted. The
 * deadlines are shortened here; the command uses REQUEST_SECONDS and RUN_SECONDS.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpReader, REQUEST_SECONDS, RUN_SECONDS } from '../../../scripts/adapters/http-copy.js';
import { manifestPath } from '../../../scripts/core/model/site.js';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A raw TCP server whose `onSocket` writes what it likes; its URL. */
async function raw(onSocket: (socket: Socket) => void): Promise<URL> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

/** Writes `text` one byte every `ms` milliseconds, forever if it is endless. */
function trickle(socket: Socket, text: string, ms: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(text[i % text.length] as string);
    i++;
  }, ms);
}

const deadlines = { requestMs: 300, runMs: 60_000 };

describe('verify over HTTP: deadlines', () => {
  it('are 30 s for each whole answer and 600 s for the run, as the README says', () => {
    expect([REQUEST_SECONDS, RUN_SECONDS]).toEqual([30, 600]);
  });

  it.each([
    ['accepts and never answers', () => {}],
    ['trickles its headers, a byte every 50 ms', (s: Socket) => trickle(s, 'HTTP/1.1 200 OK\r\nX-Slow: ', 50)],
    [
      'trickles its body, a byte every 50 ms',
      (s: Socket) => {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n');
        trickle(s, '{', 50);
      },
    ],
  ])('ends a request to a server that %s at the deadline', async (_, behave) => {
    const url = await raw(behave);
    const reader = httpReader(url, deadlines);
    const started = performance.now();
    const found = await reader.meta(manifestPath());
    const took = performance.now() - started;
    reader.close();
    expect(found).toEqual({ missing: 'no whole answer within 0.3 s' });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
  });

  it('starts no request after the run deadline, and counts the listed files it did not ask for', async () => {
    const asked: string[] = [];
    const server = createHttpServer((req, res) => {
      asked.push(req.url ?? '');
      setTimeout(() => res.writeHead(404).end(), 60);
    });
    servers.push(server as unknown as Server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const files = Array.from({ length: 64 }, (_, i) => ({ path: `f${i}.json`, sha256: '0'.repeat(64), size: 10 }));
    const reader = httpReader(url, { requestMs: 1000, runMs: 150 });
    const started = performance.now();
    const read = await reader.files(files);
    const took = performance.now() - started;
    reader.close();
    expect(read.unfetched).toBeGreaterThan(0);
    expect(read.unfetched + read.copy.files.size).toBe(64);
    expect(asked).toHaveLength(read.copy.files.size);
    expect(read.deadlineSeconds).toBe(0.15);
    // The run ends within its deadline and one request's answer.
    expect(took).toBeLessThan(150 + 1000);
    expect([...read.copy.files.values()].every((f) => 'missing' in f && f.missing === 'HTTP 404')).toBe(true);
  });
});
