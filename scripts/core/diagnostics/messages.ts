/**
 * The message catalogue: all wording shown to users, one entry per diagnostic
 * code. The record type makes the compiler reject a code without a message.
 */

import {
  classInWords,
  INSTANCE_NAME_CHARACTERS,
  INSTANCE_NAME_FIRST,
  INSTANCE_NAME_MAX_LENGTH,
} from '../model/instance-name.js';
import { DEPRECATION_FIELDS } from '../model/service.js';
import { FIELDS } from '../model/service-schema.js';
import { PLATFORM_FILE, SERVICE_FILE } from '../reading/input.js';
import { quotedForFix } from '../reading/yaml-value-mistakes.js';
import { UNICODE_VERSION } from '../unicode/refused-table.js';
import type { Code, Diagnostic, DiagnosticArgs } from './diagnostic.js';
import { formatMessages } from './format-messages.js';
import { initMessages } from './init-messages.js';
import { lifecycleMessages } from './lifecycle-messages.js';
import { collisionWords, nameMessages } from './name-messages.js';
import { outputMessages } from './output-messages.js';
import { quoteShort, SHOWN_DETAIL_CODE_POINTS, showShort } from './shorten.js';
import { syncMessages } from './sync-messages.js';
import { parserWords, typeHints, valueStartWords } from './yaml-words.js';

/**
 * Which file of the services folder a diagnostic is in: a service file, or the
 * platform file (`PLATFORM_FILE`), which the reading stages read alike but
 * whose messages must name it.
 */
export type FileRole = 'service' | 'platform';

/** Each code's wording; `role` (a service file when not given) for the codes of reading, which any file may get. */
type Catalogue = { [C in Code]: (args: DiagnosticArgs[C], role?: FileRole) => string };

/** The file a message speaks of, by role: `a service file`, `the platform file`. */
const aFile = (role: FileRole | undefined): string =>
  role === 'platform' ? `the platform file ${PLATFORM_FILE}` : 'a service file';

/** `16.0` of `16.0.0`: the version as the Unicode Standard names its editions. */
const UNICODE_MAJOR_MINOR = UNICODE_VERSION.split('.').slice(0, 2).join('.');

/** The fields allowed beside an unknown one: in `deprecation`, or at the top of the file. */
const allowedFields = (field: string): string =>
  field.startsWith('deprecation.') ? `in deprecation are ${DEPRECATION_FIELDS.join(', ')}` : `are ${FIELDS.join(', ')}`;

/** A value quoted for a message, shortened when long. */
const q = (s: string): string => quoteShort(s);

/**
 * Every diagnostic code's wording, from its typed arguments to one line of text
 * (no trailing period, no file position: the report format adds it).
 */
export const messages: Catalogue = {
  'no-services': ({ dir }) =>
    `no service files (*.yaml, *.yml) in ${dir}; add one, e.g. with "user-services new <instance>"`,
  'not-a-file': ({ kind }, role) => {
    if (role === 'platform')
      return `this is ${kind === 'directory' ? 'a folder' : 'not a regular file'}, but ${PLATFORM_FILE} is the platform file, which must be a plain file; move it away, or replace it with the platform file`;
    return kind === 'directory'
      ? 'this is a folder, not a service file; rename it so that it does not end in .yaml or .yml'
      : 'this is not a regular file; service files must be plain files';
  },
  'symbolic-link': ({ target }) =>
    `symbolic links are not followed (this one points to ${q(target)}); copy the file into the services folder instead`,
  'file-unreadable': ({ reason }) => `the file cannot be read: ${reason}`,
  'not-a-service-file': ({ type }) => {
    const what = {
      file: 'this file is not read: service files end in .yaml or .yml; rename it if it is a service',
      directory:
        'this folder is not read: service files lie directly in the services folder; move the services in it up',
      'symbolic-link': 'this symbolic link is not read: service files are plain files ending in .yaml or .yml',
      other: 'this entry is not read: service files are plain files ending in .yaml or .yml',
    }[type];
    return `${what}, or move it out of the services folder (names starting with "." are skipped without a warning)`;
  },
  'file-too-large': ({ size, limit }, role) =>
    `the file has ${size} bytes, more than the limit of ${limit} bytes for ${aFile(role)}`,
  'invalid-encoding': ({ encoding }) => `the file is encoded in ${encoding}; save it as UTF-8`,
  'invalid-utf8': ({ byte }) => `byte ${byte} is not valid UTF-8; save the file as UTF-8`,
  'invalid-character': ({ codePoint }) =>
    codePoint === 'U+000D'
      ? 'a carriage return without a line feed (old Mac line endings); save the file with LF or CRLF line endings'
      : `the character ${codePoint} is not allowed in a YAML file; remove it`,
  'empty-file': () => 'the file is empty; a service needs at least a technical_name',
  'yaml-syntax': ({ detail, parserCode }) =>
    `${parserWords[parserCode] ?? parserWords.UNEXPECTED_TOKEN} (the YAML parser says: ${showShort(detail, SHOWN_DETAIL_CODE_POINTS)})`,
  'yaml-version': ({ version }) =>
    `only YAML 1.2 is supported, but the file declares %YAML ${version}; remove the directive`,
  'duplicate-key': ({ key }) => `the key ${q(key)} appears more than once in this mapping; keep one`,
  'multiple-documents': (_, role) =>
    `${aFile(role)} holds one YAML document; remove the "---" separator and what follows${role === 'platform' ? '' : ', or move it to its own file'}`,
  'unknown-tag': ({ tag }) => `the tag ${showShort(tag)} is not allowed; write a plain value without a tag`,
  'tag-mismatch': ({ tag }) =>
    `the tag ${tag} does not fit the value it is on (YAML 1.2 core schema); remove the tag or write a value of that type`,
  'unknown-alias': ({ alias }) =>
    `the alias *${showShort(alias)} refers to no anchor defined before it: a value starting with * is an alias in YAML; if the * belongs to the text, put the whole value in quotes`,
  'too-many-nodes': ({ limit, viaAliases }, role) =>
    viaAliases
      ? `aliases expand this document to more than ${limit} values; that is refused to protect the build`
      : `the document holds more than ${limit} values, the limit for ${aFile(role)}`,
  'too-deep': ({ limit }, role) => `values are nested more than ${limit} levels deep, the limit for ${aFile(role)}`,
  'recursive-alias': ({ alias }) =>
    `the alias *${showShort(alias)} is used inside its own anchor, so it would never end`,
  'merge-key': () => 'merge keys ("<<") are not part of YAML 1.2, which reads "<<" as a plain key; write the keys out',
  'forbidden-key': ({ key }) =>
    `the key ${q(key)} is not allowed anywhere in a service file, because JavaScript tools treat it specially`,
  'unclosed-quote': ({ quote }) =>
    `this ${quote} opens a quoted text that is never closed; close the quote with ${quote} where the text ends`,
  'unclosed-bracket': ({ bracket }) =>
    `this ${bracket} is never closed as YAML reads it; close it with ${bracket === '[' ? ']' : '}'} on the same line or on a line indented more than its key, or put the text in quotes if the ${bracket} belongs to it`,
  'key-indentation': ({ key, column, expected }) =>
    `the key ${q(key)} starts at column ${column}, but the keys above it start at column ${expected}; align the key with the ones above it`,
  'colon-in-text': ({ key, text }) =>
    `the value of ${q(key)} holds a colon followed by a space (or ends in a colon), which YAML reads as the start of another key; put the text in quotes: ${showShort(key)}: ${q(text)}`,
  'tab-indentation': () => 'a tab is used for indentation, which YAML does not allow; indent with spaces',
  'missing-space-after-colon': ({ written }) =>
    `${q(written)} has no space after the colon, so YAML reads the line as text, not as a key and its value; put a space after the colon`,
  'value-not-indented': ({ key }) =>
    `this line is not indented, so YAML does not read it as the value of ${q(key)} above it; put the value on the key's line after the colon, or indent it`,
  'repeated-directive': ({ directive }) =>
    `the directive ${showShort(directive)} appears a second time before the document, which YAML does not allow; keep one`,
  'reserved-directive': ({ name }, role) =>
    `the directive ${showShort(name)} is not allowed in ${aFile(role)} (YAML ignores directives it does not know); remove it`,
  'anchor-name-colon': ({ name, kind }, role) =>
    `the ${kind} ${kind === 'anchor' ? '&' : '*'}${showShort(name)} ends in ":", which YAML allows but ${aFile(role)} does not, because it reads like a key; rename it without the colon`,
  'comment-in-text': ({ field, tab }) =>
    `the text of ${showShort(field)} ends here: ${tab ? 'a tab followed by "#"' : '" #"'} starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it`,
  'unused-anchor': ({ name, onText }) =>
    onText
      ? `the value starts with "&${showShort(name)}", which YAML reads as an anchor (a name that aliases use to repeat the value), so "${showShort(name)}" is not part of the text and no alias uses it; if the & belongs to the text, put the whole value in quotes`
      : `the anchor &${showShort(name)} is used by no alias; remove it`,
  'field-in-add-data': ({ field, column }) =>
    `${q(field)} is a field of the service, but it is indented under add_data (column ${column}), so it is published as a key of add_data and the service does not get it; move it to column 1 if it is the service's field, or quote the key if it belongs to add_data`,
  'value-start': ({ key, start, meaning, value }) =>
    meaning === 'block'
      ? `the value of ${q(key)} starts with ${showShort(start)}, which YAML reads as the start of a block of text on the lines below, so only a comment may follow it on this line; write the text on the lines below, indented, or put the whole value in quotes: ${showShort(key)}: ${showShort(quotedForFix(value))}`
      : `the value of ${q(key)} starts with ${showShort(start)}, which YAML reads as ${valueStartWords[meaning]}; put the whole value in quotes: ${showShort(key)}: ${showShort(quotedForFix(value))}`,
  'quote-in-quoted-text': ({ key, quote, value }) =>
    quote === "'"
      ? `the value of ${q(key)} is text in single quotes that ends at this ', so YAML cannot read what follows it; write a ' inside single quotes twice (''), or put the whole value in double quotes: ${showShort(key)}: ${showShort(`"${value.slice(1, -1)}"`)}`
      : `the value of ${q(key)} is text in double quotes that ends at this ", so YAML cannot read what follows it; write a " inside double quotes as \\", or put the whole value in single quotes: ${showShort(key)}: ${showShort(`'${value.slice(1, -1).replace(/'/g, "''")}'`)}`,
  'bad-escape': ({ escape: written }) =>
    `${showShort(written)} is not an escape YAML knows in text in double quotes (a backslash starts an escape such as \\n or \\"); write the backslash twice (\\\\), or put the text in single quotes, where a backslash is a plain character`,
  'missing-colon': ({ written }) =>
    `${q(written)} has no colon, so YAML cannot read it as a key and its value; write key: value (a colon and a space after the key), or indent the line more than the key above it if it continues that key's text`,
  'comment-in-wrapped-text': ({ key }) =>
    `this line of the text of ${q(key)} starts with "#", which YAML reads as a comment that ends the text, so the lines after it cannot continue it; put the whole text in quotes, or start it with ">" on the key's line to keep every line as text`,
  'more-problems': ({ count }) =>
    `${count} more problem${count === 1 ? '' : 's'} of reading this file ${count === 1 ? 'is' : 'are'} not listed; fix the ones above and check again`,
  'not-a-mapping': ({ found }) =>
    `a service file must be a mapping of fields (technical_name: ...), but this is ${found}`,
  'unknown-field': ({ field, suggestion }) =>
    suggestion === null
      ? `unknown field ${q(field)}; allowed fields ${allowedFields(field)}`
      : `unknown field ${q(field)}; did you mean ${q(suggestion)}?`,
  'missing-field': ({ field }) => `the required field ${q(field)} is missing`,
  'wrong-type': ({ field, expected, found, hint }) =>
    `${field} must be ${expected}, but found ${found}${hint === null ? '' : `; ${typeHints[hint]}`}`,
  'yaml11-boolean': ({ field, found, write }) =>
    `${field} is the string ${q(found)}: YAML 1.2 reads ${found} as text, not as a boolean; write ${write}`,
  'too-long': ({ field, limit, length }) => `${field} has ${length} characters, more than the limit of ${limit}`,
  'too-short': ({ field, limit }) =>
    limit === 1 ? `${field} must not be empty` : `${field} needs at least ${limit} characters`,
  'name-spacing': ({ field, problem }) =>
    `${field} must not have ${problem === 'doubled' ? 'two spaces in a row' : `a ${problem} space`}`,
  'control-character': ({ field, codePoint, name, index }) =>
    `${field} contains the control character ${codePoint} ${name} at position ${index + 1}; remove it`,
  'invisible-character': ({ field, codePoint, name, index }) =>
    `${field} contains ${codePoint} ${name} at position ${index + 1}, a character that is invisible or looks like a plain space; remove it, or type a plain space (U+0020) where a space is meant`,
  'blank-character': ({ field, codePoint, name, index }) =>
    `${field} contains ${codePoint} ${name} at position ${index + 1}, a symbol that shows as a blank; remove it, or type a plain space (U+0020) where a space is meant`,
  'private-use-character': ({ field, codePoint, name, index }) =>
    `${field} contains ${codePoint} ${name} at position ${index + 1}, a private-use character: Unicode gives it no meaning or look, so most readers see nothing or a box; remove it, or write a character Unicode assigns`,
  'not-a-character': ({ field, codePoint, name, index, kind }) =>
    kind === 'noncharacter'
      ? `${field} contains ${codePoint} ${name} at position ${index + 1}, a noncharacter, which Unicode sets aside for programs' internal use and not for text; remove it`
      : `${field} contains ${codePoint} ${name} at position ${index + 1}, which is not a character in Unicode ${UNICODE_MAJOR_MINOR}, the version this tool knows: readers see nothing or a box; remove it`,
  'lone-surrogate': ({ path, codePoint }) =>
    `${path} holds ${codePoint}, half of a surrogate pair without its other half: it is not a Unicode character, and strict JSON readers refuse the whole published list that would hold it; write the character itself, or escape it whole ("\\U0001F600" or "\\ud83d\\ude00")`,
  'not-json': ({ path, problem, found }) => {
    const shown = showShort(found);
    const what = {
      'non-string-key': `the key ${shown} is not a string; JSON keys are strings, so quote it`,
      'non-finite-number': `${shown} is not a JSON number; write a finite number or quote it`,
      overflow: `${shown} is too large for a JSON number (a double, whose largest is about 1.8e308); write a smaller number, or quote it if it is text`,
    }[problem];
    return `${showShort(path)}: ${what}`;
  },
  'inexact-number': ({ path, found, tagged, loss, published, yaml11Octal }) => {
    const why = {
      hexadecimal: 'JSON has no hexadecimal numbers',
      octal: 'JSON has no octal numbers',
      'negative-zero': 'the JSON is written without the sign of zero',
      'leading-zero': `JSON numbers have no leading zeros${yaml11Octal === null ? '' : ` (and a YAML 1.1 reader sees the octal number ${yaml11Octal})`}`,
      underflow: 'it is too small for a JSON number (a double, whose smallest is 5e-324)',
      precision: 'a JSON number (a double) keeps only about 17 significant digits',
      'large-integer': 'a JSON number (a double) keeps whole numbers exactly only up to 2^53 (9007199254740992)',
    }[loss];
    const shown = showShort(found);
    if (tagged) {
      return `${showShort(path)}: the tag before the text ${shown} makes it a number, which would be published as ${published}, because ${why}; remove the tag to keep the text, or write ${published} if that number is meant`;
    }
    return `${showShort(path)}: ${shown} would be published as ${published}, because ${why}; write ${published} if that number is meant, or quote it if it is text`;
  },
  'yaml11-value': ({ path, found, kind, value }) =>
    `${showShort(path)} is the string ${q(found)} in YAML 1.2, but YAML 1.1 tools read ${showShort(found)} as the ${kind} ${value}; write ${value} if the ${kind} is meant, or quote it if it is text`,
  'invalid-instance-name': ({ name, problem }) => {
    const why = {
      pattern: `it must start with ${classInWords(INSTANCE_NAME_FIRST, 'one')} and use only ${classInWords(INSTANCE_NAME_CHARACTERS)}`,
      'trailing-dot': 'it must not end with "."',
      'too-long': `it must have at most ${INSTANCE_NAME_MAX_LENGTH} characters`,
    }[problem];
    // `_platform.yml`, `_Platform.yaml`: meant as the platform file, which has one exact name.
    const platform =
      name.toLowerCase() === PLATFORM_FILE.replace(SERVICE_FILE, '')
        ? ` (the platform file is named exactly ${PLATFORM_FILE})`
        : '';
    return `the instance name ${q(name)} (the file name without .yaml) is not valid: ${why}; rename the file${platform}`;
  },
  'reserved-instance-name': ({ name }) =>
    `the instance name ${q(name)} is reserved for the API's own paths; rename the file`,
  'duplicate-instance-name': ({ name, other }) =>
    `the instance name ${q(name)} is also used by ${other} (instance names ignore case and the .yaml/.yml extension); rename one of them`,
  'duplicate-technical-name': ({ name, other, otherLine, otherName, collision }) => {
    const why = collision === 'identical' ? '' : ` as ${q(otherName)}: ${collisionWords(collision, name, otherName)}`;
    return `the technical_name ${q(name)} is also used by ${other}:${otherLine}${why}; names a reader cannot tell apart are one name, so each service needs its own`;
  },
  ...nameMessages,
  ...formatMessages,
  ...outputMessages,
  ...initMessages,
  ...syncMessages,
  ...lifecycleMessages,
};

/** The role of the file at `path` (as shown to the user, `/` or `\\` between folders): the platform file by its exact name. */
export const fileRole = (path: string): FileRole =>
  path.split(/[\\/]/).at(-1) === PLATFORM_FILE ? 'platform' : 'service';

/** The message of a diagnostic: its code's wording with its arguments, naming the kind of file it is in. */
export function messageFor(d: Diagnostic): string {
  // The union is correlated by code; TypeScript cannot see that through the index.
  const format = messages[d.code] as (args: Diagnostic['args'], role: FileRole) => string;
  return format(d.args, fileRole(d.file));
}
