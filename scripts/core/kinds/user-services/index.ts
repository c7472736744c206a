/**
 * The user services kind (spec: "User Services"): its identity and each
 * area's part, assembled. Its model is `model/service.ts`, its schema
 * `schema/service.schema.json`, its rules and emit steps those its parts list.
 */
import type { Service } from '../../model/service.js';
import type { ConfigKind } from '../kind.js';
import { userServicesAnalysis } from './analysis.js';
import { userServicesDiff } from './diff.js';
import { userServicesEmit } from './emit.js';
import { userServicesIdentity } from './identity.js';
import { userServicesOpenApi } from './openapi.js';

/** The user services kind: every area's part of it (see `ConfigKind`). */
export const userServices: ConfigKind<Service> = {
  ...userServicesIdentity,
  ...userServicesAnalysis,
  ...userServicesEmit,
  ...userServicesDiff,
  ...userServicesOpenApi,
};
