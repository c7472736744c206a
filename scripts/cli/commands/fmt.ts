import { accessSync, constants, lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { MissingFolderError, readServices } from '../../adapters/read-services.js';
import { replaceFile } from '../../adapters/replace-file.js';
import { analyze } from '../../core/analysis/analyze.js';
import { type Diagnostic, error } from '../../core/diagnostics/diagnostic.js';
import { formatters } from '../../core/diagnostics/format/index.js';
import { formatSummary, planFormat, type Rewrite, reformatted, wouldReformat } from '../../core/format-source/plan.js';
import { KINDS } from '../../core/kinds/index.js';
import { catalogHome } from '../catalog-home.js';
import type { Command } from '../command.js';
import { type Io, wantsColor } from '../io.js';
import { type OptionDecl, SERVICES, usageOf } from '../option-decls.js';
import { parseOptions } from '../options.js';
import { filesRead } from '../report.js';

const OPTIONS: readonly OptionDecl[] = [
  {
    name: 'check',
    type: 'boolean',
    default: false,
    shownDefault: 'off',
    meaning: 'write nothing; list the files fmt would change, and exit 1 when there is one',
  },
  SERVICES,
];

export const fmt: Command = {
  summary: 'rewrite the service files in their canonical form, fixing what has one fix',
  usage: usageOf('fmt', OPTIONS),
  options: OPTIONS,
  examples: ['user-services fmt', 'user-services fmt --check --services catalog/services'],
  async run(args, io) {
    const { values } = parseOptions(args, OPTIONS);
    const check = values.check === true;
    const started = performance.now();
    const dir = resolve(io.cwd, String(values.services));
    const input = await readServices(dir, io.cwd, KINDS).catch((e) => {
      throw e instanceof MissingFolderError ? e.naming(String(values.services)) : e;
    });
    const schemaLine = `# yaml-language-server: $schema=${catalogHome(dir).schema}`;
    const plan = planFormat(input, analyze(input, KINDS), schemaLine, KINDS);
    const problems = [...plan.problems];
    const lines: string[] = [];
    for (const rewrite of plan.rewrites) {
      if (check) lines.push(wouldReformat(rewrite.path));
      else {
        const failure = write(rewrite, io);
        if (failure === null) lines.push(reformatted(rewrite.path));
        else problems.push(failure);
      }
    }
    const color = wantsColor(io);
    const read = await filesRead({ fileCount: plan.services, filesByKind: plan.filesByKind }, async () => KINDS);
    const summary = { command: 'fmt', ...read, errors: problems.length, warnings: 0, seconds: 0 };
    io.stdout.write(formatters.text({ diagnostics: problems, summary }, { color }).out);
    io.stdout.write(lines.map((l) => `${l}\n`).join(''));
    const seconds = (performance.now() - started) / 1000;
    const changed = plan.rewrites.length - (problems.length - plan.problems.length);
    io.stderr.write(`${formatSummary({ check, ...read, changed, errors: problems.length, seconds })}\n`);
    return problems.length > 0 || (check && plan.rewrites.length > 0) ? 1 : 0;
  },
};

/**
 * Replaces one file (see replace-file.ts); null when done, else the problem
 * that kept the old file. A read-only file is refused as an editor refuses it:
 * the rename that replaces a file needs only the folder's permission, so the
 * file's own is asked first (no write bit at all, which even the superuser's
 * editor respects, or none this process has).
 */
function write(rewrite: Rewrite, io: Io): Diagnostic | null {
  const path = resolve(io.cwd, rewrite.path);
  const at = { file: rewrite.path, line: 1, column: 1 };
  const readOnly = readOnlyMode(path);
  if (readOnly !== null) return error('format-not-written', at, { reason: 'read-only-file', errno: readOnly });
  const outcome = replaceFile(path, rewrite.read, rewrite.bytes);
  if (outcome.kind === 'replaced') return null;
  if (outcome.kind === 'changed') return error('format-changed-on-disk', at, {});
  return error('format-not-written', at, { reason: outcome.reason, errno: outcome.errno });
}

/** The permission bits of the plain file at `path` written in octal (`0444`) when it is read-only to this process; else null. */
function readOnlyMode(path: string): string | null {
  let mode: number;
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) return null;
    mode = stat.mode & 0o7777;
  } catch {
    return null; // Gone or unreadable: replaceFile says so.
  }
  const octal = mode.toString(8).padStart(4, '0');
  if ((mode & 0o222) === 0) return octal;
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? octal : null;
  }
}
