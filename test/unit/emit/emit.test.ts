import { describe, expect, it } from 'vitest';
import { emitFilters } from '../../../scripts/core/emit/filters.js';
import { emitInstances } from '../../../scripts/core/emit/instances.js';
import { emitList } from '../../../scripts/core/emit/list.js';
import { callMemo } from '../../../scripts/core/emit/memo.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { filterSets } from '../../../scripts/core/model/site.js';
import { analyzeTexts } from '../../helpers/core.js';

const decoder = new TextDecoder();
const API = 'api/v1/configs/user_services';

function apiFiles(files: Record<string, string>, pretty = false) {
  const { services, diagnostics } = analyzeTexts(files);
  expect(diagnostics).toEqual([]);
  const site = new Map();
  const memo = callMemo();
  const entries = [emitList, emitFilters, emitInstances].flatMap((step) =>
    step({
      objects: services,
      catalog: new Map(),
      kinds: [userServicesIdentity],
      options: { pretty, page: null },
      site,
      memo,
    }),
  );
  return new Map(entries.map(([path, bytes]) => [path, decoder.decode(bytes)]));
}

describe('the emitted API', () => {
  it('writes the list with the four keys in order, sorted by technical name in code-point order', () => {
    const site = apiFiles({
      'z.yaml': 'technical_name: Zeta\n',
      'a.yaml': 'technical_name: alpha\ndisplay_name: Alpha\ndescription: First\nno_more_assignable: true\n',
      'e.yaml': 'technical_name: Éclair\n',
      'b.yaml': 'technical_name: Beta\n',
    });
    expect(site.get(`${API}/index.json`)).toBe(
      '{"user_services":[' +
        '{"technical_name":"Beta","display_name":"Beta","description":"","no_more_assignable":false},' +
        '{"technical_name":"Zeta","display_name":"Zeta","description":"","no_more_assignable":false},' +
        '{"technical_name":"alpha","display_name":"Alpha","description":"First","no_more_assignable":true},' +
        '{"technical_name":"Éclair","display_name":"Éclair","description":"","no_more_assignable":false}]}\n',
    );
  });

  it('writes each instance with the nine keys in the spec order and defaults filled in', () => {
    const site = apiFiles({ 'vm.yaml': 'for_enduser: true\ntechnical_name: Voicemail\nfor_cc: true\n' });
    expect(site.get(`${API}/vm/index.json`)).toBe(
      '{"technical_name":"Voicemail","display_name":"Voicemail","description":"","no_more_assignable":false,' +
        '"for_hg":false,"for_ivr":false,"for_cc":true,"for_enduser":true,"add_data":{}}\n',
    );
  });

  it('keeps add_data as written, integer-like keys and nesting included', () => {
    const site = apiFiles({
      'vm.yaml': 'technical_name: V\nadd_data:\n  b: 1\n  "2": [true, null, 1.5, "x"]\n  a: {z: {}, y: []}\n',
    });
    expect(site.get(`${API}/vm/index.json`)).toContain(
      '"add_data":{"b":1,"2":[true,null,1.5,"x"],"a":{"z":{},"y":[]}}}',
    );
  });

  it('indents by two spaces with --pretty', () => {
    const site = apiFiles({ 'vm.yaml': 'technical_name: V\nadd_data: {a: [1]}\n' }, true);
    expect(site.get(`${API}/vm/index.json`)).toBe(
      '{\n  "technical_name": "V",\n  "display_name": "V",\n  "description": "",\n  "no_more_assignable": false,\n' +
        '  "for_hg": false,\n  "for_ivr": false,\n  "for_cc": false,\n  "for_enduser": false,\n' +
        '  "add_data": {\n    "a": [\n      1\n    ]\n  }\n}\n',
    );
  });

  it('writes the 15 filter lists in canonical segment order, each the AND of its flags', () => {
    const site = apiFiles({
      'hg.yaml': 'technical_name: HG\nfor_hg: true\n',
      'hgcc.yaml': 'technical_name: HGCC\nfor_hg: true\nfor_cc: true\n',
      'all.yaml': 'technical_name: ALL\nfor_hg: true\nfor_cc: true\nfor_ivr: true\nfor_enduser: true\n',
      'none.yaml': 'technical_name: NONE\n',
    });
    const filterPaths = [...site.keys()].filter((p) => p.includes('/filters/')).sort();
    expect(filterPaths).toHaveLength(15);
    expect(filterSets(userServicesIdentity).map((s) => s.join('/'))).toEqual([
      'for_hg',
      'for_cc',
      'for_hg/for_cc',
      'for_ivr',
      'for_hg/for_ivr',
      'for_cc/for_ivr',
      'for_hg/for_cc/for_ivr',
      'for_enduser',
      'for_hg/for_enduser',
      'for_cc/for_enduser',
      'for_hg/for_cc/for_enduser',
      'for_ivr/for_enduser',
      'for_hg/for_ivr/for_enduser',
      'for_cc/for_ivr/for_enduser',
      'for_hg/for_cc/for_ivr/for_enduser',
    ]);
    const names = (flags: string) =>
      JSON.parse(site.get(`${API}/filters/${flags}/index.json`) ?? 'null').user_services.map(
        (s: { technical_name: string }) => s.technical_name,
      );
    expect(names('for_hg')).toEqual(['ALL', 'HG', 'HGCC']);
    expect(names('for_hg/for_cc')).toEqual(['ALL', 'HGCC']);
    expect(names('for_cc/for_ivr')).toEqual(['ALL']);
    expect(names('for_enduser')).toEqual(['ALL']);
  });

  it('indents the list by two spaces with --pretty, entries two levels in', () => {
    const site = apiFiles({ 'b.yaml': 'technical_name: B\nfor_hg: true\n', 'a.yaml': 'technical_name: A\n' }, true);
    const entry = (name: string) =>
      `    {\n      "technical_name": "${name}",\n      "display_name": "${name}",\n      "description": "",\n      "no_more_assignable": false\n    }`;
    expect(site.get(`${API}/index.json`)).toBe(`{\n  "user_services": [\n${entry('A')},\n${entry('B')}\n  ]\n}\n`);
    expect(site.get(`${API}/filters/for_hg/index.json`)).toBe(`{\n  "user_services": [\n${entry('B')}\n  ]\n}\n`);
    expect(site.get(`${API}/filters/for_cc/index.json`)).toBe('{\n  "user_services": []\n}\n');
  });

  it('writes empty lists for a catalog without services', () => {
    for (const pretty of [false, true]) {
      const site = new Map(
        [emitList, emitFilters, emitInstances]
          .flatMap((step) =>
            step({
              objects: [],
              catalog: new Map(),
              kinds: [userServicesIdentity],
              options: { pretty, page: null },
              site: new Map(),
              memo: callMemo(),
            }),
          )
          .map(([path, bytes]) => [path, decoder.decode(bytes)]),
      );
      expect(site.size).toBe(16);
      expect(new Set(site.values())).toEqual(
        new Set([pretty ? '{\n  "user_services": []\n}\n' : '{"user_services":[]}\n']),
      );
    }
  });
});
