/**
 * Our words for what YAML does with a service file's text, part of the message
 * catalogue (`messages.ts`): the parser's errors, what a value's first
 * character makes of it, and the fix for a value of the wrong type.
 */
import type { TypeHint, ValueStart } from './diagnostic.js';

/** The fix a `wrong-type` message suggests, by hint. */
export const typeHints: Readonly<Record<TypeHint, string>> = {
  'quote-it': 'put it in quotes to make it a string',
  'unquote-it': 'remove the quotes to make it a boolean',
  'write-true': 'write true, without quotes, to make it a boolean',
  'write-false': 'write false, without quotes, to make it a boolean',
  'write-a-value': 'write a value or remove the line to use the default',
  'dash-is-list':
    'a line starting with "- " is a list item; write the text on the key\'s line, or put it in quotes if it starts with "- "',
  'brackets-are-list':
    'text in brackets ([ ]) is a list; write the text without the brackets, or put it in quotes if it starts with "["',
};

/**
 * Our words for each code of yaml's syntax errors (`yaml/dist/errors.d.ts`)
 * that reach `yaml-syntax`; the parser's own text follows them. Codes with
 * a diagnostic of their own (a duplicate key, a bad escape, a tag, a second
 * document) are not worded here.
 */
export const parserWords: Readonly<Record<string, string>> = {
  ALIAS_PROPS: 'an alias (*name) cannot have an anchor or a tag; remove them, or put the value in quotes if it is text',
  BAD_ALIAS:
    'this is not a valid alias (* and the name of an anchor defined before it); if the * belongs to the text, put the whole value in quotes',
  BAD_DIRECTIVE:
    'this directive is malformed or out of place; remove it (a service file needs no directive) or put the text in quotes',
  BAD_INDENT:
    'this line is indented in a way YAML cannot read here; indent the keys of one mapping alike, and the lines of a value more than its key',
  BAD_PROP_ORDER:
    'an anchor (&) or a tag (!) stands where YAML does not allow it; write it before the value, or put the text in quotes',
  BAD_SCALAR_START: 'a value cannot start with this character unquoted; put the whole value in quotes',
  BLOCK_AS_IMPLICIT_KEY: 'a key must be written on one line before its colon; put the key and its colon on one line',
  BLOCK_IN_FLOW:
    'inside [ ] or { }, values are separated by commas and cannot be written over indented lines; close the brackets, or put the text in quotes',
  IMPOSSIBLE: 'YAML cannot read the text from here; look for a quote or bracket left open, or put the value in quotes',
  KEY_OVER_1024_CHARS: 'a key has more than 1024 characters, more than YAML allows for a key; shorten it',
  MISSING_CHAR:
    'a character is missing here: a closing quote or bracket, a comma between values in brackets, or a colon after a key; add it, or put the text in quotes',
  MULTILINE_IMPLICIT_KEY:
    'a key and its colon must be on one line; write key: value, or indent the line more than the key above it if it continues that text',
  MULTIPLE_ANCHORS: 'a value has more than one anchor (&); keep one',
  MULTIPLE_TAGS: 'a value has more than one tag (!); keep one',
  NON_STRING_KEY: 'a key is not a plain text; write the key as text',
  RESOURCE_EXHAUSTION: 'aliases expand this document too far; write the values out',
  TAB_AS_INDENT: 'a tab is used for indentation, which YAML does not allow; indent with spaces',
  UNEXPECTED_TOKEN:
    'YAML cannot read the text from here; if a value holds characters YAML reads as structure (: # [ ] { } , & * ! | > \' " % @ `), put the whole value in quotes',
};

/** What YAML reads a plain value's first character as (`value-start`), in words. */
export const valueStartWords: Readonly<Record<Exclude<ValueStart, 'block'>, string>> = {
  flow: 'a list or mapping that ends before the rest of the text',
  alias: 'an alias (a reference to an anchor), not as text',
  reserved: 'a reserved indicator, which plain text cannot start with',
  list: 'a list item, not as text',
  key: 'a complex key, not as text',
};
