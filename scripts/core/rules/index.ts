/**
 * The shared rules: those that judge any YAML file of the services folder
 * whatever its kind (file names, YAML pitfalls, the platform file), and those
 * that compare files of every kind. A kind's own rules (user services': the
 * schema, add_data, deprecation, names) are listed by its analysis part
 * (`kinds/<kind>/analysis.ts`); the analysis runs both.
 */
import { commentInText } from './comment-in-text.js';
import { emptyCatalog } from './empty-catalog.js';
import { forbiddenKeys } from './forbidden-keys.js';
import { instanceName } from './instance-name.js';
import { loneSurrogates } from './lone-surrogates.js';
import { mergeKeys } from './merge-keys.js';
import { platformFile } from './platform-file.js';
import { reservedName } from './reserved-name.js';
import type { Rule } from './rule.js';
import { uniqueInstanceNames } from './unique-instance-names.js';
import { yaml11Values } from './yaml11-values.js';

/**
 * Shared rules that judge each file on its own, over every kind's files at
 * once: what they say of a file depends on its path and bytes alone, so it is
 * computed once per file and may be cached.
 */
export const sharedFileRules: readonly Rule[] = [
  instanceName,
  reservedName,
  forbiddenKeys,
  mergeKeys,
  loneSurrogates,
  yaml11Values,
  commentInText,
  platformFile,
];

/**
 * Shared rules that compare files, over every kind's files at once (each file
 * carries its kind's name: instance names are unique within a kind). They see
 * each file's outline (see `outline.ts`): its path, its instance name and, of
 * its content, only the top-level fields some catalog rule reads (`meta.reads`),
 * with their scalar values; and of the platform file, the names it declares.
 */
export const sharedCatalogRules: readonly Rule[] = [emptyCatalog, uniqueInstanceNames];
