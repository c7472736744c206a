import { dirname, join, resolve } from 'node:path';

/** The name of the host files' folder beside the site, by default. */
export const HOSTING = 'hosting';

/**
 * `--hosting-out`, resolved against the working directory, or `hosting` beside
 * the site. Whether the build may write there (not in the site, not in the
 * sources, not a folder of someone else's) is `claimOutputs`'s to judge.
 */
export function hostingFolder(out: string, option: unknown, cwd: string): string {
  return typeof option === 'string' ? resolve(cwd, option) : join(dirname(out), HOSTING);
}
