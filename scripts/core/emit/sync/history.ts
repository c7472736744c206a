/**
 * `_history/` and its Atom feed: the catalog's changes, newest first, as
 * `diff` classifies them, from the history the build read from git (none
 * outside git: neither file is published). Only commit times appear.
 */
import { CHANGE_CLASSES, countByClass, type InstanceChange } from '../../diff/types.js';
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import type { Service } from '../../model/service.js';
import { API_VERSION, feedPath, historyPath, utf8 } from '../../model/site.js';
import { type CatalogHistory, type HistoryCommit, rfc3339 } from '../../sync/history.js';
import type { KindStep } from '../step.js';
import { INSTANCE_NAME_KEY } from './full.js';

/** The fields that changed, by name; a new service lists none (it is new as a whole). */
const changedFields = (change: InstanceChange): string[] =>
  change.kind === 'added' ? [] : change.fields.map((f) => f.field);

/** One instance's change in one commit, as `_history/` lists it. */
function changeEntries(c: HistoryCommit): Json[] {
  return c.changes.map(
    (change) =>
      new Map<string, Json>([
        ['commit', c.commit],
        ['time', rfc3339(c.time)],
        [INSTANCE_NAME_KEY, change.instance],
        ['technical_name', change.technicalName],
        ['kind', change.kind],
        ['class', change.class],
        ['renamed_from', change.renamedFrom],
        ['fields', changedFields(change)],
      ]),
  );
}

/** The JSON body: `{"api_version", "limit", "complete", "changes": [...]}`, newest commit first. */
export function historyBody(history: CatalogHistory, pretty: boolean): Uint8Array {
  const body = new Map<string, Json>([
    ['api_version', API_VERSION],
    ['limit', history.limit],
    ['complete', history.complete],
    ['changes', history.commits.flatMap(changeEntries)],
  ]);
  return utf8(serialize(body, pretty));
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text for XML content and attribute values (XML 1.0, 2.4 and 3.3.3). */
const xml = (text: string): string => text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] as string);

/** An entry's title: the commit's short name and its count per class, most disruptive first. */
function entryTitle(c: HistoryCommit): string {
  const counts = countByClass({ changes: c.changes, otherFiles: [] });
  const parts = CHANGE_CLASSES.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return `${c.commit.slice(0, 12)}: ${parts.join(', ')}`;
}

/** An entry's text: one line per service, `instance (technical name): class, kind[, fields]`. */
function entryText(c: HistoryCommit): string {
  return c.changes
    .map((ch) => {
      const fields = changedFields(ch).length === 0 ? '' : `: ${changedFields(ch).join(', ')}`;
      const from = ch.renamedFrom === null ? '' : ` from ${ch.renamedFrom}`;
      return `${ch.instance} (${ch.technicalName}): ${ch.class}, ${ch.kind}${from}${fields}`;
    })
    .join('\n');
}

/** The feed's id: a URN of the feed's own path, the same for every build of a catalog. */
export const FEED_ID = `urn:user-services:${feedPath()}`;

/**
 * The Atom feed (RFC 4287) of the same history: one entry per commit that
 * changed the API, newest first, each with the commit as its id
 * (`urn:git:commit:<hex>`), its commit time as `updated`, and one line per
 * service changed.
 */
export function feedText(history: CatalogHistory): string {
  const entries = history.commits
    .filter((c) => c.changes.length > 0)
    .map((c) =>
      [
        '  <entry>',
        `    <id>urn:git:commit:${c.commit}</id>`,
        `    <title>${xml(entryTitle(c))}</title>`,
        `    <updated>${rfc3339(c.time)}</updated>`,
        `    <content type="text">${xml(entryText(c))}</content>`,
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

/** Both files, when the options carry a history; nothing otherwise. */
export const emitHistory: KindStep<Service> = ({ options }) =>
  options.history == null
    ? []
    : [
        [historyPath(), historyBody(options.history, options.pretty)],
        [feedPath(), utf8(feedText(options.history))],
      ];
