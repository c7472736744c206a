/**
 * What keeps the preview server answering under abuse, beyond the limits
 * Node's HTTP server has (header and request timeouts, header sizes):
 *
 * - **Connections at the cap.** A new connection past `maxConnections` closes
 *   the open connection that has been inactive longest (no complete request
 *   received and no byte of an answer taken by its client since), instead of
 *   being refused: clients that connect and then never read or never finish a
 *   request cannot shut everyone else out, they are the first to go.
 * - **Pipelined requests.** A connection with more than `maxPipelined`
 *   requests received whose answers are not yet sent is closed at once,
 *   without those answers. Node already stops reading a socket whose client
 *   does not read what it is sent (backpressure), but it parses every request
 *   of the bytes it has read (64 KiB, some 1,200 GETs), and keeps each one
 *   until the connection closes: so each chunk read is looked at before the
 *   parser sees it, and one that holds more request heads (`CRLF CRLF`) than
 *   the connection may still queue closes it unparsed. `admit` counts exactly.
 * - **Answers nobody reads.** A connection with an answer not yet sent whole
 *   whose client takes no byte of it for `writeTimeoutMs` is closed: that is
 *   the server's inactivity timeout (`server.timeout`), since Node counts a
 *   write that makes progress as activity. Once every answer is handed to the
 *   system, Node's keep-alive timeout applies instead. A connection that goes
 *   that long in the middle of a request's body is the client's fault, not its
 *   reader's: it gets 408.
 * - **Refusals in order.** A refusal written on the socket itself (a request
 *   Node's parser refused, a timeout, `CONNECT`) comes after the answers to the
 *   requests received whole before it, as nginx does, and then the connection
 *   closes; nothing more of it is read. A refusal never takes the place of a
 *   valid request's answer.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpError } from '../core/serving/http-error.js';
import { type Headers, REQUEST_TIMEOUT, writeRawError } from './http-responses.js';

export interface GuardLimits {
  /** Open connections at once; at the cap, a new one closes the least recently active. */
  readonly maxConnections: number;
  /** Requests of one connection waiting for their answer; one more closes the connection. */
  readonly maxPipelined: number;
  /** Milliseconds a connection may go without its client taking a byte of the answers it was sent. */
  readonly writeTimeoutMs: number;
}

export interface ConnectionGuard {
  /**
   * Counts a request on its connection. False when the connection is gone, or
   * was closed now because it holds too many requests waiting: the request is
   * not to be answered.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Answers `e` (with `extra` headers) on the socket itself once the requests
   * received whole before it are answered, then closes the connection. Only the
   * first refusal of a connection is answered.
   */
  refuse(socket: Socket, e: HttpError, extra?: Headers): void;
}

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

interface Connection {
  /** Requests received whose answers have not been handed to the socket. */
  queued: number;
  /** The admitted requests whose answers are not yet handed to the socket. */
  readonly pending: Set<Exchange>;
  /** Set once the connection is refused: nothing more of it is read or answered. */
  refused: boolean;
}

/** Settles once `res` is handed to the system whole, or cannot be any more. */
const answered = (res: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    if (res.writableFinished || res.destroyed) return resolve();
    res.once('finish', resolve);
    res.once('close', resolve);
  });

/** Installs the guard on `server`, before it listens. */
export function guardConnections(server: Server, limits: GuardLimits): ConnectionGuard {
  server.timeout = limits.writeTimeoutMs;
  // Least recently active first: a Map iterates in insertion order, and activity moves a connection to the end.
  const open = new Map<Socket, Connection>();
  const touch = (socket: Socket, connection: Connection) => {
    open.delete(socket);
    open.set(socket, connection);
  };
  server.on('connection', (socket: Socket) => {
    while (open.size >= limits.maxConnections) {
      const [oldest] = open.keys();
      if (oldest === undefined) break;
      open.delete(oldest);
      oldest.destroy();
    }
    const connection: Connection = { queued: 0, pending: new Set(), refused: false };
    open.set(socket, connection);
    screenChunks(socket, connection, limits.maxPipelined, () => {
      open.delete(socket);
      socket.destroy();
    });
    socket.once('close', () => open.delete(socket));
    // The client took what it was sent: it reads, so it is active.
    socket.on('drain', () => {
      if (open.has(socket)) touch(socket, connection);
    });
  });
  const refuse = (socket: Socket, e: HttpError, extra: Headers = {}) => {
    const connection = open.get(socket);
    if (connection?.refused) return;
    if (connection !== undefined) connection.refused = true;
    // Answers already under way, or to requests received whole, go first; the rest are dropped.
    const before = [...(connection?.pending ?? [])].filter((x) => x.req.complete || x.res.headersSent);
    void Promise.all(before.map((x) => answered(x.res))).then(() => writeRawError(socket, e, extra));
  };
  // The inactivity timeout (`server.timeout`): a body stalled mid-way gets 408; an answer left unread, the close.
  server.on('timeout', (socket: Socket) => {
    const pending = [...(open.get(socket)?.pending ?? [])];
    if (pending.some((x) => !x.req.complete && !x.res.headersSent)) refuse(socket, REQUEST_TIMEOUT);
    else socket.destroy();
  });
  return {
    refuse,
    admit(req, res) {
      const socket = req.socket;
      const connection = open.get(socket);
      if (connection === undefined || connection.refused || socket.destroyed) return false;
      connection.queued += 1;
      if (connection.queued > limits.maxPipelined) {
        open.delete(socket);
        socket.destroy();
        return false;
      }
      touch(socket, connection);
      const exchange = { req, res };
      connection.pending.add(exchange);
      res.once('close', () => connection.pending.delete(exchange));
      // 'finish' comes once the answer's last byte is handed to the system, not while it waits in the process.
      res.once('finish', () => {
        connection.queued -= 1;
        connection.pending.delete(exchange);
      });
      return true;
    },
  };
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** How many request heads end in `chunk`, counting no further than `limit + 1`. */
function headsIn(chunk: Buffer, limit: number): number {
  let count = 0;
  for (let at = chunk.indexOf(HEAD_END); at >= 0 && count <= limit; at = chunk.indexOf(HEAD_END, at + 4)) count++;
  return count;
}

/**
 * Puts a look at each chunk read between the socket and Node's HTTP parser:
 * the parser reads through the socket's one `data` listener once one is added
 * (Node then leaves its native reading path), and that listener is called here
 * only for chunks that keep the connection within `maxPipelined`.
 */
function screenChunks(socket: Socket, connection: Connection, maxPipelined: number, close: () => void): void {
  const parsers = socket.listeners('data') as ((chunk: Buffer) => void)[];
  for (const parse of parsers) socket.removeListener('data', parse);
  socket.on('data', (chunk: Buffer) => {
    if (connection.refused) return;
    if (connection.queued + headsIn(chunk, maxPipelined) > maxPipelined) return close();
    for (const parse of parsers) parse(chunk);
  });
}
