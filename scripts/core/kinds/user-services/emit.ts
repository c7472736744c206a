/** The user services kind's part for the emit. */
import type { EmitKind } from '../../emit/kind.js';
import type { Service } from '../../model/service.js';

export const userServicesEmit: EmitKind<Service> = {};
