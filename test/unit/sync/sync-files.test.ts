/**
 * The files that keep a client in sync, emitted for a small catalog: the
 * exact bytes of _full/, _index/, the history and its feed, the manifest and
 * its signature; and that no instance can take their names.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffSites } from '../../../scripts/core/diff/compare.js';
import { feedText, historyBody } from '../../../scripts/core/emit/sync/history.js';
import { manifestBody } from '../../../scripts/core/emit/sync/manifest.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { instanceNameProblem, isReservedInstanceName } from '../../../scripts/core/model/instance-name.js';
import {
  deprecationsPath,
  feedPath,
  fullPath,
  hashIndexPath,
  historyPath,
  instancePath,
  manifestPath,
  renamesPath,
  SYNC_FOLDERS,
  signaturePath,
} from '../../../scripts/core/model/site.js';
import type { CatalogHistory } from '../../../scripts/core/sync/history.js';
import { checkSignature } from '../../../scripts/core/sync/jws.js';
import { analyzeTexts } from '../../helpers/core.js';
import { testKey } from '../../helpers/signing.js';
import { emitSite } from '../../helpers/user-services-kind.js';

const CATALOG = {
  'b-svc.yaml': 'technical_name: Beta\ndescription: Second <&>\nfor_hg: true\nadd_data: {k: [1, null]}\n',
  'a-svc.yaml': 'technical_name: Alpha\nno_more_assignable: true\n',
};
const services = () => {
  const analysis = analyzeTexts(CATALOG);
  expect(analysis.diagnostics).toEqual([]);
  return analysis.services;
};
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const ALPHA =
  '{"technical_name":"Alpha","display_name":"Alpha","description":"","no_more_assignable":true,"for_hg":false,"for_ivr":false,"for_cc":false,"for_enduser":false,"add_data":{}}\n';
const BETA =
  '{"technical_name":"Beta","display_name":"Beta","description":"Second <&>","no_more_assignable":false,"for_hg":true,"for_ivr":false,"for_cc":false,"for_enduser":false,"add_data":{"k":[1,null]}}\n';

describe('_full/ and _index/', () => {
  const site = emitSite(services(), { pretty: false, page: null });

  it('publish the instances as the instance files hold them, in the list order, each with its name', () => {
    expect(text(site.get(instancePath(userServicesIdentity, 'a-svc')))).toBe(ALPHA);
    expect(text(site.get(instancePath(userServicesIdentity, 'b-svc')))).toBe(BETA);
    expect(text(site.get(fullPath()))).toBe(
      `{"user_services":[{"instance_name":"a-svc",${ALPHA.slice(1, -2)}},{"instance_name":"b-svc",${BETA.slice(1, -2)}}]}\n`,
    );
  });

  it('give each instance file its SHA-256 and size, its URL from the index, and a hash of the set', () => {
    const lines = `${sha(ALPHA)} ${ALPHA.length} a-svc\n${sha(BETA)} ${BETA.length} b-svc\n`;
    expect(text(site.get(hashIndexPath()))).toBe(
      `{"api_version":1,"sha256":"${sha(lines)}","user_services":[` +
        `{"instance_name":"a-svc","technical_name":"Alpha","url":"../a-svc/","sha256":"${sha(ALPHA)}","size":${ALPHA.length}},` +
        `{"instance_name":"b-svc","technical_name":"Beta","url":"../b-svc/","sha256":"${sha(BETA)}","size":${BETA.length}}]}\n`,
    );
    // Relative to the index's own URL, the entry's URL is the instance's, under any site root.
    expect(new URL('../a-svc/', 'https://x.test/p/api/v1/configs/user_services/_index/').pathname).toBe(
      '/p/api/v1/configs/user_services/a-svc/',
    );
  });

  it('indent as the other files do with --pretty', () => {
    const pretty = emitSite(services(), { pretty: true, page: null });
    expect(text(pretty.get(fullPath())).split('\n').slice(0, 5)).toEqual([
      '{',
      '  "user_services": [',
      '    {',
      '      "instance_name": "a-svc",',
      '      "technical_name": "Alpha",',
    ]);
  });

  it('are the only sync files of a build outside git and without a key, beside the manifest', () => {
    const sync = [...site.keys()].filter((p) => p.includes('/_') || p.endsWith('.atom'));
    expect(sync).toEqual([deprecationsPath(), fullPath(), hashIndexPath(), manifestPath(), renamesPath()]);
  });
});

describe('the manifest', () => {
  it('lists every file but itself, its signature and the precompressed copies, in path order', () => {
    const site = emitSite(services(), { pretty: false, page: null, compress: true, signingKey: testKey().privateKey });
    const listed = JSON.parse(text(site.get(manifestPath()))).files;
    const expected = [...site.keys()].filter(
      (p) => p !== manifestPath() && p !== signaturePath() && !/\.(gz|br)$/.test(p),
    );
    expect(listed.map((f: { path: string }) => f.path)).toEqual(expected);
    expect([...site.keys()].filter((p) => p.endsWith('.gz')).length).toBeGreaterThan(0);
    for (const f of listed)
      expect([f.path, f.sha256, f.size]).toEqual([f.path, sha(text(site.get(f.path))), site.get(f.path)?.length]);
  });

  it('has these exact bytes for a small site', () => {
    const small = new Map([
      ['a.json', new TextEncoder().encode('{}\n')],
      ['a.json.gz', new Uint8Array([1])],
      ['b/c.html', new Uint8Array()],
    ]);
    expect(text(manifestBody(small, false))).toBe(
      `{"api_version":1,"files":[{"path":"a.json","sha256":"${sha('{}\n')}","size":3},{"path":"b/c.html","sha256":"${sha('')}","size":0}]}\n`,
    );
  });
});

describe('the signature', () => {
  const key = testKey(7);
  const site = emitSite(services(), { pretty: false, page: null, signingKey: key.privateKey });
  const manifest = site.get(manifestPath()) as Uint8Array;
  const signature = site.get(signaturePath()) as Uint8Array;

  it('is a flattened JWS of the manifest with EdDSA and the key thumbprint, the same bytes each time', () => {
    const jws = JSON.parse(text(signature));
    expect(Object.keys(jws)).toEqual(['protected', 'signature']);
    const header = JSON.parse(Buffer.from(jws.protected, 'base64url').toString());
    const x = createPublicKey(key.privateKey).export({ format: 'jwk' }).x;
    const thumbprint = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
    expect(header).toEqual({ alg: 'EdDSA', kid: thumbprint });
    expect(
      emitSite(services(), { pretty: false, page: null, signingKey: key.privateKey }).get(signaturePath()),
    ).toEqual(signature);
    // The signing input of RFC 7515 with the manifest attached again: what any JOSE library checks.
    const input = `${jws.protected}.${Buffer.from(manifest).toString('base64url')}`;
    const publicKey = createPublicKey(key.privateKey);
    const ok = verify(null, Buffer.from(input), publicKey, Buffer.from(jws.signature, 'base64url'));
    expect(ok).toBe(true);
  });

  it('verifies with its key, names another key, and fails once the manifest changes by one byte', () => {
    const publicKey = createPublicKey(key.privateKey);
    expect(checkSignature(signature, manifest, publicKey)).toEqual({ kind: 'valid' });
    const other = createPublicKey(testKey(8).privateKey);
    expect(checkSignature(signature, manifest, other).kind).toBe('other-key');
    const changed = Uint8Array.from(manifest);
    changed[10] = (changed[10] as number) ^ 1;
    expect(checkSignature(signature, changed, publicKey).kind).toBe('invalid');
    expect(checkSignature(new TextEncoder().encode('nope'), manifest, publicKey).kind).toBe('malformed');
  });

  it('is absent without a key', () => {
    expect(emitSite(services(), { pretty: false, page: null }).has(signaturePath())).toBe(false);
  });
});

const HISTORY: CatalogHistory = {
  limit: 2,
  complete: false,
  updated: 1704164645,
  commits: [
    {
      commit: 'b'.repeat(40),
      time: 1704164645,
      changes: [
        {
          kind: 'changed',
          instance: 'b-svc',
          renamedFrom: null,
          technicalName: 'Beta <&>',
          url: '/api/v1/configs/user_services/b-svc/',
          oldUrl: null,
          formerNames: [],
          class: 'breaking',
          fields: [{ field: 'for_hg', class: 'breaking', before: true, after: false }],
          enters: [],
          leaves: [],
        },
        {
          kind: 'renamed',
          instance: 'a-new',
          renamedFrom: 'a-svc',
          technicalName: 'Alpha',
          url: '/api/v1/configs/user_services/a-new/',
          oldUrl: { url: '/api/v1/configs/user_services/a-svc/', status: 404, location: null },
          formerNames: [],
          class: 'breaking',
          fields: [],
          enters: [],
          leaves: [],
        },
      ],
    },
    { commit: 'a'.repeat(40), time: 1704067200, changes: [] },
  ],
};

describe('the history and its feed', () => {
  it('list each change of each commit, newest first, with commit times in UTC', () => {
    expect(text(historyBody(HISTORY, false, [userServicesIdentity]))).toBe(
      `{"api_version":1,"limit":2,"complete":false,"changes":[` +
        `{"commit":"${'b'.repeat(40)}","time":"2024-01-02T03:04:05Z","instance_name":"b-svc","technical_name":"Beta <&>","kind":"changed","class":"breaking","renamed_from":null,"fields":["for_hg"]},` +
        `{"commit":"${'b'.repeat(40)}","time":"2024-01-02T03:04:05Z","instance_name":"a-new","technical_name":"Alpha","kind":"renamed","class":"breaking","renamed_from":"a-svc","fields":[]}]}\n`,
    );
  });

  it('is an Atom feed with one entry per commit that changed the API, its text escaped', () => {
    expect(feedText(HISTORY, [userServicesIdentity])).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '  <id>urn:user-services:api/v1/configs/user_services.atom</id>',
        '  <title>User services: changes</title>',
        '  <updated>2024-01-02T03:04:05Z</updated>',
        '  <author><name>user-services</name></author>',
        '  <entry>',
        `    <id>urn:git:commit:${'b'.repeat(40)}</id>`,
        '    <title>bbbbbbbbbbbb: 2 breaking</title>',
        '    <updated>2024-01-02T03:04:05Z</updated>',
        '    <content type="text">b-svc (Beta &lt;&amp;&gt;): breaking, changed: for_hg',
        'a-new (Alpha): breaking, renamed from a-svc</content>',
        '  </entry>',
        '</feed>',
        '',
      ].join('\n'),
    );
  });

  it('are published at their paths only when a history is given', () => {
    const site = emitSite(services(), { pretty: false, page: null, history: HISTORY });
    expect(text(site.get(historyPath()))).toBe(text(historyBody(HISTORY, false, [userServicesIdentity])));
    expect(text(site.get(feedPath()))).toBe(feedText(HISTORY, [userServicesIdentity]));
    expect(feedPath()).toBe('api/v1/configs/user_services.atom');
  });
});

describe('the sync folders', () => {
  it('have names that no instance can have, so the instance-name rule refuses each', () => {
    for (const name of Object.values(SYNC_FOLDERS)) {
      expect([name, instanceNameProblem(name), isReservedInstanceName(name)]).toEqual([name, 'pattern', false]);
    }
    const analysis = analyzeTexts({ '_full.yaml': 'technical_name: X\n', 'ok.yaml': 'technical_name: Y\n' });
    expect(analysis.diagnostics.map((d) => [d.file, d.code])).toEqual([
      ['services/_full.yaml', 'invalid-instance-name'],
    ]);
  });
});

describe('diff', () => {
  it('reads the sync folders as other files, never as instances', () => {
    const before = emitSite(services(), { pretty: false, page: null });
    const changed = analyzeTexts({ ...CATALOG, 'a-svc.yaml': 'technical_name: Alpha\n' }).services;
    const diff = diffSites(before, emitSite(changed, { pretty: false, page: null }), KINDS);
    expect(diff.changes.map((c) => [c.instance, c.class])).toEqual([['a-svc', 'undeprecation']]);
    expect(diff.otherFiles).toEqual([
      { path: deprecationsPath(), change: 'changed' },
      { path: fullPath(), change: 'changed' },
      { path: hashIndexPath(), change: 'changed' },
      { path: manifestPath(), change: 'changed' },
    ]);
  });
});
