import type { DiffableKind } from '../kind.js';
import type { SiteDiff } from '../types.js';

export interface DiffContext {
  /** The base as the user named it: a git revision or a folder. */
  readonly base: string;
  /** The services folder of the working tree, as the user named it. */
  readonly head: string;
  /** ANSI colours, for terminals only. */
  readonly color: boolean;
  /**
   * The kinds the diff compared, in its order (at least one): how each calls
   * its objects, and, when there are several, the kind each change is of.
   */
  readonly kinds: readonly DiffableKind[];
}

/** A diff format is a pure function of the diff; its result goes to standard output. */
export type DiffRenderer = (diff: SiteDiff, context: DiffContext) => string;
