/**
 * `_full/`: every instance in one document, so that a client mirrors the
 * whole catalog in one request instead of one per service.
 */
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import { INSTANCE_FIELDS, type Service } from '../../model/service.js';
import { fullPath, utf8 } from '../../model/site.js';
import type { KindStep } from '../step.js';

/** The key that names each instance in `_full/` and `_index/` (the OpenAPI path parameter's name). */
export const INSTANCE_NAME_KEY = 'instance_name';

/** One service as `_full/` holds it: its instance name, then the instance document's fields in their order. */
export function fullEntry(s: Service): Json {
  return new Map<string, Json>([
    [INSTANCE_NAME_KEY, s.instance],
    ...INSTANCE_FIELDS.map((f): [string, Json] => [f, s[f]]),
  ]);
}

/**
 * `{"user_services": [...]}` with one object per service, in the list's order
 * (technical names in code-point order): `instance_name` and then exactly the
 * fields and values of the service's instance document.
 */
export const emitFull: KindStep<Service> = ({ objects: services, options }) => [
  [fullPath(), utf8(serialize(new Map([['user_services', services.map(fullEntry)]]), options.pretty))],
];
