/**
 * What a new service file's comments point at, found from its folder: the
 * schema its first line names (resolved by editors from the file's folder),
 * where its fields are described, and the command that checks it. Each points
 * at a file that exists in that repository, or at this release's page.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { FIELDS_ANCHOR, FIELDS_URL, PACKAGE_NAME, SCHEMA_FILE, SCHEMA_URL } from './package-facts.js';

export interface CatalogHome {
  /** The schema line's value: a path from the services folder (`/`-separated), or a URL. */
  readonly schema: string;
  /** Where every field is described: a path from the services folder, or a URL. */
  readonly fields: string;
  /** The command that checks the catalog, as its operators run it. */
  readonly check: string;
}

/** The schema as the package installs it, from the folder that holds `node_modules`. */
export const INSTALLED_SCHEMA = `node_modules/${PACKAGE_NAME}/${SCHEMA_FILE}`;

const fromFolder = (folder: string, path: string) => relative(folder, path).split(sep).join('/');

/**
 * The home of the services folder `dir` (absolute), found by walking up from
 * its real folder (links resolved), every path relative to that folder, at
 * each folder first:
 * - `schema/user-service.schema.json` (this repository, or a copy of it): that
 *   schema, and the "Fields" section of the `README.md` beside it when that
 *   README has one, else of the package's README on GitHub;
 * - `node_modules/<package>/schema/...` (a repository that installed the
 *   package, where Node.js finds it too): that schema, and the package's
 *   README on GitHub at its "Fields" section;
 * nothing found: this release's schema and that README on GitHub. The check
 * command is `npm run check` when the nearest `package.json` has that script,
 * else `user-services check`.
 */
export function catalogHome(dir: string): CatalogHome {
  // Editors resolve the paths from where the file really is: through a linked
  // folder (`catlink -> ops/cat`), `..` climbs from the link's target.
  const real = realFolder(dir);
  return { ...schemaAndFields(real), check: checkCommand(real) };
}

/** `dir` with every link resolved; `dir` itself when it cannot be (missing: the walk up then reads it as given). */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

function schemaAndFields(dir: string): Omit<CatalogHome, 'check'> {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, SCHEMA_FILE))) {
      const readme = join(at, 'README.md');
      return {
        schema: fromFolder(dir, join(at, SCHEMA_FILE)),
        fields: hasFieldsSection(readme) ? `${fromFolder(dir, readme)}#${FIELDS_ANCHOR}` : FIELDS_URL,
      };
    }
    if (existsSync(join(at, INSTALLED_SCHEMA)))
      return { schema: fromFolder(dir, join(at, INSTALLED_SCHEMA)), fields: FIELDS_URL };
    if (dirname(at) === at) return { schema: SCHEMA_URL, fields: FIELDS_URL };
  }
}

/** Whether the Markdown file `path` has a heading "Fields" (any level), which `#fields` links to. */
function hasFieldsSection(path: string): boolean {
  try {
    return /^#{1,6} Fields[ \t]*$/m.test(readFileSync(path, 'utf8'));
  } catch {
    // Missing or unreadable: the package's README on GitHub describes the fields.
    return false;
  }
}

function checkCommand(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    const manifest = join(at, 'package.json');
    if (existsSync(manifest)) return hasCheckScript(manifest) ? 'npm run check' : 'user-services check';
    if (dirname(at) === at) return 'user-services check';
  }
}

function hasCheckScript(manifest: string): boolean {
  try {
    const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, unknown> }).scripts;
    return typeof scripts?.check === 'string';
  } catch {
    // A package.json that cannot be read or parsed: npm would fail on it too.
    return false;
  }
}
