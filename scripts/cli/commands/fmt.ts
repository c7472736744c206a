import { resolve } from 'node:path';
import { MissingFolderError, readServices } from '../../adapters/read-services.js';
import { replaceFile } from '../../adapters/replace-file.js';
import { analyze } from '../../core/analysis/analyze.js';
import { type Diagnostic, error } from '../../core/diagnostics/diagnostic.js';
import { formatters } from '../../core/diagnostics/format/index.js';
import { formatSummary, planFormat, type Rewrite, reformatted, wouldReformat } from '../../core/format-source/plan.js';
import { catalogHome } from '../catalog-home.js';
import type { Command } from '../command.js';
import { type Io, wantsColor } from '../io.js';
import { type OptionDecl, SERVICES, usageOf } from '../option-decls.js';
import { parseOptions } from '../options.js';

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
    const input = await readServices(dir, io.cwd).catch((e) => {
      throw e instanceof MissingFolderError ? e.naming(String(values.services)) : e;
    });
    const schemaLine = `# yaml-language-server: $schema=${catalogHome(dir).schema}`;
    const plan = planFormat(input, analyze(input), schemaLine);
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
    const summary = { command: 'fmt', services: plan.services, errors: problems.length, warnings: 0, seconds: 0 };
    io.stdout.write(formatters.text({ diagnostics: problems, summary }, { color }).out);
    io.stdout.write(lines.map((l) => `${l}\n`).join(''));
    const seconds = (performance.now() - started) / 1000;
    const changed = plan.rewrites.length - (problems.length - plan.problems.length);
    io.stderr.write(
      `${formatSummary({ check, services: plan.services, changed, errors: problems.length, seconds })}\n`,
    );
    return problems.length > 0 || (check && plan.rewrites.length > 0) ? 1 : 0;
  },
};

/** Replaces one file (see replace-file.ts); null when done, else the problem that kept the old file. */
function write(rewrite: Rewrite, io: Io): Diagnostic | null {
  const outcome = replaceFile(resolve(io.cwd, rewrite.path), rewrite.read, rewrite.bytes);
  const at = { file: rewrite.path, line: 1, column: 1 };
  if (outcome.kind === 'replaced') return null;
  if (outcome.kind === 'changed') return error('format-changed-on-disk', at, {});
  return error('format-not-written', at, { reason: outcome.reason, errno: outcome.errno });
}
