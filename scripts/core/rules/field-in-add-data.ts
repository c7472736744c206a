import { warning } from '../diagnostics/diagnostic.js';
import { FIELDS } from '../model/service-schema.js';
import { entryOf, keyName } from '../reading/tree.js';
import type { Check, Rule } from './rule.js';

const SERVICE_FIELDS: ReadonlySet<string> = new Set(FIELDS);

/**
 * A field of the service (any top-level property of the schema) written as a
 * key directly under `add_data`, unquoted: YAML reads it as a key of
 * add_data, because it is indented under it, and the service loses the field
 * (`  for_hg: true` under `add_data:` publishes `add_data.for_hg` and leaves
 * `for_hg` false). Likely a line indented by mistake, so a warning at the key;
 * a quoted key says that the author meant it as data.
 */
const check: Check = ({ files }) =>
  files.flatMap((f) => {
    const addData = f.root === null ? undefined : entryOf(f.root, 'add_data');
    if (addData === undefined || addData.value.kind !== 'map') return [];
    return addData.value.entries
      .filter((e) => e.key.kind === 'scalar' && !e.key.quoted && SERVICE_FIELDS.has(keyName(e.key)))
      .map((e) => {
        const at = f.locate(e.key.start);
        return warning('field-in-add-data', at, { field: keyName(e.key), column: at.column });
      });
  });

/** The rule `field-in-add-data`. */
export const fieldInAddData: Rule = {
  meta: {
    id: 'field-in-add-data',
    scope: 'file',
    codes: ['field-in-add-data'],
    docs: 'A field of the service indented under add_data becomes a key of add_data, and the service loses it.',
  },
  check,
};
