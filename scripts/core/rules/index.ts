import { addDataJson } from './add-data-json.js';
import { commentInText } from './comment-in-text.js';
import { deprecation } from './deprecation.js';
import { emptyCatalog } from './empty-catalog.js';
import { fieldInAddData } from './field-in-add-data.js';
import { forbiddenKeys } from './forbidden-keys.js';
import { instanceName } from './instance-name.js';
import { knownServiceNames } from './known-service-names.js';
import { loneSurrogates } from './lone-surrogates.js';
import { mergeKeys } from './merge-keys.js';
import { platformFile } from './platform-file.js';
import { previousNames } from './previous-names.js';
import { replacement } from './replacement.js';
import { reservedName } from './reserved-name.js';
import type { Rule } from './rule.js';
import { schema } from './service-schema.js';
import { uniqueInstanceNames } from './unique-instance-names.js';
import { uniquePreviousNames } from './unique-previous-names.js';
import { uniqueTechnicalNames } from './unique-technical-names.js';
import { yaml11Values } from './yaml11-values.js';

/**
 * Rules that judge each file on its own: what they say of a file depends on its
 * path and bytes alone, so it is computed once per file and may be cached.
 */
export const fileRules: readonly Rule[] = [
  instanceName,
  reservedName,
  forbiddenKeys,
  mergeKeys,
  schema,
  addDataJson,
  loneSurrogates,
  yaml11Values,
  commentInText,
  fieldInAddData,
  platformFile,
  deprecation,
  previousNames,
];

/**
 * Rules that compare files. They see each file's outline (see `outline.ts`):
 * its path, its instance name and, of its content, only the top-level fields
 * named in `catalogFields`, with their scalar values (at the top, in a mapping
 * or in a list); and of the platform file, the names it declares.
 */
export const catalogRules: readonly Rule[] = [
  emptyCatalog,
  uniqueInstanceNames,
  uniqueTechnicalNames,
  knownServiceNames,
  replacement,
  uniquePreviousNames,
];

/**
 * The fields the catalog rules read, from their `meta.reads`. Outlines of
 * every file are kept in memory together (and in the cache), so they hold these
 * alone: a catalog rule that reads a field declares it in its meta.
 */
export const catalogFields: readonly string[] = [...new Set(catalogRules.flatMap((r) => r.meta.reads ?? []))];

/** Every validation rule, so that all problems of all files show in one run. */
export const rules: readonly Rule[] = [...fileRules, ...catalogRules];
