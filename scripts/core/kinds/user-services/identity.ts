/** The user services kind's name and filters: the spec's URLs and query. */
import { FLAGS } from '../../model/service.js';
import type { KindIdentity } from '../kind.js';

export const userServicesIdentity: KindIdentity = { name: 'user_services', flags: FLAGS };
