import { parseArgs } from 'node:util';
import { FORMAT_NAMES, type FormatName } from '../core/diagnostics/format/index.js';
import { UsageError } from './io.js';
import { type OptionDecl, parserSpec } from './option-decls.js';

/**
 * Parses a command's arguments strictly; unknown options and stray words are
 * usage errors, and so is an argument that is not valid UTF-8 (see `undecodable`).
 */
export function parseOptions(args: readonly string[], decls: readonly OptionDecl[], positionals = 0) {
  try {
    const options = parserSpec(decls);
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true });
    if (parsed.positionals.length > positionals) {
      throw new UsageError(`unexpected argument: ${parsed.positionals[positionals]}`);
    }
    undecodable(parsed.tokens);
    emptyFolder(parsed.tokens, decls);
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

/** Refuses an empty value for a folder (`--out ''`): resolved, it would quietly mean the working directory. */
function emptyFolder(tokens: readonly ArgToken[] | undefined, decls: readonly OptionDecl[]): void {
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value !== '') continue;
    const decl = decls.find((d) => d.name === token.name);
    if (decl?.value === 'DIR')
      throw new UsageError(`${token.rawName} is empty: give a folder (its default is ${plainDefault(decl)})`);
  }
}

const plainDefault = (decl: OptionDecl) => decl.shownDefault.replaceAll('`', '');

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
