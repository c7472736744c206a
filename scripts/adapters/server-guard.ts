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
 *   system, Node's keep-alive timeout applies instead.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

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
}

interface Connection {
  /** Requests received whose answers have not been handed to the socket. */
  queued: number;
}

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
    const connection: Connection = { queued: 0 };
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
  return {
    admit(req, res) {
      const socket = req.socket;
      const connection = open.get(socket);
      if (connection === undefined || socket.destroyed) return false;
      connection.queued += 1;
      if (connection.queued > limits.maxPipelined) {
        open.delete(socket);
        socket.destroy();
        return false;
      }
      touch(socket, connection);
      // 'finish' comes once the answer's last byte is handed to the system, not while it waits in the process.
      res.once('finish', () => {
        connection.queued -= 1;
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
    if (connection.queued + headsIn(chunk, maxPipelined) > maxPipelined) return close();
    for (const parse of parsers) parse(chunk);
  });
}
