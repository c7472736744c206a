/**
 * Site paths and serving over two kinds: user services beside a `widgets`
 * kind of this file only (name `widgets`, flags for_hg and for_cc). Each
 * kind's paths come from its name and flags, each kind's list answers its own
 * filters from the query and the body, and the user services' answers are
 * the same beside widgets as alone.
 */
import { describe, expect, it } from 'vitest';
import type { KindIdentity } from '../../../scripts/core/kinds/kind.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import {
  filterPath,
  filterSets,
  filtersRoot,
  instancePath,
  listPath,
  listRoot,
  ownFolderPath,
} from '../../../scripts/core/model/site.js';
import { lifecycleOf } from '../../../scripts/core/serving/lifecycle.js';
import { servedLists } from '../../../scripts/core/serving/lists.js';
import { listUrls } from '../../../scripts/core/serving/query.js';
import { type Resolution, resolveRequest } from '../../../scripts/core/serving/request.js';

const widgets: KindIdentity = { name: 'widgets', flags: ['for_hg', 'for_cc'] };
const KINDS = [userServicesIdentity, widgets];
const W = 'api/v1/configs/widgets';
const U = 'api/v1/configs/user_services';

describe('site paths of a kind', () => {
  it('gives the widgets their list root, list, instance and filter paths', () => {
    expect([listRoot(widgets), listPath(widgets), instancePath(widgets, 'blue')]).toEqual([
      W,
      `${W}/index.json`,
      `${W}/blue/index.json`,
    ]);
    expect(filtersRoot(widgets)).toBe(`${W}/filters`);
    expect(filterSets(widgets)).toEqual([['for_hg'], ['for_cc'], ['for_hg', 'for_cc']]);
    expect(filterSets(widgets).map((flags) => filterPath(widgets, flags))).toEqual([
      `${W}/filters/for_hg/index.json`,
      `${W}/filters/for_cc/index.json`,
      `${W}/filters/for_hg/for_cc/index.json`,
    ]);
    expect(ownFolderPath(widgets, 'renames')).toBe(`${W}/_renames/index.json`);
    expect(listUrls(widgets)).toEqual([`/${W}/`, `/${W}/index.json`]);
  });

  it('orders the filter folder by the kind flags, whatever order they are given in', () => {
    const swapped: KindIdentity = { name: 'widgets', flags: ['for_cc', 'for_hg'] };
    expect(filterSets(swapped).map((flags) => filterPath(swapped, flags))).toEqual([
      `${W}/filters/for_cc/index.json`,
      `${W}/filters/for_hg/index.json`,
      `${W}/filters/for_cc/for_hg/index.json`,
    ]);
  });

  it('gives a kind without flags no filter sets, and keeps the user services paths', () => {
    expect(filterSets({ flags: [] })).toEqual([]);
    expect(filterSets(userServicesIdentity)).toHaveLength(15);
    expect(filterPath(userServicesIdentity, ['for_cc', 'for_enduser'])).toBe(
      `${U}/filters/for_cc/for_enduser/index.json`,
    );
    expect([listPath(userServicesIdentity), instancePath(userServicesIdentity, 'vm')]).toEqual([
      `${U}/index.json`,
      `${U}/vm/index.json`,
    ]);
  });
});

/** A site of both kinds: each list, its filters and one instance. */
const site = new Map(
  KINDS.flatMap((kind) => [
    listPath(kind),
    ...filterSets(kind).map((flags) => filterPath(kind, flags)),
    instancePath(kind, 'blue'),
  ]).map((path): [string, Uint8Array] => [path, new Uint8Array()]),
);
const BOTH = servedLists(KINDS);
const ALONE = servedLists([userServicesIdentity]);
const enc = new TextEncoder();
const get = (target: string, body = '', lists = BOTH): Resolution =>
  resolveRequest({ method: 'GET', target, body: enc.encode(body) }, site, lists);
const file = (path: string): Resolution => ({ kind: 'file', path, headers: [] });
const refused = (code: string, message: string): Resolution => ({
  kind: 'error',
  error: { status: code === 'not-found' ? 404 : 400, code, message } as never,
});

describe('serving two kinds', () => {
  it('answers the widgets list filters from the query, at its folder URL and its file', () => {
    expect(get(`/${W}/?for_cc=true`)).toEqual(file(`${W}/filters/for_cc/index.json`));
    expect(get(`/${W}/index.json?for_cc=1&for_hg=1`)).toEqual(file(`${W}/filters/for_hg/for_cc/index.json`));
    expect(get(`/${W}/?for_hg=false`)).toEqual(file(`${W}/index.json`));
    expect(get(`/${W}/`)).toEqual(file(`${W}/index.json`));
  });

  it('answers the widgets list filters from the JSON body, and from both', () => {
    expect(get(`/${W}/`, '{"for_cc": true}')).toEqual(file(`${W}/filters/for_cc/index.json`));
    expect(get(`/${W}/?for_hg=1`, '{"for_cc": true, "for_hg": false}')).toEqual(
      file(`${W}/filters/for_hg/for_cc/index.json`),
    );
  });

  it('refuses a user services flag on the widgets list, naming the widgets flags', () => {
    expect(get(`/${W}/?for_ivr=true`)).toEqual(
      refused('unknown-filter', 'unknown filter "for_ivr"; the filters are for_hg, for_cc, in lowercase'),
    );
    expect(get(`/${W}/`, '{"for_enduser": true}')).toEqual(
      refused('unknown-filter', 'unknown filter "for_enduser"; the filters are for_hg, for_cc'),
    );
    expect(get(`/${W}/?for_hg=yes`)).toEqual(
      refused('invalid-filter-value', 'the filter for_hg has "yes"; write true, 1, false or 0'),
    );
    expect(get(`/${W}/?for_cc=1&for_cc=0`)).toEqual(
      refused('invalid-query', 'the filter for_cc is given more than once'),
    );
    expect(get(`/${W}/`, '[1]')).toEqual(
      refused('not-an-object', 'the body must be a JSON object such as {"for_hg": true}, not [1]'),
    );
  });

  it('serves the widgets other files as any file: instances, redirects, 404s', () => {
    expect(get(`/${W}/blue/?for_ivr=true`)).toEqual(file(`${W}/blue/index.json`));
    expect(get(`/${W}/blue?x=1`)).toEqual({ kind: 'redirect', location: `/${W}/blue/?x=1` });
    expect(get(`/${W}/nope/`)).toEqual(refused('not-found', `nothing is published at /${W}/nope/`));
    expect(get(`/${W}/filters/for_ivr/`)).toEqual(
      refused('not-found', `nothing is published at /${W}/filters/for_ivr/`),
    );
  });

  it('answers the user services as it does without widgets', () => {
    const targets = [
      [`/${U}/?for_ivr=true&for_hg=1`, ''],
      [`/${U}/index.json`, '{"for_enduser": true}'],
      [`/${U}/?for_xx=1`, ''],
      [`/${U}/`, '{"widgets": true}'],
      [`/${U}/blue/`, ''],
      [`/${W}/`, ''],
    ] as const;
    const beside = targets.map(([target, body]) => get(target, body));
    expect(beside.slice(0, 2)).toEqual([
      file(`${U}/filters/for_hg/for_ivr/index.json`),
      file(`${U}/filters/for_enduser/index.json`),
    ]);
    expect(beside.slice(0, 5)).toEqual(targets.slice(0, 5).map(([target, body]) => get(target, body, ALONE)));
    // Without the widgets kind, its list is a file like any other: no filters read.
    expect(get(`/${W}/?for_xx=1`, '', ALONE)).toEqual(file(`${W}/index.json`));
  });

  it('serves a kind without flags as plain files, its query ignored', () => {
    const plain: KindIdentity = { name: 'plain', flags: [] };
    const lists = servedLists([userServicesIdentity, plain]);
    expect([...lists.keys()]).toEqual([listPath(userServicesIdentity)]);
    const withPlain = new Map([[listPath(plain), new Uint8Array()]]);
    const answer = resolveRequest(
      { method: 'GET', target: '/api/v1/configs/plain/?a=b', body: enc.encode('{') },
      withPlain,
      lists,
    );
    expect(answer).toEqual(file(listPath(plain)));
  });

  it('refuses two kinds of one name', () => {
    expect(() => servedLists([widgets, { name: 'widgets', flags: [] }])).toThrow('two kinds are named widgets');
  });
});

describe('the life cycle of two kinds', () => {
  it('reads each kind previous names and deprecations from its own folder', () => {
    const json = (value: unknown) => enc.encode(JSON.stringify(value));
    const withLifecycle = new Map([
      ...site,
      [ownFolderPath(widgets, 'renames'), json({ renames: [{ previous_name: 'azure', instance_name: 'blue' }] })],
      [
        ownFolderPath(widgets, 'deprecations'),
        json({ widgets: [{ instance_name: 'blue', since: '2024-01-02', replaced_by: null, sunset: null }] }),
      ],
    ]);
    const lifecycle = lifecycleOf(withLifecycle, KINDS);
    expect([...lifecycle.redirects]).toEqual([
      [`/${W}/azure/`, `/${W}/blue/`],
      [`/${W}/azure`, `/${W}/blue/`],
      [`/${W}/azure/index.json`, `/${W}/blue/index.json`],
    ]);
    expect([...lifecycle.headers.keys()]).toEqual([`${W}/blue/index.json`]);
    expect(lifecycleOf(withLifecycle, [userServicesIdentity])).toEqual({ headers: new Map(), redirects: new Map() });
    const moved = resolveRequest(
      { method: 'GET', target: `/${W}/azure?x`, body: new Uint8Array() },
      site,
      BOTH,
      lifecycle,
    );
    expect(moved).toEqual({ kind: 'redirect', location: `/${W}/blue/?x` });
  });
});
