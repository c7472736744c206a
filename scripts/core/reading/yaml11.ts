/**
 * Plain scalars that YAML 1.2 (core schema, which this tool reads) takes as
 * strings but that YAML 1.1 (yaml.org/type, 2005), which many tools still
 * read, takes as booleans or numbers. Authors who write them usually mean the
 * YAML 1.1 value. Scalars 1.1 and 1.2 read alike (`~`, `null`, `true`, `12`)
 * are not listed; octal `012` (a number with leading zeros in YAML 1.2) is
 * judged with the numbers (see `json-number.ts`).
 */

export const YAML11_TRUE = /^(y|Y|yes|Yes|YES|on|On|ON)$/;
/** Plain values YAML 1.1 read as false (and 1.2 reads as text): `no`, `off` and their capitalized forms. */
export const YAML11_FALSE = /^(n|N|no|No|NO|off|Off|OFF)$/;

/**
 * The spellings YAML 1.2's core schema reads as true (YAML 1.2.2, 10.3.2,
 * "Tag Resolution": `true|True|TRUE`): text only when quoted.
 */
export const YAML12_TRUE = /^(true|True|TRUE)$/;
/** The spellings YAML 1.2's core schema reads as false (`false|False|FALSE`, as above). */
export const YAML12_FALSE = /^(false|False|FALSE)$/;

/**
 * The boolean an author meant by text in a field that holds a boolean: a
 * plain YAML 1.1 word (`yes`, `Off`: text in YAML 1.2), or quoted text that
 * is a boolean once unquoted (`"True"`, `'FALSE'`: every YAML 1.2 spelling) or
 * a YAML 1.1 word (`"yes"`: a boolean field holds no text, so the word has no
 * other meaning); null for any other text. The service schema's rule words
 * them (`yaml11-boolean`, `wrong-type` with a hint), and `fmt` fixes them.
 */
export function meantBoolean(text: string, quoted: boolean): boolean | null {
  if (quoted && YAML12_TRUE.test(text)) return true;
  if (quoted && YAML12_FALSE.test(text)) return false;
  if (YAML11_TRUE.test(text)) return true;
  return YAML11_FALSE.test(text) ? false : null;
}

/** Whether quoted text is a boolean once its quotes are removed (a YAML 1.2 core spelling). */
export const isYaml12Boolean = (text: string): boolean => YAML12_TRUE.test(text) || YAML12_FALSE.test(text);

// YAML 1.1 int and float forms that YAML 1.2 core does not read as numbers: binary, signed
// or grouped hexadecimal, base 60, and digits grouped with `_`.
const BINARY = /^([-+]?)0b([01_]+)$/;
const HEX = /^([-+]?)0x([0-9a-fA-F_]+)$/;
const OCTAL_GROUPED = /^([-+]?)0([0-7_]+)$/;
const BASE60 = /^([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+)(\.[0-9_]*)?$/;
const DECIMAL_GROUPED = /^[-+]?(?:0|[1-9][0-9_]*)$|^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$/;

const MAY_READ = /^[-+.0-9yYnNoO]/;

export interface Yaml11Reading {
  readonly kind: 'boolean' | 'number';
  /** The value YAML 1.1 reads, as JSON would write it: `true`, `90`. */
  readonly value: string;
}

/** What YAML 1.1 reads a plain scalar as, when YAML 1.2 reads the same text as a string; else null. */
export function yaml11Reading(plain: string): Yaml11Reading | null {
  // Every form above starts so: most strings are passed over at the cost of this one test.
  if (!MAY_READ.test(plain)) return null;
  if (YAML11_TRUE.test(plain)) return { kind: 'boolean', value: 'true' };
  if (YAML11_FALSE.test(plain)) return { kind: 'boolean', value: 'false' };
  const number = yaml11Number(plain);
  return number === null || !Number.isFinite(number) ? null : { kind: 'number', value: String(number) };
}

function yaml11Number(plain: string): number | null {
  const signed = (sign: string | undefined, n: number) => (sign === '-' ? -n : n);
  const ungrouped = (s: string) => s.replace(/_/g, '');
  let m = BINARY.exec(plain);
  if (m !== null && /[01]/.test(m[2] as string)) return signed(m[1], Number.parseInt(ungrouped(m[2] as string), 2));
  m = HEX.exec(plain);
  // `0x1F` is a number in YAML 1.2 too; only a sign or `_` makes it a 1.2 string.
  if (m !== null && (m[1] !== '' || plain.includes('_')) && /[0-9a-fA-F]/.test(m[2] as string)) {
    return signed(m[1], Number.parseInt(ungrouped(m[2] as string), 16));
  }
  m = OCTAL_GROUPED.exec(plain);
  if (m !== null && plain.includes('_') && /[0-7]/.test(m[2] as string)) {
    return signed(m[1], Number.parseInt(ungrouped(m[2] as string), 8));
  }
  m = BASE60.exec(plain);
  if (m !== null && (m[3] !== undefined || /^[1-9]/.test(m[2] as string))) {
    const parts = ungrouped(m[2] as string)
      .split(':')
      .map(Number);
    const whole = parts.reduce((sum, part) => sum * 60 + part, 0);
    return signed(m[1], whole + Number(`0${ungrouped(m[3] ?? '')}`));
  }
  if (plain.includes('_') && DECIMAL_GROUPED.test(plain) && /[0-9]/.test(plain)) return Number(ungrouped(plain));
  return null;
}
