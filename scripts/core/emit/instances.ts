import { type Json, serialize } from '../json.js';
import type { Service } from '../service.js';
import { instancePath, utf8 } from '../site.js';
import type { EmitStep } from './step.js';

/** The instance body: every field with defaults applied, in the order of the spec's example. */
export function instanceBody(s: Service): Map<string, Json> {
  return new Map<string, Json>([
    ['technical_name', s.technical_name],
    ['display_name', s.display_name],
    ['description', s.description],
    ['no_more_assignable', s.no_more_assignable],
    ['for_hg', s.for_hg],
    ['for_ivr', s.for_ivr],
    ['for_cc', s.for_cc],
    ['for_enduser', s.for_enduser],
    ['add_data', s.add_data],
  ]);
}

export const emitInstances: EmitStep = ({ services, options }) =>
  services.map((s) => [instancePath(s.instance), utf8(serialize(instanceBody(s), options.pretty))]);
