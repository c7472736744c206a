/**
 * Whether a number written in YAML keeps its value in the published JSON. The
 * JSON is written from a double (IEEE 754 binary64, as JavaScript holds
 * numbers), in its shortest form that reads back as the same double
 * (ECMAScript, Number::toString), so a number keeps its value exactly when its
 * written decimal value is that of the double. Trailing zeros (`1.50`), an
 * exponent (`1e3`) or a plus sign are only forms: the value survives them,
 * and so does a whole number beyond 2^53 that a double holds exactly
 * (`9007199254740992`, `1e20`).
 */

/** What is lost, or null when the value survives. */
export type NumberLoss =
  | 'hexadecimal'
  | 'octal'
  | 'negative-zero'
  | 'leading-zero'
  | 'underflow'
  | 'precision'
  | 'large-integer';

export interface NumberProblem {
  readonly loss: NumberLoss;
  /** What the published JSON would hold instead. */
  readonly published: string;
  /** For `0044`: the value a YAML 1.1 reader sees in the octal it reads (`36`); else null. */
  readonly yaml11Octal: string | null;
}

// YAML 1.2 core schema (10.3.2): the forms that resolve to numbers. `.inf` and `.nan` are not JSON numbers at all.
const HEX = /^0x[0-9a-fA-F]+$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/;

/** Digits without leading or trailing zeros and the exponent of the first, or null for zero. */
interface Decimal {
  readonly digits: string;
  readonly exponent: number;
}

function decimalOf(whole: string, fraction: string, exponent: number): Decimal | null {
  const all = whole + fraction;
  const first = all.search(/[1-9]/);
  if (first === -1) return null;
  // A loop, not `/0+$/`: that expression retries at each zero of a run and is quadratic in its length.
  let last = all.length;
  while (all.charCodeAt(last - 1) === 0x30) last--;
  const digits = all.slice(first, last);
  return { digits, exponent: exponent + whole.length - first - 1 };
}

/** The decimal value of a finite double as JavaScript prints it (`1.5`, `1e+21`, `5e-324`). */
function decimalOfDouble(value: number): Decimal | null {
  const m = /^(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(String(Math.abs(value)));
  if (m === null) throw new Error(`unexpected number form ${value}`);
  return decimalOf(m[1] as string, m[2] ?? '', Number(m[3] ?? 0));
}

/**
 * What a number written as `source` (the scalar as written, without quotes)
 * and read as `value` loses on its way to JSON, or null when nothing is lost.
 * Not-finite values and unsafe integers are not judged here.
 */
export function numberProblem(source: string, value: number): NumberProblem | null {
  const published = String(value);
  if (HEX.test(source)) return { loss: 'hexadecimal', published, yaml11Octal: null };
  if (OCTAL.test(source)) return { loss: 'octal', published, yaml11Octal: null };
  const m = DECIMAL.exec(source);
  if (m === null || !Number.isFinite(value)) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  const isInteger = m[3] === undefined && m[4] === undefined;
  if (/^0[0-9]/.test(whole)) {
    const octal = isInteger && /^[0-7]+$/.test(whole);
    const yaml11Octal = octal ? String(Number.parseInt(`${sign}${whole}`, 8)) : null;
    return { loss: 'leading-zero', published, yaml11Octal };
  }
  const written = decimalOf(whole, fraction, Number(exponent));
  const kept = decimalOfDouble(value);
  if (written !== null && kept === null) return { loss: 'underflow', published: '0', yaml11Octal: null };
  if (Object.is(value, -0)) return { loss: 'negative-zero', published: '0', yaml11Octal: null };
  if (written?.digits !== kept?.digits || written?.exponent !== kept?.exponent) {
    return { loss: isInteger ? 'large-integer' : 'precision', published, yaml11Octal: null };
  }
  return null;
}

/** Whether `source` is written as a decimal number (not `.inf`, `.nan`, hexadecimal or octal). */
export const isDecimalForm = (source: string): boolean => DECIMAL.test(source) && /[0-9]/.test(source);
