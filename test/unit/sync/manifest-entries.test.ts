/**
 * Reading a published manifest as anyone could have written it: each entry
 * that is not a site path or repeats a path is located at its path's value,
 * escapes and white space included; a manifest that cannot be checked at all
 * is one diagnostic at the value that says why; no nesting exhausts the stack.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { manifestEntries } from '../../../scripts/core/sync/manifest-entries.js';

const FILE = 'dist/m.json';
const H = 'a'.repeat(64);
const encode = (text: string) => new TextEncoder().encode(text);
/** Each diagnostic as `line:column code args`. */
const brief = (text: string) => {
  const read = manifestEntries(encode(text), FILE);
  const list = 'files' in read ? read.problems : [read];
  return {
    files: 'files' in read ? read.files.map((f) => f.path) : null,
    problems: list.map((d) => `${d.line}:${d.column} ${d.code} ${JSON.stringify(d.args)}`),
  };
};

describe('manifest entries', () => {
  it('keeps site paths and locates each invalid or repeated one at its value, escapes included', () => {
    const text = [
      '{"api_version":1,"files":[',
      ` {"path":"a","sha256":"${H}","size":1},`,
      ` {"size":1,"sha256":"${H}","path":   "\\u002e\\u002e/x"},`,
      ` {"path":"a","sha256":"${H}","size":2},`,
      ` {"path":"b","path":"/c","sha256":"${H}","size":1},`,
      ` {"path":"b","sha256":"${H}","size":0}`,
      ']}',
    ].join('\n');
    expect(brief(text)).toEqual({
      files: ['a', 'b'],
      problems: [
        `3:${(text.split('\n')[2]?.indexOf('"\\u002e') as number) + 1} verify-manifest-invalid-path {"path":"../x","reason":"dot-segment"}`,
        '4:10 verify-manifest-duplicate-path {"path":"a","line":2}',
        // As JSON.parse, the last of two "path" keys counts.
        `5:${(text.split('\n')[4]?.indexOf('"/c"') as number) + 1} verify-manifest-invalid-path {"path":"/c","reason":"absolute"}`,
      ],
    });
  });

  it('says why a manifest cannot be checked, at the value that says it', () => {
    expect(brief('{"files":[]}').problems).toEqual([
      `1:1 verify-manifest-unreadable {"path":"${FILE}","reason":"it holds no \\"api_version\\", and this version of user-services reads \\"api_version\\": 1 only; verify with a version of user-services that reads the site's"}`,
    ]);
    expect(brief('{\n  "api_version": "1",\n  "files": []\n}').problems[0]).toMatch(
      /^2:18 verify-manifest-unreadable .*"api_version\\": \\"1\\"/,
    );
    expect(brief('{"api_version":1,\n"files":{}}').problems[0]).toMatch(
      /^2:9 verify-manifest-unreadable .*it holds no \\"files\\" list/,
    );
    expect(
      brief(
        `{"api_version":1,"files":[{"path":"a","sha256":"${H}","size":1},\n  {"path":"b","size":-1,"sha256":"${H}"}]}`,
      ).problems[0],
    ).toMatch(
      /^2:3 verify-manifest-unreadable .*entry 2 of \\"files\\" lacks a path, a SHA-256 \(64 hex digits\) or a size \(bytes\)/,
    );
    for (const text of ['null', '[]', '7', '"x"', '\uFEFF{}', '{"api_version":1,"files":[null]}'])
      expect(brief(text).problems).toHaveLength(1);
    expect(manifestEntries(new Uint8Array([0xff]), FILE)).toMatchObject({
      code: 'verify-manifest-unreadable',
      line: 1,
      column: 1,
      args: { reason: 'it is not JSON in UTF-8' },
    });
  });

  it('reads a manifest nested 100,000 deep beside its entries without exhausting the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = `{"x":${deep},"api_version":1,"files":[{"path":"/a","sha256":"${H}","size":1,"y":${deep}}]}`;
    const read = manifestEntries(encode(text), FILE);
    expect('files' in read && read.problems.map((d) => [d.code, d.column])).toEqual([
      ['verify-manifest-invalid-path', text.indexOf('"/a"') + 1],
    ]);
  });

  it('words an invalid and a repeated entry so that the reader knows what to do', () => {
    const read = manifestEntries(
      encode(`{"api_version":1,"files":[{"path":"a\\\\b","sha256":"${H}","size":1}]}`),
      FILE,
    );
    expect('files' in read && read.problems.map((d) => messageFor(d))).toEqual([
      'the manifest lists "a\\\\b", which is not a path of a site (it holds a backslash): no build writes it, so it was neither read nor fetched; publish the site again',
    ]);
  });
});
