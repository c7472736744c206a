import { access, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayPath, MissingFolderError, readServices } from '../../adapters/read-services.js';
import { analyze } from '../../core/analysis/analyze.js';
import { type Diagnostic, error, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { formatters } from '../../core/diagnostics/format/index.js';
import { canonicalString as scalar } from '../../core/format-source/layout.js';
import { KINDS } from '../../core/kinds/index.js';
import { userServicesIdentity } from '../../core/kinds/user-services/identity.js';
import { FLAGS, type Flag } from '../../core/model/service.js';
import { DESCRIPTION_MAX_LENGTH } from '../../core/model/service-schema.js';
import { instancePath, urlOf, utf8 } from '../../core/model/site.js';
import { SERVICE_FILE } from '../../core/reading/input.js';
import { type CatalogHome, catalogHome } from '../catalog-home.js';
import type { Command } from '../command.js';
import { type Io, UsageError } from '../io.js';
import { type OptionDecl, type PositionalDecl, SERVICES, usageOf } from '../option-decls.js';
import { parseOptions } from '../options.js';
import { countBySeverity } from '../report.js';

export interface NewService {
  readonly instance: string;
  readonly technicalName: string;
  readonly displayName: string;
  readonly description: string;
  readonly flags: readonly Flag[];
}

const POSITIONALS: readonly PositionalDecl[] = [
  { name: '<instance>', meaning: 'the instance name: the file name without .yaml, the last segment of its URL' },
];

const OPTIONS: readonly OptionDecl[] = [
  {
    name: 'technical-name',
    type: 'string',
    value: 'NAME',
    required: true,
    shownDefault: 'none: required',
    meaning: 'the BroadWorks name of the service, which clients key on',
  },
  {
    name: 'display-name',
    type: 'string',
    value: 'NAME',
    shownDefault: 'the technical name',
    meaning: 'the name shown to people',
  },
  {
    name: 'description',
    type: 'string',
    value: 'TEXT',
    default: '',
    shownDefault: 'empty',
    meaning: `what the service does, at most ${DESCRIPTION_MAX_LENGTH} characters`,
  },
  {
    name: 'for',
    type: 'string',
    value: 'hg,cc,ivr,enduser',
    shownDefault: 'none',
    meaning: 'the lists that offer it: Hunt Groups, Call Centers, IVR, End Users (comma-separated)',
  },
  SERVICES,
];

export const newService: Command = {
  summary: 'write a new, commented service file that passes check',
  usage: usageOf('new', OPTIONS, POSITIONALS),
  options: OPTIONS,
  positionals: POSITIONALS,
  examples: [
    'user-services new voicemail --technical-name "Voice Messaging User" --for hg,cc',
    'user-services new call-park --technical-name "Call Park" --description "Parks a call for pick-up"',
  ],
  async run(args, io) {
    const { values, positionals } = parseOptions(args, OPTIONS, 1);
    const service = serviceFrom(values, positionals[0]);
    const dir = resolve(io.cwd, String(values.services));
    const input = await readServices(dir, io.cwd, KINDS).catch((e) => {
      if (e instanceof MissingFolderError) throw e.naming(String(values.services));
      throw e;
    });
    const target = join(dir, `${service.instance}.yaml`);
    const path = displayPath(target, io.cwd);
    // A separator would put the file elsewhere and hide the name from the rules, which see only the last segment.
    if (/[/\\]/.test(service.instance)) {
      const at = { file: `${input.dir}/${service.instance}.yaml`, line: 1, column: 1 };
      return refuseWith(io, at.file, [
        error('invalid-instance-name', at, { name: service.instance, problem: 'pattern' }),
      ]);
    }
    if (await exists(target))
      return refuse(io, `${path} already exists; edit it instead, or choose another instance name`);
    const text = serviceYaml(service, catalogHome(dir));
    const candidate = { kind: 'file', path, bytes: utf8(text) } as const;
    const problems = analyze({ dir: input.dir, files: [...input.files, candidate] }, KINDS).diagnostics.filter(
      (d) => d.file === path,
    );
    const refused = vetNewFile(io, path, problems);
    if (refused !== null) return refused;
    try {
      await writeFile(target, text, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return refuse(io, `${path} already exists; edit it instead`);
      throw e;
    }
    printWarnings(io, problems);
    io.stdout.write(`${path}\n`);
    return 0;
  },
};

function serviceFrom(values: Record<string, unknown>, given: string | undefined): NewService {
  if (given === undefined) throw new UsageError('the instance name is missing');
  // The technical name is what clients key on; guessing it from the file name would publish a wrong one.
  if (values['technical-name'] === undefined) throw new UsageError('--technical-name is required');
  const technicalName = String(values['technical-name']);
  return {
    // `new voicemail.yaml` means the file voicemail.yaml, not the instance "voicemail.yaml".
    instance: given.replace(SERVICE_FILE, ''),
    technicalName,
    displayName: values['display-name'] === undefined ? technicalName : String(values['display-name']),
    description: String(values.description),
    flags: flagsOption(values.for),
  };
}

/** The diagnostics as `check` prints them (`file:line:col: severity code: message`, one a line). */
function textOf(problems: readonly Diagnostic[]): string {
  const summary = { command: 'new', services: 1, ...countBySeverity({ diagnostics: problems }), seconds: 0 };
  return formatters.text({ diagnostics: problems, summary }, { color: false }).out;
}

/**
 * What the new file's own diagnostics decide, as they decide check's exit
 * status: an error refuses the file, printing every diagnostic (warnings too)
 * as check would once the file exists, and gives the exit status 1; warnings
 * alone refuse nothing (null: write the file, then `printWarnings`).
 */
export function vetNewFile(io: Io, path: string, problems: readonly Diagnostic[]): number | null {
  return hasErrors(problems) ? refuseWith(io, path, problems) : null;
}

/** Prints the warnings of a file written all the same on standard error, as check prints them; nothing when none. */
export function printWarnings(io: Io, warnings: readonly Diagnostic[]): void {
  if (warnings.length > 0) io.stderr.write(textOf(warnings));
}

/** Refuses with the core's own diagnostics, as check would report them once the file exists. */
function refuseWith(io: Io, path: string, problems: readonly Diagnostic[]): number {
  return refuse(io, `${path} would not be valid, so it was not written:\n${textOf(problems)}`);
}

function refuse(io: Io, message: string): number {
  io.stderr.write(`user-services new: ${message}${message.endsWith('\n') ? '' : '\n'}`);
  return 1;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** `--for hg,cc` (or `for_hg,for_cc`) to the flags in canonical order. */
function flagsOption(value: unknown): Flag[] {
  if (value === undefined) return [];
  const names = String(value)
    .split(',')
    .map((n) => n.trim());
  for (const name of names) {
    if (!FLAGS.includes(`for_${name.replace(/^for_/, '')}` as Flag)) {
      throw new UsageError(`--for takes a comma-separated list of hg, cc, ivr, enduser; "${name}" is not one of them`);
    }
  }
  return FLAGS.filter((f) => names.some((n) => `for_${n.replace(/^for_/, '')}` === f));
}

/**
 * The text of a new service file: the schema line, comments on each field
 * (pointing at `home`'s description of the fields and check command), and
 * every field, in the order of the schema (README, Fields): exactly the
 * canonical form `fmt` writes (its values quoted as fmt quotes them, the
 * closing comments after a blank line), so that `fmt --check` passes on it.
 * `init` writes its example with it too.
 */
export function serviceYaml(s: NewService, home: CatalogHome): string {
  const flag = (f: Flag) => `${f}: ${s.flags.includes(f)}`;
  return [
    `# yaml-language-server: $schema=${home.schema}`,
    `# The user service published at ${urlOf(instancePath(userServicesIdentity, s.instance))}`,
    `# Every field is described in ${home.fields}; "${home.check}" validates the file.`,
    '',
    '# The BroadWorks name of the service. Clients key on it: never change it once published.',
    `technical_name: ${scalar(s.technicalName)}`,
    '# The name shown to people.',
    `display_name: ${scalar(s.displayName)}`,
    `# At most ${DESCRIPTION_MAX_LENGTH} characters.`,
    `description: ${scalar(s.description)}`,
    '# Set to true to stop new assignments, before the service is removed; then say when,',
    '# why and what instead, and when it goes (the instance URL sends these as headers):',
    'no_more_assignable: false',
    '# deprecation:',
    '#   since: 2025-03-01        # the day it was deprecated (YYYY-MM-DD)',
    '#   reason: replaced         # replaced, end-of-life, licence-withdrawn or security',
    '#   note: Assign other-service instead  # free text for people, at most 500 characters',
    '#   replaced_by: other-service',
    '#   sunset: 2025-12-31       # the day it will be removed',
    '# true lists the service in the filtered lists of Hunt Groups, Call Centers, IVR and End',
    '# Users. Turning a flag off later takes it out of a list: a breaking change for clients.',
    ...FLAGS.map(flag),
    '# A free JSON object for future use, published as written.',
    'add_data: {}',
    '',
    '# Renaming this file changes its URL: list the old names and their URLs redirect here.',
    '# previous_names: [old-name]',
    '',
  ].join('\n');
}
