/**
 * The instance-name rule, once. An instance name is a service file's name
 * without its extension, and the last segment of its URL
 * (`/api/v1/configs/user_services/<instance>/`) and a folder name of the
 * built site on every operating system, so it keeps to characters that need
 * no escaping anywhere: letters A-Z, digits, `_`, `.` and `-`, starting with
 * a letter or digit, at most `INSTANCE_NAME_MAX_LENGTH` characters, not
 * ending with `.` (Windows drops a final dot), and not one of the names the
 * API's own paths use, nor the name of a file of the list's folder. The rules (`rules/instance-name.ts`,
 * `rules/reserved-name.ts`), the OpenAPI document's instance schema, and the
 * messages (the limit and the characters in words) all derive from here.
 */

import { FILTERS_FOLDER } from './site-folders.js';

/** The characters of an instance name, as the inside of a regular-expression class. */
export const INSTANCE_NAME_CHARACTERS = 'A-Za-z0-9_.-';
/** The characters it may start with, likewise. */
export const INSTANCE_NAME_FIRST = 'A-Za-z0-9';
/** Longest instance name, in characters (ASCII: characters, code points and bytes alike). */
export const INSTANCE_NAME_MAX_LENGTH = 100;
/**
 * Instance names the API's own paths use, refused in any case: `filters` is the
 * folder of the filtered lists; `index` would read as the list itself. Instance
 * names are ASCII, so lower case is their case folding.
 */
export const RESERVED_INSTANCE_NAMES: readonly string[] = [FILTERS_FOLDER, 'index'];
/**
 * Beginnings of instance names refused in any case: a name starting `index.`
 * is a file of the list's own folder (`index.json`, its `.gz` and `.br`
 * copies), where the service's folder would take its place.
 */
export const RESERVED_INSTANCE_PREFIXES: readonly string[] = ['index.'];

const PATTERN = new RegExp(`^[${INSTANCE_NAME_FIRST}][${INSTANCE_NAME_CHARACTERS}]*$`);
const RESERVED = new Set(RESERVED_INSTANCE_NAMES);

/** What is wrong with an instance name's form, first found first; null when nothing is. */
export type InstanceNameProblem = 'pattern' | 'too-long' | 'trailing-dot';

/** The first problem of `name`'s form (characters, then length, then a final dot), or null. */
export function instanceNameProblem(name: string): InstanceNameProblem | null {
  if (!PATTERN.test(name)) return 'pattern';
  if (name.length > INSTANCE_NAME_MAX_LENGTH) return 'too-long';
  return name.endsWith('.') ? 'trailing-dot' : null;
}

/** Whether `name` is one of `RESERVED_INSTANCE_NAMES`, or starts with one of `RESERVED_INSTANCE_PREFIXES`, in any case. */
export function isReservedInstanceName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || RESERVED_INSTANCE_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The characters of a regular-expression class such as `INSTANCE_NAME_CHARACTERS`
 * in words, for messages and descriptions: `A-Za-z` as letters A-Z, `0-9` as
 * digits, any other character quoted. `all`: `letters A-Z, digits, "_", "."
 * and "-"`; `one`: `a letter, digit, "_", "." or "-"`.
 */
export function classInWords(characterClass: string, form: 'all' | 'one' = 'all'): string {
  const words: string[] = [];
  for (let rest = characterClass; rest !== ''; ) {
    const range = /^(?:A-Za-z|a-zA-Z|A-Z|a-z|0-9)/.exec(rest)?.[0];
    if (range === undefined) {
      words.push(`"${rest[0]}"`);
      rest = rest.slice(1);
      continue;
    }
    const digits = range === '0-9';
    const letters = range.length > 3 ? 'letters A-Z' : `letters ${range}`;
    words.push(form === 'one' ? (digits ? 'digit' : 'letter') : digits ? 'digits' : letters);
    rest = rest.slice(range.length);
  }
  const [first, ...others] = form === 'one' ? [`a ${words[0] ?? ''}`, ...words.slice(1)] : words;
  const all = [first ?? '', ...others];
  return all.length < 2
    ? all.join('')
    : `${all.slice(0, -1).join(', ')} ${form === 'one' ? 'or' : 'and'} ${all.at(-1)}`;
}
