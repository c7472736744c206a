/**
 * The BroadWorks user service names a catalog's technical names are checked
 * against: the ones the tool ships (the OCI-P `UserService` enumeration,
 * `broadworks-names.ts`, generated from `data/broadworks-user-service-names.txt`)
 * and the platform's extra names, declared in the services folder's platform
 * file (`_platform.yaml`, `PLATFORM_FILE` in reading/input.ts), whose shape is
 * `schema/platform.schema.json`.
 */
import platformSchemaJson from '../../../schema/platform.schema.json' with { type: 'json' };
import { Suggestions } from '../diagnostics/suggest.js';
import { entryOf, type Node } from '../reading/tree.js';
import { type Collision, collisionOf, nameKey } from '../unicode/fold.js';
import { BROADWORKS_SERVICE_NAMES } from './broadworks-names.js';
import { nameFault } from './name-fault.js';

/** The platform file's schema (JSON Schema 2020-12), as `schema/platform.schema.json` holds it. */
export const platformSchema = platformSchemaJson;

/** Every key the platform file may have, in the schema's order. */
export const PLATFORM_KEYS: readonly string[] = Object.keys(platformSchemaJson.properties);

/** The key whose list declares the extra names. */
export const EXTRA_NAMES_KEY: keyof typeof platformSchemaJson.properties = 'extra_service_names';

/**
 * The extra names a platform file's tree declares: the strings of its list
 * that are valid names (`nameFault`, the schema's `$defs.name`), in order, as
 * written (an item of another type, or a name no service could have, is the
 * platform rule's error and declares nothing). None for a tree that is not a
 * mapping or has no list.
 */
export function declaredNames(root: Node | null): string[] {
  const list = root === null ? undefined : entryOf(root, EXTRA_NAMES_KEY)?.value;
  if (list?.kind !== 'seq') return [];
  return list.items.flatMap((item) =>
    item.kind === 'scalar' && typeof item.value === 'string' && nameFault(item.value) === null ? [item.value] : [],
  );
}

/** How a technical name that is not known differs from the known name it is nearest to. */
export type NameLikeness = 'case' | 'form' | 'spelling';

/** What the known names say of a technical name: known, or unknown with the nearest known name when one is close. */
export type NameVerdict =
  | { readonly known: true }
  | { readonly known: false; readonly nearest: string | null; readonly likeness: NameLikeness | null };

/** The shipped names by themselves, and by the key under which names compare as a reader sees them. */
const SHIPPED: ReadonlySet<string> = new Set(BROADWORKS_SERVICE_NAMES);

const SHIPPED_BY_KEY: ReadonlyMap<string, string> = new Map(
  [...BROADWORKS_SERVICE_NAMES].reverse().map((name) => [nameKey(name), name]),
);

/** Whether `name` is one of the names the tool ships, exactly. */
export function isShippedName(name: string): boolean {
  return SHIPPED.has(name);
}

/**
 * The shipped name that `name` is as a reader sees it (exactly, or by
 * `nameKey`: case, Unicode NFKC, compatibility look-alikes such as U+217C for
 * "l"), with how the two collide (`collisionOf`); null when none is.
 */
export function shippedNameAs(name: string): { readonly shipped: string; readonly collision: Collision } | null {
  const shipped = SHIPPED.has(name) ? name : SHIPPED_BY_KEY.get(nameKey(name));
  return shipped === undefined ? null : { shipped, collision: collisionOf(name, shipped) };
}

/**
 * The names a catalog's technical names may use: the shipped ones and
 * `extra`, compared exactly (BroadWorks compares names exactly, and so do the
 * clients that join the catalog with what it returns).
 */
export class KnownNames {
  private readonly exact: ReadonlySet<string>;
  private readonly byKey: ReadonlyMap<string, string>;
  private readonly suggestions: Suggestions;

  constructor(extra: readonly string[]) {
    const all = [...BROADWORKS_SERVICE_NAMES, ...extra.filter((n) => !SHIPPED.has(n))];
    this.exact = new Set(all);
    const byKey = new Map<string, string>();
    for (const name of all) if (!byKey.has(nameKey(name))) byKey.set(nameKey(name), name);
    this.byKey = byKey;
    this.suggestions = new Suggestions(all);
  }

  /**
   * Known, or the nearest known name: one that is the same as a reader sees
   * it (Unicode 16.0, D146: `case` when lower case alone makes them one, else
   * `form`), else the closest spelling (`closest` of suggest.ts), else none.
   */
  verdict(name: string): NameVerdict {
    if (this.exact.has(name)) return { known: true };
    const same = this.byKey.get(nameKey(name));
    if (same !== undefined) {
      const likeness = same.toLowerCase() === name.toLowerCase() ? 'case' : 'form';
      return { known: false, nearest: same, likeness };
    }
    const near = this.suggestions.closest(name);
    return { known: false, nearest: near, likeness: near === null ? null : 'spelling' };
  }
}
