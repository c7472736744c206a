import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitRevisionError } from '../../adapters/git.js';
import { type CatalogRun, CatalogRunner, type CatalogSource } from '../../app/runner.js';
import { hasErrors } from '../../core/diagnostics/diagnostic.js';
import { formatters } from '../../core/diagnostics/format/index.js';
import { diffSites } from '../../core/diff/compare.js';
import { DIFF_FORMAT_NAMES, diffRenderers } from '../../core/diff/render/index.js';
import { verdictOf } from '../../core/diff/types.js';
import { KINDS } from '../../core/kinds/index.js';
import type { Command } from '../command.js';
import { type Io, UsageError, wantsColor } from '../io.js';
import { type OptionDecl, SERVICES, usageOf } from '../option-decls.js';
import { parseOptions } from '../options.js';

const FAIL_ON = ['breaking', 'any'] as const;

const OPTIONS: readonly OptionDecl[] = [
  {
    name: 'base',
    type: 'string',
    value: '<git-revision|folder>',
    required: true,
    shownDefault: 'none: required',
    meaning:
      'what to compare with: a folder of service files, or a git revision whose services folder is read (none there: an empty catalog, every service added)',
  },
  SERVICES,
  {
    name: 'format',
    type: 'string',
    choices: DIFF_FORMAT_NAMES,
    default: 'text',
    shownDefault: '`text`',
    meaning: 'how the diff is printed (`markdown`: a pull request comment)',
  },
  {
    name: 'fail-on',
    type: 'string',
    choices: FAIL_ON,
    shownDefault: 'never',
    meaning: 'exit 1 when a change is breaking (`breaking`) or when anything changed (`any`)',
  },
];

export const diff: Command = {
  summary: 'compare the API built from a base (git revision or folder) with the one built from the services folder',
  usage: usageOf('diff', OPTIONS),
  options: OPTIONS,
  examples: ['user-services diff --base main --format markdown', 'user-services diff --base HEAD~1 --fail-on breaking'],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    if (values.base === undefined || values.base === '') throw new UsageError('--base is required');
    const format = oneOf('--format', String(values.format), DIFF_FORMAT_NAMES);
    const failOn = values['fail-on'] === undefined ? null : oneOf('--fail-on', String(values['fail-on']), FAIL_ON);
    const base = String(values.base);
    const services = String(values.services);
    // Both sides through the same driver, without the cache: a diff compares what each side builds.
    const runner = new CatalogRunner(io);
    const head = await runner.run({ folder: services });
    const before = emptyIsNothing(
      await runner.run(await baseSource(base, services, io)).catch((e) => {
        throw e instanceof GitRevisionError ? new UsageError(e.message) : e;
      }),
    );
    const broken = [
      { side: `the base (${base})`, run: before },
      { side: `the services folder (${services})`, run: head },
    ].filter((s) => hasErrors(s.run.diagnostics));
    if (broken.length > 0) return reportBroken(broken, io);
    const site = async (run: CatalogRun) => runner.emit((await run.analysis()).catalog, { pretty: false });
    const result = diffSites(await site(before), await site(head), KINDS);
    io.stdout.write(diffRenderers[format](result, { base, head: services, color: wantsColor(io), kinds: KINDS }));
    const failed =
      failOn === 'any' ? result.changes.length > 0 : failOn === 'breaking' && verdictOf(result) === 'breaking';
    return failed ? 1 : 0;
  },
};

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** An existing folder is a folder of services; anything else is read as a git revision of `services`. */
async function baseSource(base: string, services: string, io: Io): Promise<CatalogSource> {
  const isFolder = (await stat(resolve(io.cwd, base)).catch(() => null))?.isDirectory() === true;
  return isFolder ? { folder: base } : { folder: services, revision: base };
}

/**
 * The base as an empty catalog when it holds no service file (its folder is
 * empty, or absent at the revision): the first pull request of a new catalog
 * adds every service, which is no error. The services folder itself must
 * hold services (`no-services`), as for build.
 */
function emptyIsNothing(run: CatalogRun): CatalogRun {
  return { ...run, diagnostics: run.diagnostics.filter((d) => d.code !== 'no-services') };
}

/**
 * Both sides must build: a diff against a broken catalog would report the
 * breakage as changes. Each side's errors are printed (its warnings keep
 * nothing from building: check says them).
 */
function reportBroken(broken: readonly { side: string; run: CatalogRun }[], io: Io): number {
  for (const { side, run: analysis } of broken) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    io.stderr.write(`user-services diff: ${side} has ${count}; both sides must build to be compared:\n`);
    const summary = { command: 'diff', services: analysis.fileCount, errors: errors.length, warnings: 0, seconds: 0 };
    io.stderr.write(formatters.text({ diagnostics: errors, summary }, { color: false }).out);
  }
  return 1;
}
