/**
 * The branch a new catalog repository publishes, as its workflow's filter and
 * its README's commands write it. Branch names follow `git check-ref-format`:
 * no space, `~`, `^`, `:`, `?`, `*`, `[` or a backslash, but `+`, `!`, `'`, `#`, `,`
 * and `&` are allowed.
 */

/**
 * A branch name (`git check-ref-format` allows it) as an item of a workflow's
 * `branches:` filter: GitHub reads `+` and a leading `!` as pattern syntax, so
 * they are escaped with a backslash; quoted for YAML unless plain is safe.
 */
export function branchFilter(branch: string): string {
  const pattern = branch.replace(/[+!]/g, '\\$&');
  return /^[A-Za-z0-9_./-]+$/.test(pattern) ? pattern : JSON.stringify(pattern);
}

/** A word as POSIX sh reads it back unchanged: plain when safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The branch a new catalog publishes when init finds none (outside git). */
export const DEFAULT_BRANCH = 'main';
