import { parseArgs } from 'node:util';
import { FORMAT_NAMES, type FormatName } from '../core/diagnostics/format/index.js';
import { UsageError } from './io.js';
import { type OptionDecl, optionLabel, parserSpec } from './option-decls.js';

/**
 * Parses a command's arguments strictly; unknown options and stray words are
 * usage errors, and so is an argument that is not valid UTF-8 (see `undecodable`).
 */
export function parseOptions(args: readonly string[], decls: readonly OptionDecl[], positionals = 0) {
  try {
    const options = parserSpec(decls);
    const given = dashValues(args, decls);
    const parsed = parseArgs({ args: given, options, strict: true, allowPositionals: true, tokens: true });
    if (parsed.positionals.length > positionals) {
      throw new UsageError(`unexpected argument: ${parsed.positionals[positionals]}`);
    }
    undecodable(parsed.tokens);
    emptyValue(parsed.tokens, decls);
    return parsed;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function formatOption(value: unknown, allowed: readonly string[] = FORMAT_NAMES): FormatName {
  const format = value === undefined ? 'text' : String(value);
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${format}"`);
  return format as FormatName;
}

export function threadsOption(value: unknown): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--threads must be a whole number from 1 to 64, not "${String(value)}"`);
  return n;
}

/** What Node puts in `process.argv` for each byte sequence that is not UTF-8 (WHATWG Encoding, "replacement"). */
const REPLACEMENT = '\uFFFD';

/**
 * Refuses an argument holding U+FFFD: Node decodes the command line as UTF-8
 * and puts U+FFFD for bytes that are not (a Latin-1 terminal's "é" is the
 * byte E9), so the text or path the user meant is lost; written into a file
 * or used as a path it would be silently wrong. Throws a UsageError naming
 * the option (or the argument's position) and what to do.
 */
function undecodable(tokens: readonly ArgToken[] | undefined): void {
  for (const token of tokens ?? []) {
    const value = token.kind === 'option' ? token.value : token.kind === 'positional' ? token.value : undefined;
    if (value === undefined || !value.includes(REPLACEMENT)) continue;
    const which = token.kind === 'option' ? `the value of ${token.rawName}` : `the argument "${value}"`;
    throw new UsageError(
      `${which} is not valid UTF-8 (U+FFFD stands for bytes that could not be decoded): the terminal's encoding may not be UTF-8; set a UTF-8 locale (for example LANG=C.UTF-8) and type it again`,
    );
  }
}

/** What to give instead of an empty value, by placeholder; an option may say it itself (`OptionDecl.give`). */
const GIVE: Readonly<Record<string, string>> = {
  DIR: 'a folder',
  FILE: 'a file',
  'PUBLIC-KEY': 'a file',
  HOST: 'an address',
};

/**
 * Refuses an empty value (`--out ''`, `--signing-key=`) where one is never
 * meant: resolved, an empty folder or file would quietly mean the working
 * directory, an empty address every one. Throws a UsageError naming the
 * option and what to give.
 */
function emptyValue(tokens: readonly ArgToken[] | undefined, decls: readonly OptionDecl[]): void {
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value !== '') continue;
    const decl = decls.find((d) => d.name === token.name);
    const give = decl === undefined ? undefined : (decl.give ?? GIVE[decl.value ?? '']);
    if (decl === undefined || give === undefined) continue;
    const fallback = plainDefault(decl);
    const instead = fallback.startsWith('none')
      ? `, or leave ${token.rawName} out (${fallback})`
      : ` (its default is ${fallback})`;
    throw new UsageError(`${token.rawName} is empty: give ${give}${instead}`);
  }
}

/**
 * The arguments with a value that starts with "-" joined to its option
 * (`--history -1` as `--history=-1`), so that the option's own check judges
 * it rather than Node's parser, which calls it ambiguous. A value that is a
 * long option (`--history --pretty`), or none at the end, is a usage error
 * naming the value the option needs.
 */
function dashValues(args: readonly string[], decls: readonly OptionDecl[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return [...out, ...args.slice(i)];
    const decl = decls.find((d) => d.type === 'string' && `--${d.name}` === arg);
    const next = args[i + 1];
    if (decl === undefined || (next !== undefined && (!next.startsWith('-') || next === '-'))) {
      out.push(arg);
      continue;
    }
    const needs = `${arg} needs a value (${optionLabel(decl, true).slice(arg.length + 1)})`;
    if (next === undefined) throw new UsageError(needs);
    if (next.startsWith('--')) throw new UsageError(`${needs} before ${next}`);
    out.push(`${arg}=${next}`);
    i++;
  }
  return out;
}

const plainDefault = (decl: OptionDecl) => decl.shownDefault.replaceAll('`', '');

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
