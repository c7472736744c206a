import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  brotli,
  COMPRESS_MIN_BYTES,
  compressedCopies,
  gzip,
  isCompressible,
} from '../../scripts/core/emit/compress.js';
import { userServicesIdentity } from '../../scripts/core/kinds/user-services/identity.js';
import type { Service } from '../../scripts/core/model/service.js';
import { listPath, manifestPath, type Site, signaturePath, utf8 } from '../../scripts/core/model/site.js';
import { runCli } from '../helpers/cli.js';
import { copyFixtureCatalog, fixtureServices } from '../helpers/fixture-catalog.js';
import { readTree, tempDir } from '../helpers/fs.js';
import { installPageAssets, pageAssets } from '../helpers/page.js';
import { emitSite } from '../helpers/user-services-kind.js';

let services: readonly Service[];
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.compare(a, b) === 0;

let plain: Site;
let compressed: Site;

beforeAll(async () => {
  installPageAssets();
  services = await fixtureServices();
  plain = emitSite(services, { pretty: false, page: pageAssets() });
  compressed = emitSite(services, { pretty: false, compress: true, page: pageAssets() });
});

describe('precompressed copies', () => {
  it('sit beside every JSON, HTML, CSS and JavaScript file, and decode to its exact bytes', () => {
    // The manifest and its signature come after compression (they list the files compressed).
    const sources = [...plain.keys()].filter((p) => isCompressible(p) && p !== manifestPath() && p !== signaturePath());
    expect(sources).toContain(listPath(userServicesIdentity));
    expect(sources).toContain('index.html');
    let copies = 0;
    const wrong: string[] = [];
    for (const path of sources) {
      const bytes = plain.get(path);
      const gz = compressed.get(`${path}.gz`);
      const br = compressed.get(`${path}.br`);
      if (gz !== undefined && !same(gunzipSync(gz), bytes)) wrong.push(`${path}.gz`);
      if (br !== undefined && !same(brotliDecompressSync(br), bytes)) wrong.push(`${path}.br`);
      copies += Number(gz !== undefined) + Number(br !== undefined);
    }
    expect(wrong).toEqual([]);
    // Files of 1 KiB and more get both copies, smaller ones none.
    const large = sources.filter((p) => (plain.get(p) as Uint8Array).length >= COMPRESS_MIN_BYTES);
    expect(large).toContain(listPath(userServicesIdentity));
    expect(large.length).toBeLessThan(sources.length);
    expect(copies).toBe(large.length * 2);
    expect([...compressed.keys()].filter((p) => !plain.has(p)).sort()).toEqual(
      large.flatMap((p) => [`${p}.br`, `${p}.gz`]).sort(),
    );
  });

  it('leave every other file as it was', () => {
    expect([...plain].filter(([path, bytes]) => !same(compressed.get(path), bytes))).toEqual([]);
  });

  it('are smaller than their file, or not kept', () => {
    for (const [path, bytes] of compressed) {
      if (path.endsWith('.gz') || path.endsWith('.br')) {
        expect(bytes.length).toBeLessThan((plain.get(path.slice(0, -3)) as Uint8Array).length);
      }
    }
    expect(compressedCopies('tiny.json', utf8('{}\n'))).toEqual([]);
    // Hashes look random: no compressor makes them smaller.
    const noise = Buffer.concat(Array.from({ length: 128 }, (_, i) => createHash('sha256').update(String(i)).digest()));
    expect(compressedCopies('noise.json', noise).map(([p]) => p)).toEqual([]);
  });

  it('are the same bytes on every run, with a gzip header free of time and operating system', () => {
    const again = emitSite([...services], { pretty: false, compress: true, page: pageAssets() });
    expect([...again.keys()]).toEqual([...compressed.keys()]);
    expect([...compressed].filter(([path, bytes]) => !same(again.get(path), bytes)).map(([p]) => p)).toEqual([]);
    const gz = gzip(utf8('{"user_services":[]}\n'.repeat(20)));
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    expect(brotli(utf8('x'.repeat(1000)))).toEqual(brotli(utf8('x'.repeat(1000))));
  });

  it('are left out unless asked for', () => {
    expect([...plain.keys()].filter((p) => p.endsWith('.gz') || p.endsWith('.br'))).toEqual([]);
  });
});

describe('build --no-compress', () => {
  it('publishes no copies; a default build does', () => {
    const work = copyFixtureCatalog(tempDir());
    expect(runCli(['build', '--out', 'plain', '--no-compress'], { cwd: work }).status).toBe(0);
    expect(runCli(['build', '--out', 'full', '--hosting-out', 'full-hosting'], { cwd: work }).status).toBe(0);
    const withoutCopies = [...readTree(join(work, 'plain')).keys()];
    const withCopies = [...readTree(join(work, 'full')).keys()];
    expect(withoutCopies.filter((p) => /\.(gz|br)$/.test(p))).toEqual([]);
    expect(withCopies.filter((p) => !/\.(gz|br)$/.test(p))).toEqual(withoutCopies);
    expect(withCopies).toContain(`${listPath(userServicesIdentity)}.gz`);
    expect(withCopies).toContain(`${listPath(userServicesIdentity)}.br`);
    expect(existsSync(join(work, 'full-hosting', 'nginx', 'user-services.conf'))).toBe(true);
  });
});
