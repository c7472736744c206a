/**
 * The file-result codec: what the analysis cache stores of one file's result,
 * and reads back. A decoded result must be the result itself (services with
 * their maps, diagnostics with their arguments, outlines), and anything that
 * is not an encoded result must be refused, not read as one.
 */
import { describe, expect, it } from 'vitest';
import { analyzeTexts as analyzeInputFiles, type FileResult } from '../../../scripts/core/analysis/analyze.js';
import { decodeResult, encodeResult } from '../../../scripts/core/analysis/file-result-codec.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import type { Service } from '../../../scripts/core/model/service.js';
import type { InputFile } from '../../../scripts/core/reading/input.js';

const encoder = new TextEncoder();

function resultsOf(files: Record<string, string>): FileResult[] {
  const input: InputFile[] = Object.entries(files).map(([name, text]) => ({
    kind: 'file',
    path: `services/${name}`,
    bytes: encoder.encode(text),
  }));
  return analyzeInputFiles(input, 'services', KINDS);
}

/** Through JSON, as the cache stores it. */
const stored = (r: FileResult): unknown => JSON.parse(JSON.stringify(encodeResult(r, KINDS)));
/** A decoded result's value, as the service it is. */
const serviceOf = (r: FileResult | undefined): Service | null | undefined => r?.value as Service | null | undefined;

describe('the file-result codec', () => {
  const results = resultsOf({
    'plain.yaml': 'technical_name: Plain\n',
    'full.yaml':
      'technical_name: Zürich ✓ 😀\ndisplay_name: "Q \\"x\\""\ndescription: d\nno_more_assignable: true\nfor_hg: true\nfor_ivr: true\nadd_data:\n  z: 1\n  a: [true, null, 1.5, "x"]\n  m: { deep: { deeper: [] } }\n',
    'broken.yaml': 'technical_name: [\n',
    'warned.yaml': 'technical_name: Warned\ndescription: Park #1\n',
    'wrong.yaml': 'technical_name: 5\nunknown: 1\n',
  });

  it('gives back each result as it was, through JSON', () => {
    expect(results.map((r) => r.path)).toEqual([
      'services/plain.yaml',
      'services/full.yaml',
      'services/broken.yaml',
      'services/warned.yaml',
      'services/wrong.yaml',
    ]);
    for (const r of results) expect(decodeResult(stored(r), KINDS)).toEqual(r);
  });

  it('keeps the order of add_data keys and the services of valid files only', () => {
    const [plain, full, broken, warned, wrong] = results.map((r) => decodeResult(stored(r), KINDS));
    expect([...(serviceOf(full)?.add_data.keys() ?? [])]).toEqual(['z', 'a', 'm']);
    expect(serviceOf(plain)?.technical_name).toBe('Plain');
    expect(plain?.configKind).toBe('user_services');
    expect(serviceOf(broken)).toBeNull();
    expect(serviceOf(wrong)).toBeNull();
    expect(serviceOf(warned)?.description).toBe('Park');
    expect(warned?.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['2:19 comment-in-text']);
  });

  it("gives back the platform file's result: its problems and the names its outline keeps, and no service", () => {
    const [platform] = resultsOf({
      '_platform.yaml': 'extra_service_names:\n  - Premium Concierge\n  - 5\n  - Call Waiting\n',
    });
    const back = decodeResult(stored(platform as FileResult), KINDS);
    expect(back).toEqual(platform);
    expect(back.value).toBeNull();
    expect(back.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '3:5 platform-wrong-type',
      '4:5 platform-known-name',
    ]);
    const list = back.outline.root?.kind === 'map' ? back.outline.root.entries[0]?.value : undefined;
    expect(list?.kind === 'seq' ? list.items.map((i) => (i.kind === 'scalar' ? i.value : null)) : list).toEqual([
      'Premium Concierge',
      'Call Waiting',
    ]);
  });

  it('refuses what is not an encoded result', () => {
    for (const junk of [null, 1, 'x', [], {}, { path: 1 }]) expect(() => decodeResult(junk, KINDS)).toThrow();
  });

  it('refuses an entry written before results had kinds, and one of a kind not given', () => {
    const encoded = stored(results[0] as FileResult) as unknown[];
    expect(encoded[6]).toBe('user_services');
    expect(() => decodeResult(encoded.slice(0, 6), KINDS)).toThrow('not an encoded file result');
    expect(() => decodeResult([...encoded.slice(0, 6), 'widgets'], KINDS)).toThrow('no kind widgets');
    expect(() => decodeResult([...encoded.slice(0, 5), { technical_name: 5 }, 'user_services'], KINDS)).toThrow(
      'not an encoded service',
    );
  });
});
