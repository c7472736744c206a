/** fast-check arbitraries of `Service` objects, as the emit steps take them (defaults applied). */
import fc from 'fast-check';
import type { Json } from '../../scripts/core/model/json.js';
import type { Service } from '../../scripts/core/model/service.js';

/** Every field of a service but its instance and technical name, from arbitraries of its texts and add_data. */
export const serviceFieldsArb = (text: fc.Arbitrary<string>, addData: fc.Arbitrary<ReadonlyMap<string, Json>>) =>
  fc.record({
    display_name: text,
    description: text,
    no_more_assignable: fc.boolean(),
    for_hg: fc.boolean(),
    for_cc: fc.boolean(),
    for_ivr: fc.boolean(),
    for_enduser: fc.boolean(),
    add_data: addData,
  });

/** A service of this instance and technical name, its other fields from `fields`. */
export const serviceArbOf = (
  instance: fc.Arbitrary<string>,
  technicalName: fc.Arbitrary<string>,
  fields: ReturnType<typeof serviceFieldsArb>,
): fc.Arbitrary<Service> =>
  fc.tuple(instance, technicalName, fields).map(([name, technical_name, rest]) => ({
    instance: name,
    technical_name,
    ...rest,
    deprecation: null,
    previous_names: [],
  }));
