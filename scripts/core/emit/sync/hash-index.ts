/**
 * `_index/`: what a mirror compares to know what changed. Each service's
 * instance name, technical name, instance URL and the SHA-256 and size of its
 * instance file as published, and a SHA-256 of the whole set; a client keeps
 * the last one it read and refetches only the instances whose hash changed
 * (the hashes of comparable catalogs: the Go vulnerability database's index,
 * OSV's `modified_id.csv`).
 */
import { createHash } from 'node:crypto';
import { userServicesIdentity } from '../../kinds/user-services/identity.js';
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import type { Service } from '../../model/service.js';
import { API_VERSION, hashIndexPath, instancePath, utf8 } from '../../model/site.js';
import type { KindStep } from '../step.js';
import { INSTANCE_NAME_KEY } from './full.js';

/** Lower-case hex SHA-256 of some bytes (FIPS 180-4). */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** One entry of `_index/`, as the step writes it and `setHash` reads it. */
export interface IndexEntry {
  readonly instance: string;
  readonly technicalName: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * The SHA-256 of the whole set: of the text with one line per entry, in the
 * index's order, `<sha256> <size> <instance_name>` and a line feed (LF). Two
 * indexes with the same set hash list the same instance files.
 */
export const setHash = (entries: readonly IndexEntry[]): string =>
  sha256Hex(entries.map((e) => `${e.sha256} ${e.size} ${e.instance}\n`).join(''));

/** The instance's URL relative to `_index/`'s own (RFC 3986, 5.2): `../<instance>/`, right under any site root. */
export const instanceHref = (instance: string): string => `../${instance}/`;

/**
 * `{"api_version": 1, "sha256": ..., "user_services": [...]}`, the services in
 * the list's order. Reads the instance files the instances step emitted: it
 * must come after it. Throws (a bug) when one is missing.
 */
export const emitHashIndex: KindStep<Service> = ({ objects: services, options, site }) => {
  const entries = services.map((s): IndexEntry => {
    const bytes = site.get(instancePath(userServicesIdentity, s.instance));
    if (bytes === undefined) throw new Error(`no instance file for ${s.instance}`);
    return { instance: s.instance, technicalName: s.technical_name, sha256: sha256Hex(bytes), size: bytes.length };
  });
  const body = new Map<string, Json>([
    ['api_version', API_VERSION],
    ['sha256', setHash(entries)],
    [
      'user_services',
      entries.map(
        (e) =>
          new Map<string, Json>([
            [INSTANCE_NAME_KEY, e.instance],
            ['technical_name', e.technicalName],
            ['url', instanceHref(e.instance)],
            ['sha256', e.sha256],
            ['size', e.size],
          ]),
      ),
    ],
  ]);
  return [[hashIndexPath(), utf8(serialize(body, options.pretty))]];
};
