import { createHash } from 'node:crypto';
import type { CacheIdentity } from '../adapters/cache.js';
import { serviceSchema } from '../core/schema.js';

declare const __BUILD_ID__: string;

/** The tool and schema a cache entry is valid for. From source, edits are not tracked: use --no-cache. */
export const identity: CacheIdentity = {
  tool: typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'development',
  schema: createHash('sha1').update(JSON.stringify(serviceSchema)).digest('hex'),
};
