import { serialize } from '../json.js';
import type { Service } from '../service.js';
import { listPath, utf8 } from '../site.js';
import type { EmitOptions, EmitStep } from './step.js';

/** The list body, `{"user_services": [...]}`, entries with the spec's four keys in its order. */
export function listBody(services: readonly Service[], options: EmitOptions): Uint8Array {
  const entries = services.map(
    (s) =>
      new Map<string, string | boolean>([
        ['technical_name', s.technical_name],
        ['display_name', s.display_name],
        ['description', s.description],
        ['no_more_assignable', s.no_more_assignable],
      ]),
  );
  return utf8(serialize(new Map([['user_services', entries]]), options.pretty));
}

export const emitList: EmitStep = ({ services, options }) => [[listPath(), listBody(services, options)]];
