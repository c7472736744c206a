/**
 * `_history/` and its Atom feed: the catalog's changes (of every kind the site
 * publishes), newest first, as `diff` classifies them, from the history the build read from git (none
 * outside git: neither file is published). Only commit times appear.
 */
import { kindOfUrl } from '../../diff/kind.js';
import { CHANGE_CLASSES, countByClass, type InstanceChange } from '../../diff/types.js';
import type { KindIdentity } from '../../kinds/kind.js';
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import type { Service } from '../../model/service.js';
import { API_VERSION, feedPath, historyPath, utf8 } from '../../model/site.js';
import { type CatalogHistory, HISTORY_KIND_KEY, type HistoryCommit, rfc3339 } from '../../sync/history.js';
import type { KindStep } from '../step.js';
import { INSTANCE_NAME_KEY } from './full.js';

/** The fields that changed, by name; a new service lists none (it is new as a whole). */
const changedFields = (change: InstanceChange): string[] =>
  change.kind === 'added' ? [] : change.fields.map((f) => f.field);

type Named = Pick<KindIdentity, 'name'>;

/**
 * The name of the kind `change` is of, when the site publishes more than one
 * kind (its instance URL is under the kind's root); null with one kind, whose
 * history names none.
 */
function kindOf(change: InstanceChange, kinds: readonly Named[]): string | null {
  if (kinds.length < 2) return null;
  const kind = kindOfUrl(kinds, change.url);
  if (kind === undefined) throw new Error(`the change at ${change.url} is of none of the kinds`);
  return kind.name;
}

/** One instance's change in one commit, as `_history/` lists it; its kind after `time` when there are several. */
function changeEntries(c: HistoryCommit, kinds: readonly Named[]): Json[] {
  return c.changes.map((change) => {
    const kind = kindOf(change, kinds);
    return new Map<string, Json>([
      ['commit', c.commit],
      ['time', rfc3339(c.time)],
      ...(kind === null ? [] : [[HISTORY_KIND_KEY, kind] as const]),
      [INSTANCE_NAME_KEY, change.instance],
      ['technical_name', change.technicalName],
      ['kind', change.kind],
      ['class', change.class],
      ['renamed_from', change.renamedFrom],
      ['fields', changedFields(change)],
    ]);
  });
}

/**
 * The JSON body: `{"api_version", "limit", "complete", "changes": [...]}`,
 * newest commit first. `kinds`: the kinds the site publishes; with more than
 * one, each change also says its kind's name (`config_kind`, after `time`).
 * Throws only on a bug (a change of none of `kinds`).
 */
export function historyBody(history: CatalogHistory, pretty: boolean, kinds: readonly Named[]): Uint8Array {
  const body = new Map<string, Json>([
    ['api_version', API_VERSION],
    ['limit', history.limit],
    ['complete', history.complete],
    ['changes', history.commits.flatMap((c) => changeEntries(c, kinds))],
  ]);
  return utf8(serialize(body, pretty));
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text for XML content and attribute values (XML 1.0, 2.4 and 3.3.3). */
const xml = (text: string): string => text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] as string);

/** Some changes' count per class, most disruptive first: `1 breaking, 2 cosmetic`. */
function classCounts(changes: readonly InstanceChange[]): string {
  const counts = countByClass({ changes, otherFiles: [] });
  return CHANGE_CLASSES.filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
    .join(', ');
}

/**
 * An entry's title: the commit's short name and its count per class, most
 * disruptive first; with several kinds, per kind that changed, in the kinds'
 * order (`0123456789ab: user_services 1 breaking; widgets 1 additive`).
 */
function entryTitle(c: HistoryCommit, kinds: readonly Named[]): string {
  if (kinds.length < 2) return `${c.commit.slice(0, 12)}: ${classCounts(c.changes)}`;
  const parts = kinds
    .map((kind) => [kind.name, c.changes.filter((ch) => kindOf(ch, kinds) === kind.name)] as const)
    .filter(([, changes]) => changes.length > 0)
    .map(([name, changes]) => `${name} ${classCounts(changes)}`);
  return `${c.commit.slice(0, 12)}: ${parts.join('; ')}`;
}

/**
 * An entry's text: one line per object changed, `instance (technical name):
 * class, kind[, fields]`; with several kinds, the instance after its kind's
 * name, as in its URL (`widgets/w1 (W1): additive, added`).
 */
function entryText(c: HistoryCommit, kinds: readonly Named[]): string {
  return c.changes
    .map((ch) => {
      const fields = changedFields(ch).length === 0 ? '' : `: ${changedFields(ch).join(', ')}`;
      const from = ch.renamedFrom === null ? '' : ` from ${ch.renamedFrom}`;
      const kind = kindOf(ch, kinds);
      const instance = kind === null ? ch.instance : `${kind}/${ch.instance}`;
      return `${instance} (${ch.technicalName}): ${ch.class}, ${ch.kind}${from}${fields}`;
    })
    .join('\n');
}

/** The feed's id: a URN of the feed's own path, the same for every build of a catalog. */
export const FEED_ID = `urn:user-services:${feedPath()}`;

/**
 * The Atom feed (RFC 4287) of the same history: one entry per commit that
 * changed the API, newest first, each with the commit as its id
 * (`urn:git:commit:<hex>`), its commit time as `updated`, and one line per
 * object changed. With more than one of `kinds`, titles and lines name each
 * change's kind (`entryTitle`, `entryText`). Throws only on a bug, as `historyBody`.
 */
export function feedText(history: CatalogHistory, kinds: readonly Named[]): string {
  const entries = history.commits
    .filter((c) => c.changes.length > 0)
    .map((c) =>
      [
        '  <entry>',
        `    <id>urn:git:commit:${c.commit}</id>`,
        `    <title>${xml(entryTitle(c, kinds))}</title>`,
        `    <updated>${rfc3339(c.time)}</updated>`,
        `    <content type="text">${xml(entryText(c, kinds))}</content>`,
        '  </entry>',
      ].join('\n'),
    );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(FEED_ID)}</id>`,
    '  <title>User services: changes</title>',
    `  <updated>${rfc3339(history.updated)}</updated>`,
    '  <author><name>user-services</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** Both files, when the options carry a history (of every kind of the site); nothing otherwise. */
export const emitHistory: KindStep<Service> = ({ options, kinds }) =>
  options.history == null
    ? []
    : [
        [historyPath(), historyBody(options.history, options.pretty, kinds)],
        [feedPath(), utf8(feedText(options.history, kinds))],
      ];
