import { createHash } from 'node:crypto';
// The schema itself, not scripts/core/model/service-schema.ts: that one brings the validator, which a run
// answered from the cache never loads.
import serviceSchema from '../../schema/user-service.schema.json' with { type: 'json' };
import type { CacheIdentity } from '../adapters/cache.js';

declare const __BUILD_ID__: string;

/** The tool and schema a cache entry is valid for. From source, edits are not tracked: use --no-cache. */
export const identity: CacheIdentity = {
  tool: typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'development',
  schema: createHash('sha1').update(JSON.stringify(serviceSchema)).digest('hex'),
};
