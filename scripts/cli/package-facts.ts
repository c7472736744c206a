/**
 * What the command line knows of its own package (package.json): its name,
 * version and repository on GitHub, from which `init` and `new` name the
 * package to depend on, the action and hook to use, and the documentation.
 * Releases are tagged `v<version>` and `v<major>` (which moves to the newest
 * release of its major version); `init` pins `v<version>` in the three pins
 * and links documentation at `v<major>`, so an upgrade changes only the pins.
 */
import pkg from '../../package.json' with { type: 'json' };

/** The package's name on npm (`@scope/user-services`). */
export const PACKAGE_NAME: string = pkg.name;
/** The version this command line is, as npm pins it (`1.2.3`). */
export const PACKAGE_VERSION: string = pkg.version;
/** The bin the package installs. */
export const BIN = Object.keys(pkg.bin)[0] as string;
/** The schema's path inside the package (and this repository). */
export const SCHEMA_FILE = 'schema/user-service.schema.json';
/** The id of the pre-commit hook in `.pre-commit-hooks.yaml`. */
export const HOOK_ID = 'user-services-check';

/**
 * `owner/name` of the GitHub repository in the `repository` field
 * (`git+https://github.com/owner/name.git`, `github:owner/name` or `owner/name`),
 * which holds the action (`uses: owner/name@v1`) and the hook.
 */
export function githubSlug(repository: string | { url: string }): string {
  const url = typeof repository === 'string' ? repository : repository.url;
  const m =
    /^(?:git\+)?(?:https:\/\/|git:\/\/|ssh:\/\/git@)?(?:github\.com[/:]|github:)?([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(
      url,
    );
  if (m === null) throw new Error(`package.json: repository ${url} is not on GitHub`);
  return m[1] as string;
}

export const REPOSITORY = githubSlug(pkg.repository);
/** The repository's web address. */
export const REPOSITORY_URL = `https://github.com/${REPOSITORY}`;
/** The tag of this release. */
export const RELEASE_TAG = `v${PACKAGE_VERSION}`;
/** The tag that follows the newest release of this major version (`v1`): documentation links, which an upgrade leaves alone. */
export const MAJOR_TAG = `v${PACKAGE_VERSION.split('.')[0]}`;
/** The action at this release, as a workflow's `uses:` names it. */
export const ACTION_REF = `${REPOSITORY}@${RELEASE_TAG}`;
/** The anchor of the README's "Fields" section, which describes every field of a service file. */
export const FIELDS_ANCHOR = 'fields';
/** The README of this major version on GitHub, at its "Fields" section. */
export const FIELDS_URL = `${REPOSITORY_URL}/blob/${MAJOR_TAG}/README.md#${FIELDS_ANCHOR}`;
/** The README of this major version on GitHub, at its "Hosting" section. */
export const HOSTING_URL = `${REPOSITORY_URL}/blob/${MAJOR_TAG}/README.md#hosting`;
/** The README of this major version on GitHub, at its "Keeping a copy in sync" section. */
export const SYNC_URL = `${REPOSITORY_URL}/blob/${MAJOR_TAG}/README.md#keeping-a-copy-in-sync`;
/** CONTRIBUTING.md of this major version on GitHub, at its "Publishing" section. */
export const PUBLISHING_URL = `${REPOSITORY_URL}/blob/${MAJOR_TAG}/CONTRIBUTING.md#publishing`;
/** The schema of this release on GitHub, for a catalog where no copy of it is found. */
export const SCHEMA_URL = `https://raw.githubusercontent.com/${REPOSITORY}/${RELEASE_TAG}/${SCHEMA_FILE}`;
