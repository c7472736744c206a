import { github } from './github.js';
import { json } from './json.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

export type FormatName = 'text' | 'github' | 'json';

/** Every output format; the record type makes a new format name need a formatter. */
export const formatters: Record<FormatName, Formatter> = { text, github, json };

/** The report formats `--format` accepts, in the order the usage lists them. */
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];
