/**
 * `user-services <command> --help` and `user-services help <command>`: the
 * usage line, what the command does, every option with its default and
 * meaning, and examples, all made from the command's declarations
 * (option-decls.ts), so that help says what the parser accepts.
 */
import type { Command } from './command.js';
import { type OptionDecl, optionLabel } from './option-decls.js';

/**
 * Markdown as plain text: `code` without backticks, a link to a section of the
 * README in parentheses left out (help stands alone), another link as its text.
 */
export function plain(markdown: string): string {
  return markdown
    .replace(/ \(\[[^\]]*\]\(#[^)]*\)\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1');
}

/** One option's default, as help shows it after its meaning. */
function shownDefault(d: OptionDecl): string {
  const text = plain(d.shownDefault);
  return d.required === true ? ' (required)' : ` (default: ${text})`;
}

/** The help of one command: a few lines of text, each ending in a newline. */
export function commandHelp(command: Command): string {
  const rows = [
    ...(command.positionals ?? []).map((p) => [p.name, plain(p.meaning)] as const),
    ...command.options.map((d) => [optionLabel(d, true), `${plain(d.meaning)}${shownDefault(d)}`] as const),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Usage: ${command.usage}`,
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`),
    '',
    command.examples.length === 1 ? 'Example:' : 'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
