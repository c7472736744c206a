import { json } from './json.js';
import { markdown } from './markdown.js';
import { text } from './text.js';
import type { DiffRenderer } from './types.js';

export type DiffFormatName = 'text' | 'markdown' | 'json';

/** Every diff format; the record type makes a new format name need a renderer. */
export const diffRenderers: Record<DiffFormatName, DiffRenderer> = { text, markdown, json };

/** The diff renders `diff --format` accepts. */
export const DIFF_FORMAT_NAMES = Object.keys(diffRenderers) as DiffFormatName[];
