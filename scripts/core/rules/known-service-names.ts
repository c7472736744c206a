import { warning } from '../diagnostics/diagnostic.js';
import { declaredNames, KnownNames } from '../model/platform.js';
import { validateService } from '../model/service-schema.js';
import { PLATFORM_FILE } from '../reading/input.js';
import { entryOf } from '../reading/tree.js';
import type { Check, Rule } from './rule.js';

/**
 * Clients join the catalog with what BroadWorks returns (APIO's licences API)
 * by technical name, compared exactly: a name BroadWorks does not have hides
 * its service from every client. Each technical name must be one of the names
 * the tool ships (the OCI-P UserService enumeration) or one the platform file
 * declares; otherwise a warning, with the known name it is nearest to. When
 * the platform file could not be read, its list is unknown and nothing is said;
 * nor of a name that is no valid technical name (its error says why).
 */
const check: Check = ({ dir, files, platform }) => {
  if (platform?.root === null) return [];
  const known = new KnownNames(declaredNames(platform?.root ?? null));
  const platformFile = dir === '.' ? PLATFORM_FILE : `${dir}/${PLATFORM_FILE}`;
  return files.flatMap((f) => {
    const entry = f.root === null ? undefined : entryOf(f.root, 'technical_name');
    if (entry?.value.kind !== 'scalar' || typeof entry.value.value !== 'string') return [];
    const name = entry.value.value;
    // A name the service schema refuses (a doubled space, an invisible character) has an error saying so.
    if (!validateService({ technical_name: name })) return [];
    const verdict = known.verdict(name);
    if (verdict.known) return [];
    const { nearest, likeness } = verdict;
    return [warning('unknown-service-name', f.locate(entry.value.start), { name, nearest, likeness, platformFile })];
  });
};

/** The rule `known-service-names`. */
export const knownServiceNames: Rule = {
  meta: {
    id: 'known-service-names',
    scope: 'catalog',
    codes: ['unknown-service-name'],
    reads: ['technical_name'],
    docs: 'Technical names are BroadWorks user service names: shipped with the tool, or declared in the platform file.',
  },
  check,
};
