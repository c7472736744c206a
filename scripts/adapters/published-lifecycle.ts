/**
 * The life cycle of a published site (deprecated instances' headers, previous
 * names' redirects), read from its `_deprecations/` and `_renames/` files: what
 * the hosting files are written from, whether the build wrote the site or found
 * it published already.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deprecationsPath, renamesPath } from '../core/model/site.js';
import { type Lifecycle, lifecycleFrom } from '../core/serving/lifecycle.js';

/** The life cycle of the site published in `dir` (a site without the two files has none). */
export async function publishedLifecycle(dir: string): Promise<Lifecycle> {
  const read = async (path: string): Promise<unknown> => {
    const text = await readFile(join(dir, path), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return text === null ? null : JSON.parse(text);
  };
  return lifecycleFrom(await read(deprecationsPath()), await read(renamesPath()));
}
