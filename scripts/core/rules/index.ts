import { addDataJson } from './add-data-json.js';
import { emptyCatalog } from './empty-catalog.js';
import { forbiddenKeys } from './forbidden-keys.js';
import { instanceName } from './instance-name.js';
import { mergeKeys } from './merge-keys.js';
import { reservedName } from './reserved-name.js';
import type { Rule } from './rule.js';
import { schema } from './schema.js';
import { uniqueInstanceNames } from './unique-instance-names.js';
import { uniqueTechnicalNames } from './unique-technical-names.js';

/** Every validation rule, each run on the whole catalog so that all problems show in one run. */
export const rules: readonly Rule[] = [
  emptyCatalog,
  instanceName,
  reservedName,
  uniqueInstanceNames,
  forbiddenKeys,
  mergeKeys,
  schema,
  addDataJson,
  uniqueTechnicalNames,
];
