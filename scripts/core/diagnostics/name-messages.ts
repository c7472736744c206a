/**
 * The wording of the codes about BroadWorks names (`unknown-service-name`, the
 * platform file's `platform-*`), part of the message catalogue (`messages.ts`).
 */
import type { NameFault } from '../model/name-fault.js';
import { EXTRA_NAMES_KEY, PLATFORM_KEYS } from '../model/platform.js';
import { PLATFORM_FILE } from '../reading/input.js';
import type { Collision } from '../unicode/fold.js';
import type { Code, DiagnosticArgs } from './diagnostic.js';
import { quoteShort } from './shorten.js';

export type Wording<C extends Code> = { [K in C]: (args: DiagnosticArgs[K]) => string };

/** A value quoted for a message, shortened when long. */
const q = (s: string): string => quoteShort(s);

/** Why two different names `a` and `b` are one to a reader, by how they collide (unicode/fold.ts). */
export function collisionWords(collision: Exclude<Collision, 'identical'>, a: string, b: string): string {
  return {
    composition:
      'the two are the same characters written with different but equivalent code points, such as accents typed composed or decomposed (Unicode NFC and NFD)',
    case: `the two differ only in case (Unicode case folding${/[ßẞ]/.test(a + b) ? ', where "ß" is "ss"' : ''})`,
    compatibility:
      'the two are the same once compatibility forms, such as full-width letters or ligatures, are normalized (Unicode NFKC) and case is ignored',
  }[collision];
}

/** What keeps a string from being a name, in words (the clause after "which no technical_name can be: "). */
function faultWords(fault: NameFault): string {
  switch (fault.kind) {
    case 'empty':
      return 'it is empty';
    case 'too-long':
      return `it has ${fault.length} characters, more than the limit of ${fault.limit}`;
    case 'spacing':
      return `it has ${fault.problem === 'doubled' ? 'two spaces in a row' : `a ${fault.problem} space`}`;
    case 'refused': {
      const { codePoint, name, index, kind } = fault.character;
      const what = {
        control: 'a control character',
        invisible: 'a character that is invisible or looks like a plain space',
        blank: 'a symbol that shows as a blank',
        'private-use': 'a private-use character, which Unicode gives no meaning or look',
        noncharacter: 'a noncharacter, which is not for interchange',
        unassigned: 'a code point that is no character of the Unicode version the tool knows',
      }[kind];
      return `it contains ${codePoint} ${name} at position ${index + 1}, ${what}`;
    }
  }
}

/** The wording of `unknown-service-name` and of each `platform-*` code. */
export const nameMessages: Wording<'unknown-service-name' | Extract<Code, `platform-${string}`>> = {
  'unknown-service-name': ({ name, nearest, likeness, platformFile }) => {
    const known =
      'BroadWorks compares service names exactly, and clients join the catalog with the names it returns, so they would not find this service';
    if (nearest !== null && likeness === 'case') {
      return `the technical_name ${q(name)} differs only in case from the BroadWorks user service name ${q(nearest)}; ${known}: write ${q(nearest)}`;
    }
    if (nearest !== null && likeness === 'form') {
      return `the technical_name ${q(name)} is the BroadWorks user service name ${q(nearest)} written with other characters (case, accents or compatibility forms); ${known}: write ${q(nearest)}`;
    }
    const declare = `if the platform has a service of that name (a custom service, or one of a newer release), list it under ${EXTRA_NAMES_KEY} in ${platformFile}`;
    const guess = nearest === null ? '' : `did you mean ${q(nearest)}? `;
    return `the technical_name ${q(name)} is not a known BroadWorks user service name; ${guess}${known}; ${declare}`;
  },
  'platform-unknown-key': ({ key, suggestion }) =>
    suggestion === null
      ? `unknown key ${q(key)} in the platform file; its only ${PLATFORM_KEYS.length === 1 ? 'key is' : 'keys are'} ${PLATFORM_KEYS.join(', ')}`
      : `unknown key ${q(key)} in the platform file; did you mean ${q(suggestion)}?`,
  'platform-wrong-type': ({ path, expected, found }) => {
    const where = path === '' ? `the platform file (${PLATFORM_FILE})` : path;
    const what = {
      mapping: `a mapping of keys (${EXTRA_NAMES_KEY}: ...)`,
      list: 'a list of service names, one "- name" a line',
      name: 'a service name: text that is not empty',
    }[expected];
    return `${where} must be ${what}, but found ${found}`;
  },
  'platform-invalid-name': ({ path, name, fault }) =>
    `${path} is ${q(name)}, which no technical_name can be: ${faultWords(fault)}; write the name exactly as BroadWorks does (the rule of technical_name)`,
  'platform-duplicate-name': ({ name, otherLine, otherName, collision }) =>
    collision === 'identical'
      ? `the service name ${q(name)} is listed twice (also on line ${otherLine}); keep one`
      : `the service name ${q(name)} is listed twice: also on line ${otherLine} as ${q(otherName)}, and ${collisionWords(collision, name, otherName)}; names a reader cannot tell apart are one name, so keep the one BroadWorks writes`,
  'platform-known-name': ({ name, shipped, collision }) =>
    collision === 'identical'
      ? `${q(name)} is a BroadWorks user service name the tool knows already; remove it from ${EXTRA_NAMES_KEY}`
      : `${q(name)} is the BroadWorks user service name ${q(shipped)} the tool knows already, as a reader sees it: ${collisionWords(collision, name, shipped)}; remove it from ${EXTRA_NAMES_KEY}, and write ${q(shipped)} in the service files`,
};
