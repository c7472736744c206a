/**
 * The user services kind's part for the analysis: its files are the services
 * folder's own, judged by the service schema and the rules on services; a
 * valid file's value is its `Service`, published by technical name.
 */
import { decodeJson, encodeJson } from '../../analysis/file-result-codec.js';
import type { AnalysisKind } from '../../analysis/kind.js';
import type { JsonObject } from '../../model/json.js';
import { type Service, toService } from '../../model/service.js';
import { sortByName } from '../../model/service-order.js';
import { addDataJson } from '../../rules/add-data-json.js';
import { deprecation } from '../../rules/deprecation.js';
import { fieldInAddData } from '../../rules/field-in-add-data.js';
import { knownServiceNames } from '../../rules/known-service-names.js';
import { previousNames } from '../../rules/previous-names.js';
import { replacement } from '../../rules/replacement.js';
import { schema } from '../../rules/service-schema.js';
import { uniquePreviousNames } from '../../rules/unique-previous-names.js';
import { uniqueTechnicalNames } from '../../rules/unique-technical-names.js';

/** A service as the cache keeps it: `add_data` in the codec's tagged form (its key order kept). */
function decodeService(raw: unknown): Service {
  const s = raw as Service & { add_data: unknown };
  if (s === null || typeof s !== 'object' || typeof s.technical_name !== 'string') {
    throw new Error('not an encoded service');
  }
  return { ...s, add_data: decodeJson(s.add_data) as JsonObject };
}

/** User services' analysis part: the services folder's own files, the service rules, `toService`, by technical name. */
export const userServicesAnalysis: AnalysisKind<Service> = {
  folder: '',
  fileRules: [schema, addDataJson, fieldInAddData, deprecation, previousNames],
  catalogRules: [uniqueTechnicalNames, knownServiceNames, replacement, uniquePreviousNames],
  toValue: toService,
  order: sortByName,
  encodeValue: (s) => ({ ...s, add_data: encodeJson(s.add_data) }),
  decodeValue: decodeService,
  sunset: { field: 'deprecation', entry: 'sunset', day: (s) => s.deprecation?.sunset ?? null },
};
