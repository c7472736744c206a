/**
 * The life cycle of a published site (deprecated instances' headers, previous
 * names' redirects), read from each kind's `_deprecations/` and `_renames/` files: what
 * the hosting files are written from, whether the build wrote the site or found
 * it published already.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KindIdentity } from '../core/kinds/kind.js';
import { type Lifecycle, lifecycleFrom, lifecyclePaths } from '../core/serving/lifecycle.js';

/**
 * The life cycle of the site of objects of `kinds` published in `dir` (a kind
 * without the two files in its folder has none).
 */
export async function publishedLifecycle(dir: string, kinds: readonly KindIdentity[]): Promise<Lifecycle> {
  const read = async (path: string): Promise<unknown> => {
    const text = await readFile(join(dir, path), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return text === null ? null : JSON.parse(text);
  };
  const files = kinds.map(async (kind) => {
    const paths = lifecyclePaths(kind);
    return { kind, deprecations: await read(paths.deprecations), renames: await read(paths.renames) };
  });
  return lifecycleFrom(await Promise.all(files));
}
