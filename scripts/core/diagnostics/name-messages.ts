/**
 * The wording of the codes about BroadWorks names (`unknown-service-name`, the
 * platform file's `platform-*`), part of the message catalogue (`messages.ts`).
 */
import { EXTRA_NAMES_KEY, PLATFORM_KEYS } from '../model/platform.js';
import { PLATFORM_FILE } from '../reading/input.js';
import type { Code, DiagnosticArgs } from './diagnostic.js';
import { quoteShort } from './shorten.js';

export type Wording<C extends Code> = { [K in C]: (args: DiagnosticArgs[K]) => string };

/** A value quoted for a message, shortened when long. */
const q = (s: string): string => quoteShort(s);

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
  'platform-duplicate-name': ({ name, otherLine }) =>
    `the service name ${q(name)} is listed twice (also on line ${otherLine}); keep one`,
  'platform-known-name': ({ name }) =>
    `${q(name)} is a BroadWorks user service name the tool knows already; remove it from ${EXTRA_NAMES_KEY}`,
};
