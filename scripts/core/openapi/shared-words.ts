/**
 * The words of the OpenAPI document's shared parts (its `info` and the 404's
 * description), made from the words of the kinds it describes
 * (`OpenApiPart.words`), so that a document of several kinds names each of
 * them; a kind without words is described by its paths and schemas alone.
 */

import { listed } from '../hosting/policy.js';
import type { DocumentedKind, DocumentWords } from './kind.js';

/** What the document says of every site, whatever its kinds. */
const SERVED = 'Served as static JSON files; every URL ends in `/` and answers `application/json`.';

/** The words of the described kinds among `kinds` that give them, in order. */
export const wordsOf = (kinds: readonly DocumentedKind[]): DocumentWords[] =>
  kinds.flatMap((kind) => (kind.openApi?.words === undefined ? [] : [kind.openApi.words]));

/** `a`, `a or b`, `a, b or c`. */
const either = (names: readonly string[]): string =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/**
 * The document's `info` title and description for `kinds`: `<titles> API`
 * (`User Services API`; `Configuration API` when no kind gives words), each
 * kind's purpose, what every site is, then how each kind's list entries join
 * its instances.
 */
export function infoWords(kinds: readonly DocumentedKind[]): { title: string; description: string } {
  const words = wordsOf(kinds);
  const titles = words.map((w) => w.title);
  return {
    title: `${titles.length === 0 ? 'Configuration' : listed(titles)} API`,
    description: [...words.map((w) => w.purpose), SERVED, ...words.map((w) => w.listToInstance)].join(' '),
  };
}

/** The 404's description: `No user service has this instance name.` (`No object` when no kind gives words). */
export function notFoundWords(kinds: readonly DocumentedKind[]): string {
  const singulars = wordsOf(kinds).map((w) => w.singular);
  return `No ${singulars.length === 0 ? 'object' : either(singulars)} has this instance name.`;
}
