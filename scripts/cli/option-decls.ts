/**
 * The options of the commands, declared once: the parser's spec (`parserSpec`),
 * the usage line (`usageOf`), `--help` (help.ts) and the README's option tables
 * (checked by test/e2e/help.test.ts) are all made from these declarations.
 * `shownDefault` and `meaning` are written in Markdown (backticks, links), as
 * the README shows them; help shows them as plain text.
 */
import type { ParseArgsConfig } from 'node:util';
import { FORMAT_NAMES } from '../core/diagnostics/format/index.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface OptionDecl {
  /** The long name, without `--`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** The placeholder of the value in usage and tables (`DIR`, `N`); absent for a flag or a choice. */
  readonly value?: string;
  /** The values allowed, shown in usage as `a|b|c` (checked by the command). */
  readonly choices?: readonly string[];
  /** The parser's default, when the parser supplies one. */
  readonly default?: string | boolean;
  /** The default as people read it (Markdown). */
  readonly shownDefault: string;
  /** What the option does (Markdown). */
  readonly meaning: string;
  /** Usage shows it without brackets: the command refuses to run without it. */
  readonly required?: boolean;
  /** What to give instead of an empty value, when the placeholder does not say (options.ts refuses it). */
  readonly give?: string;
}

/** A command's words after its name that are not options (`<instance>`). */
export interface PositionalDecl {
  readonly name: string;
  readonly meaning: string;
  readonly optional?: boolean;
}

export const SERVICES: OptionDecl = {
  name: 'services',
  type: 'string',
  value: 'DIR',
  default: 'services',
  shownDefault: '`services`',
  meaning: 'the folder of service files',
};

export const FORMAT: OptionDecl = {
  name: 'format',
  type: 'string',
  choices: FORMAT_NAMES,
  shownDefault: '`text`',
  meaning: 'how problems are printed ([Output formats](#output-formats))',
};

export const NO_CACHE: OptionDecl = {
  name: 'no-cache',
  type: 'boolean',
  default: false,
  shownDefault: 'off',
  meaning: 'neither use nor update the results kept from earlier runs ([Performance](#performance))',
};

export const THREADS: OptionDecl = {
  name: 'threads',
  type: 'string',
  value: 'N',
  shownDefault: '2 for large catalogs on an idle machine, else 1',
  meaning: 'how many threads analyze the files',
};

/** The spec `node:util` `parseArgs` takes, in the declarations' order. */
export function parserSpec(decls: readonly OptionDecl[]): OptionSpec {
  return Object.fromEntries(
    decls.map((d) => [d.name, d.default === undefined ? { type: d.type } : { type: d.type, default: d.default }]),
  ) as OptionSpec;
}

/** `--name VALUE` or `--name a|b` or `--name`: how usage and tables name an option. */
export function optionLabel(d: OptionDecl, withChoices: boolean): string {
  if (d.value !== undefined) return `--${d.name} ${d.value}`;
  if (withChoices && d.choices !== undefined) return `--${d.name} ${d.choices.join('|')}`;
  return `--${d.name}`;
}

/** The usage line: `user-services <command> <positional> --required X [--optional Y] ...`. */
export function usageOf(
  command: string,
  decls: readonly OptionDecl[],
  positionals: readonly PositionalDecl[] = [],
): string {
  const words = [
    ...positionals.map((p) => (p.optional === true ? `[${p.name}]` : p.name)),
    ...decls.map((d) => (d.required === true ? optionLabel(d, true) : `[${optionLabel(d, true)}]`)),
  ];
  return ['user-services', command, ...words].join(' ');
}
