/** The user services kind's name and filters: the spec's URLs and query. */
import { FLAGS } from '../../model/service.js';
import type { KindIdentity } from '../kind.js';

/** `user_services` (spec: `GET /api/v1/configs/user_services/`), filtered by the four flags of `FLAGS`. */
export const userServicesIdentity: KindIdentity = { name: 'user_services', flags: FLAGS };
