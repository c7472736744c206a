/**
 * Every kind of configuration object the tool publishes, in the order their
 * files are reported and their steps run. The command line passes this list
 * to the shared parts; tests may pass their own.
 */
import type { ConfigKind } from './kind.js';
import { userServices } from './user-services/index.js';

/** The kinds the tool reads and publishes: user services (`kinds/user-services/`). */
export const KINDS: readonly ConfigKind[] = [userServices];
