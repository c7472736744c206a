/** The user services kind's part for the diff. */
import type { DiffKind } from '../../diff/kind.js';

export const userServicesDiff: DiffKind = {};
