/**
 * The store of compressed copies kept with the analysis cache (`compressed.bin`): compressed
 * copies by the hash of what they compress, so that a rebuild compresses only
 * the files whose bytes changed. Like the analysis cache it is a shortcut only:
 * missing, corrupt or written by another build of the tool, it is ignored, and
 * the site is the same bytes with it or without it.
 *
 * Binary, since it holds compressed bytes: a first line of JSON saying whose it
 * is, then records of a 20-byte key, a 4-byte length and the bytes, then the
 * SHA-1 of all that, so that a damaged file is known as such.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BytesMemo } from '../core/emit/memo.js';
import type { CacheIdentity } from './cache.js';

const FORMAT = 1;
const FILE = 'compressed.bin';
const KEY_BYTES = 20;

/**
 * The `BytesMemo` of compressed copies, loaded from and saved to the store
 * beside the analysis cache (see the module's comment); copies not used by a
 * build are dropped when it saves.
 */
export class StoredMemo implements BytesMemo {
  private readonly used = new Map<string, Uint8Array>();
  private computed = 0;

  private constructor(
    private readonly dir: string,
    private readonly header: string,
    private readonly stored: ReadonlyMap<string, Uint8Array>,
  ) {}

  static open(dir: string, identity: CacheIdentity): StoredMemo {
    const header = JSON.stringify({ format: FORMAT, tool: identity.tool });
    return new StoredMemo(dir, header, load(join(dir, FILE), header));
  }

  get(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array {
    const key = createHash('sha1').update(kind).update('\0').update(bytes).digest('binary');
    let value = this.stored.get(key);
    if (value === undefined) {
      value = compute(bytes);
      this.computed++;
    }
    this.used.set(key, value);
    return value;
  }

  /** Keeps what this build used; writes only when that differs from what was stored. */
  save(): void {
    if (this.computed === 0 && this.used.size === this.stored.size) return;
    const tmp = join(this.dir, `.${FILE}.${process.pid}.tmp`);
    try {
      mkdirSync(this.dir, { recursive: true });
      // Written piece by piece, with the checksum at the end: no second copy of all the bytes.
      const fd = openSync(tmp, 'w');
      const sum = createHash('sha1');
      const put = (bytes: Uint8Array) => {
        sum.update(bytes);
        writeSync(fd, bytes);
      };
      try {
        put(Buffer.from(`${this.header}\n`));
        for (const [key, value] of this.used) {
          const head = Buffer.alloc(KEY_BYTES + 4);
          head.write(key, 'binary');
          head.writeUInt32BE(value.length, KEY_BYTES);
          put(head);
          put(value);
        }
        writeSync(fd, sum.digest());
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, join(this.dir, FILE));
    } catch {
      // A memo that cannot be written only makes the next build slower.
    }
  }
}

function load(path: string, header: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return out;
  }
  if (data.length < KEY_BYTES) return out;
  const sum = data.subarray(data.length - KEY_BYTES);
  data = data.subarray(0, data.length - KEY_BYTES);
  if (!createHash('sha1').update(data).digest().equals(sum)) return out;
  const newline = data.indexOf(0x0a);
  if (newline === -1 || data.subarray(0, newline).toString('utf8') !== header) return out;
  let at = newline + 1;
  while (at < data.length) {
    if (at + KEY_BYTES + 4 > data.length) return new Map();
    const key = data.subarray(at, at + KEY_BYTES).toString('binary');
    const length = data.readUInt32BE(at + KEY_BYTES);
    const start = at + KEY_BYTES + 4;
    if (start + length > data.length) return new Map();
    out.set(key, data.subarray(start, start + length));
    at = start + length;
  }
  return out;
}
