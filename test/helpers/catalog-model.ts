/**
 * The other side of the property tests: service specs written as YAML files,
 * and the API the contract says they publish, computed here independently of
 * the generator (its own serializer, its own code-point order, its own filters).
 */
import { type Field, FLAGS, type Flag, type Obj, type ServiceSpec, type Value } from './arbitraries.js';

export const API = 'api/v1/configs/user_services';

// Characters YAML does not allow raw, which JSON.stringify leaves raw.
const NOT_YAML_PRINTABLE = /[\u007F-\u009F\uFFFE\uFFFF]/g;
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_ ]*$/;
// Words YAML 1.2 reads as null or booleans, and words YAML 1.1 reads as booleans (which a plain add_data value warns of).
const NOT_STRINGS =
  /^(null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** A string as a YAML scalar: plain when nothing could misread it, otherwise quoted. */
export function scalarText(s: string): string {
  if (PLAIN_WORD.test(s) && !s.endsWith(' ') && !NOT_STRINGS.test(s)) return s;
  // Single quotes need no escapes, as long as nothing in the string is a line break or a control.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: see above.
  if (s.includes('"') && !/[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(s)) {
    return `'${s.replace(/'/g, "''")}'`;
  }
  return JSON.stringify(s).replace(NOT_YAML_PRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const keyText = (k: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !NOT_STRINGS.test(k) ? k : scalarText(k));

const isObj = (v: Value): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value in flow style, on one line. */
export function flowText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return scalarText(v);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (isObj(v)) return `{${v.entries.map(([k, x]) => `${keyText(k)}: ${flowText(x)}`).join(', ')}}`;
  return `[${(v as readonly Value[]).map(flowText).join(', ')}]`;
}

/** A mapping in block style, one key per line; lists and scalars stay in flow style. */
function blockLines(obj: Obj, indent: string): string[] {
  return obj.entries.flatMap(([k, v]) =>
    isObj(v) && v.entries.length > 0
      ? [`${indent}${keyText(k)}:`, ...blockLines(v, `${indent}  `)]
      : [`${indent}${keyText(k)}: ${flowText(v)}`],
  );
}

export interface WrittenFile {
  readonly name: string;
  readonly text: string;
  /** The line of each field, 1-based. */
  readonly lines: ReadonlyMap<Field, number>;
}

/** A service file: the editor line, an optional comment, then the fields in the spec's order. */
export function writeService(s: ServiceSpec, comment = ''): WrittenFile {
  const out = ['# yaml-language-server: $schema=../schema/user-service.schema.json'];
  if (comment !== '') out.push(`# ${comment}`);
  const lines = new Map<Field, number>();
  for (const field of s.order) {
    lines.set(field, out.length + 1);
    const value = s[field];
    if (field === 'add_data' && s.style === 'block' && (value as Obj).entries.length > 0) {
      out.push('add_data:', ...blockLines(value as Obj, '  '));
    } else {
      const text = typeof value === 'boolean' ? String(value) : flowText(value as Value);
      out.push(`${field}: ${text}${comment === '' ? '' : ` # ${comment}`}`);
    }
  }
  return { name: `${s.instance}${s.extension}`, text: `${out.join('\n')}\n`, lines };
}

/** JSON as the contract prints it: compact or indented by two, keys in the order given, final newline. */
export function json(v: Value, pretty = false): string {
  const write = (x: Value, indent: string): string => {
    if (x === null || typeof x !== 'object') return JSON.stringify(x);
    const inner = pretty ? `${indent}  ` : '';
    const parts = isObj(x)
      ? x.entries.map(([k, y]) => `${inner}${JSON.stringify(k)}${pretty ? ': ' : ':'}${write(y, inner)}`)
      : (x as readonly Value[]).map((y) => `${inner}${write(y, inner)}`);
    const [open, close] = isObj(x) ? ['{', '}'] : ['[', ']'];
    return parts.length === 0 ? open + close : `${open}${parts.join(',')}${pretty ? indent : ''}${close}`;
  };
  return `${write(v, pretty ? '\n' : '')}\n`;
}

const obj = (entries: [string, Value][]): Obj => ({ entries });

/** The instance as published: the nine fields, in the spec's example order, defaults filled in. */
export function instanceOf(s: ServiceSpec): Obj {
  return obj([
    ['technical_name', s.technical_name],
    ['display_name', s.display_name ?? s.technical_name],
    ['description', s.description ?? ''],
    ['no_more_assignable', s.no_more_assignable ?? false],
    ['for_hg', s.for_hg ?? false],
    ['for_ivr', s.for_ivr ?? false],
    ['for_cc', s.for_cc ?? false],
    ['for_enduser', s.for_enduser ?? false],
    ['add_data', s.add_data ?? obj([])],
  ]);
}

/** Unicode code-point order, computed on arrays of code points. */
export function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

/** The list body of some services: sorted, four fields each. */
export function listOf(services: readonly ServiceSpec[]): Obj {
  const sorted = [...services].sort((a, b) => byCodePoints(a.technical_name, b.technical_name));
  const entries = sorted.map((s) => obj((instanceOf(s).entries as [string, Value][]).slice(0, 4)));
  return obj([['user_services', entries]]);
}

/** The 15 non-empty sets of flags, in canonical order, computed from bit patterns. */
export const FLAG_SETS: readonly Flag[][] = Array.from({ length: 15 }, (_, i) =>
  FLAGS.filter((_, bit) => ((i + 1) >> bit) & 1),
);

/** Every file the catalog must publish, path to exact text. */
export function expectedSite(services: readonly ServiceSpec[], pretty = false): Map<string, string> {
  const site = new Map<string, string>([[`${API}/index.json`, json(listOf(services), pretty)]]);
  for (const flags of FLAG_SETS) {
    const chosen = services.filter((s) => flags.every((f) => s[f] === true));
    site.set(`${API}/filters/${flags.join('/')}/index.json`, json(listOf(chosen), pretty));
  }
  for (const s of services) site.set(`${API}/${s.instance}/index.json`, json(instanceOf(s), pretty));
  // A previous name holds a copy of the instance, for hosts that cannot redirect (no list names it).
  for (const s of services) {
    for (const previous of s.previous_names ?? [])
      site.set(`${API}/${previous}/index.json`, json(instanceOf(s), pretty));
  }
  return site;
}
