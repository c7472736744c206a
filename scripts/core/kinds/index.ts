/**
 * Every kind of configuration object the tool publishes, in the order their
 * files are reported and their steps run. The command line passes this list
 * to the shared parts; tests may pass their own.
 */
import type { ConfigKind } from './kind.js';
import { userServices } from './user-services/index.js';

export const KINDS: readonly ConfigKind[] = [userServices];
