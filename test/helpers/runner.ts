/** The analysis driver of the command line, as the tests call it. */
import { CatalogRunner, type RunnerContext } from '../../scripts/app/runner.js';
import type { Analysis } from '../../scripts/core/analysis/analyze.js';

/** The whole analysis of a services folder (as written, relative to `context.cwd`), without the cache. */
export async function loadCatalog(folder: string, context: RunnerContext): Promise<Analysis> {
  return (await new CatalogRunner(context).run({ folder })).analysis();
}
