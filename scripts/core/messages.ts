/**
 * The message catalogue: all wording shown to users, one entry per diagnostic
 * code. The record type makes the compiler reject a code without a message.
 */
import type { Code, Diagnostic, DiagnosticArgs, TypeHint } from './diagnostic.js';
import { LIMITS } from './limits.js';
import { outputMessages } from './output-messages.js';
import { INSTANCE_NAME_MAX_LENGTH } from './rules/instance-name.js';
import { quoteShort, SHOWN_DETAIL_CODE_POINTS, showShort } from './shorten.js';

type Catalogue = { [C in Code]: (args: DiagnosticArgs[C]) => string };

/** A value quoted for a message, shortened when long. */
const q = (s: string): string => quoteShort(s);

const hints: Record<TypeHint, string> = {
  'quote-it': 'put it in quotes to make it a string',
  'unquote-it': 'remove the quotes to make it a boolean',
  'write-a-value': 'write a value or remove the line to use the default',
};

export const messages: Catalogue = {
  'no-services': ({ dir }) =>
    `no service files (*.yaml, *.yml) in ${dir}; add one, e.g. with "user-services new <instance>"`,
  'not-a-file': ({ kind }) =>
    kind === 'directory'
      ? 'this is a folder, not a service file; rename it so that it does not end in .yaml or .yml'
      : 'this is not a regular file; service files must be plain files',
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
  'file-too-large': ({ size, limit }) =>
    `the file has ${size} bytes, more than the limit of ${limit} bytes for a service file`,
  'invalid-encoding': ({ encoding }) => `the file is encoded in ${encoding}; save it as UTF-8`,
  'invalid-utf8': ({ byte }) => `byte ${byte} is not valid UTF-8; save the file as UTF-8`,
  'invalid-character': ({ codePoint }) =>
    codePoint === 'U+000D'
      ? 'a carriage return without a line feed (old Mac line endings); save the file with LF or CRLF line endings'
      : `the character ${codePoint} is not allowed in a YAML file; remove it`,
  'empty-file': () => 'the file is empty; a service needs at least a technical_name',
  'yaml-syntax': ({ detail }) => `invalid YAML: ${showShort(detail, SHOWN_DETAIL_CODE_POINTS)}`,
  'yaml-version': ({ version }) =>
    `only YAML 1.2 is supported, but the file declares %YAML ${version}; remove the directive`,
  'duplicate-key': ({ key }) => `the key ${q(key)} appears more than once in this mapping; keep one`,
  'multiple-documents': () =>
    'a service file holds one YAML document; remove the "---" separator and what follows, or move it to its own file',
  'unknown-tag': ({ tag }) => `the tag ${showShort(tag)} is not allowed; write a plain value without a tag`,
  'tag-mismatch': ({ tag }) =>
    `the tag ${tag} does not fit the value it is on (YAML 1.2 core schema); remove the tag or write a value of that type`,
  'unknown-alias': ({ alias }) => `the alias *${showShort(alias)} refers to no anchor defined before it`,
  'too-many-nodes': ({ limit, viaAliases }) =>
    viaAliases
      ? `aliases expand this document to more than ${limit} values; that is refused to protect the build`
      : `the document holds more than ${limit} values, the limit for a service file`,
  'too-deep': ({ limit }) => `values are nested more than ${limit} levels deep, the limit for a service file`,
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
  'reserved-directive': ({ name }) =>
    `the directive ${showShort(name)} is not allowed in a service file (YAML ignores directives it does not know); remove it`,
  'anchor-name-colon': ({ name, kind }) =>
    `the ${kind} ${kind === 'anchor' ? '&' : '*'}${showShort(name)} ends in ":", which YAML allows but a service file does not, because it reads like a key; rename it without the colon`,
  'comment-in-text': ({ field }) =>
    `the text of ${field} ends here: " #" starts a YAML comment, so what follows is not part of the value; put the whole text in quotes to keep it`,
  'more-problems': ({ count }) =>
    `${count} more problem${count === 1 ? '' : 's'} of reading this file ${count === 1 ? 'is' : 'are'} not listed; fix the ones above and check again`,
  'not-a-mapping': ({ found }) =>
    `a service file must be a mapping of fields (technical_name: ...), but this is ${found}`,
  'unknown-field': ({ field, suggestion }) =>
    suggestion === null
      ? `unknown field ${q(field)}; allowed fields are ${LIMITS.fieldList}`
      : `unknown field ${q(field)}; did you mean ${q(suggestion)}?`,
  'missing-field': ({ field }) => `the required field ${q(field)} is missing`,
  'wrong-type': ({ field, expected, found, hint }) =>
    `${field} must be ${expected}, but found ${found}${hint === null ? '' : `; ${hints[hint]}`}`,
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
  'lone-surrogate': ({ path, codePoint }) =>
    `${path} holds ${codePoint}, half of a surrogate pair without its other half: it is not a Unicode character, and strict JSON readers refuse the whole published list that would hold it; write the character itself, or escape it whole ("\\U0001F600" or "\\ud83d\\ude00")`,
  'not-json': ({ path, problem, found }) => {
    const what = {
      'non-string-key': `the key ${found} is not a string; JSON keys are strings, so quote it`,
      'non-finite-number': `${found} is not a JSON number; write a finite number or quote it`,
      'unsafe-integer': `${found} is too large to keep exactly in JSON; quote it to keep every digit`,
    }[problem];
    return `${path}: ${what}`;
  },
  'inexact-number': ({ path, found, loss, published, yaml11Octal }) => {
    const why = {
      hexadecimal: 'JSON has no hexadecimal numbers',
      octal: 'JSON has no octal numbers',
      'negative-zero': 'the JSON is written without the sign of zero',
      'leading-zero': `JSON numbers have no leading zeros${yaml11Octal === null ? '' : ` (and a YAML 1.1 reader sees the octal number ${yaml11Octal})`}`,
      underflow: 'it is too small for a JSON number (a double, whose smallest is 5e-324)',
      precision: 'a JSON number (a double) keeps only about 17 significant digits',
    }[loss];
    return `${path}: ${found} would be published as ${published}, because ${why}; write ${published} if that number is meant, or quote it if it is text`;
  },
  'yaml11-value': ({ path, found, kind, value }) =>
    `${path} is the string ${q(found)} in YAML 1.2, but YAML 1.1 tools read ${found} as the ${kind} ${value}; write ${value} if the ${kind} is meant, or quote it if it is text`,
  'invalid-instance-name': ({ name, problem }) => {
    const why = {
      pattern: 'it must start with a letter or digit and use only letters A-Z, digits, "_", "." and "-"',
      'trailing-dot': 'it must not end with "."',
      'too-long': `it must have at most ${INSTANCE_NAME_MAX_LENGTH} characters`,
    }[problem];
    return `the instance name ${q(name)} (the file name without .yaml) is not valid: ${why}; rename the file`;
  },
  'reserved-instance-name': ({ name }) =>
    `the instance name ${q(name)} is reserved for the API's own paths; rename the file`,
  'duplicate-instance-name': ({ name, other }) =>
    `the instance name ${q(name)} is also used by ${other} (instance names ignore case and the .yaml/.yml extension); rename one of them`,
  'duplicate-technical-name': ({ name, other, otherLine, otherName, collision }) => {
    const why = {
      identical: '',
      composition: ` as ${q(otherName)}: the two are the same characters written with different but equivalent code points, such as accents typed composed or decomposed (Unicode NFC and NFD)`,
      case: ` as ${q(otherName)}: the two differ only in case (Unicode case folding, where "ß" is "ss")`,
      compatibility: ` as ${q(otherName)}: the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored`,
    }[collision];
    return `the technical_name ${q(name)} is also used by ${other}:${otherLine}${why}; names a reader cannot tell apart are one name, so each service needs its own`;
  },
  ...outputMessages,
};

export function messageFor(d: Diagnostic): string {
  // The union is correlated by code; TypeScript cannot see that through the index.
  const format = messages[d.code] as (args: Diagnostic['args']) => string;
  return format(d.args);
}
