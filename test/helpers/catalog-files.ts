/**
 * A folder of service files read with the yaml library alone, as the input of
 * the model in catalog-model.ts: what any catalog, written by anyone, must
 * publish. Nothing here comes from the tool's own reading or rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Field, ServiceSpec, Value } from './arbitraries.js';
import { API } from './catalog-model.js';

/** Service files end in `.yaml` or `.yml`, in any case; names starting with `.` are hidden (README, Input). */
const SERVICE_FILE = /\.ya?ml$/i;

/** The file of extra service names (README, "Known BroadWorks names"), which is no service. */
const PLATFORM_FILE = '_platform.yaml';

/** The names of the service files of a folder, sorted by code unit. */
export function serviceFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && name !== PLATFORM_FILE && SERVICE_FILE.test(name))
    .sort();
}

/** A value as parsed (maps as `Map`, so that keys keep the order written, integer-like keys too) as a model value. */
function modelValue(v: unknown): Value {
  if (v instanceof Map) return { entries: [...v].map(([k, x]): [string, Value] => [String(k), modelValue(x)]) };
  if (Array.isArray(v)) return v.map(modelValue);
  return v as Value;
}

/**
 * One service file as a model spec: YAML 1.2 with the core schema (the
 * library's default), fields by name. Throws on a file the library refuses or
 * whose top level is not a mapping, which no valid catalog holds.
 */
export function readSpec(dir: string, name: string): ServiceSpec {
  const doc = parseDocument(readFileSync(join(dir, name), 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors[0]?.message}`);
  const top = doc.toJS({ mapAsMap: true }) as unknown;
  if (!(top instanceof Map)) throw new Error(`${name}: not a mapping`);
  const entries = [...top].map(([k, v]) => [String(k), k === 'add_data' ? modelValue(v) : v]);
  const fields = Object.fromEntries(entries) as Pick<ServiceSpec, 'technical_name'> & Partial<ServiceSpec>;
  return {
    ...fields,
    instance: name.replace(SERVICE_FILE, ''),
    extension: /\.yml$/i.test(name) ? '.yml' : '.yaml',
    order: Object.keys(fields) as Field[],
    style: 'block',
  };
}

/** Every service file of a folder as a model spec. */
export const readSpecs = (dir: string): ServiceSpec[] => serviceFileNames(dir).map((name) => readSpec(dir, name));

/**
 * The files of the API in a built site: the list, the filters and the
 * instances, by path, as text. Files beyond the spec (names starting with `_`,
 * which no instance can have) are not the model's.
 */
export function apiFilesOf(site: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const decoder = new TextDecoder();
  return new Map(
    [...site]
      .filter(([p]) => p.startsWith(`${API}/`) && p.endsWith('/index.json') && !p.startsWith(`${API}/_`))
      .map(([p, bytes]) => [p, decoder.decode(bytes)]),
  );
}
