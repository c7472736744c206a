/**
 * What keeps a string from being a name (a technical_name or display_name),
 * in words a message can use: the service schema's `$defs.name` (1 to 80 code
 * points, none of the refused characters of unicode/refused.ts, no leading,
 * trailing or doubled space). A test compares `nameFault` with the schema's
 * verdict on thousands of strings, so the two agree.
 */
import { firstRefused, type RefusedCharacter } from '../unicode/refused.js';
import { serviceSchema } from './service-schema.js';

/** Longest name, in code points (the schema's `maxLength` of `$defs.name`). */
export const NAME_MAX_LENGTH: number = serviceSchema.$defs.name.maxLength;

/** What is wrong with a name, first found first. */
export type NameFault =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long'; readonly length: number; readonly limit: number }
  | { readonly kind: 'refused'; readonly character: RefusedCharacter }
  | { readonly kind: 'spacing'; readonly problem: 'leading' | 'trailing' | 'doubled' };

/** The first fault of `value` as a name (length, then a refused character, then spacing), or null for a valid name. */
export function nameFault(value: string): NameFault | null {
  const length = [...value].length;
  if (length === 0) return { kind: 'empty' };
  if (length > NAME_MAX_LENGTH) return { kind: 'too-long', length, limit: NAME_MAX_LENGTH };
  const character = firstRefused(value);
  if (character !== null) return { kind: 'refused', character };
  if (value.startsWith(' ')) return { kind: 'spacing', problem: 'leading' };
  if (value.endsWith(' ')) return { kind: 'spacing', problem: 'trailing' };
  return value.includes('  ') ? { kind: 'spacing', problem: 'doubled' } : null;
}
