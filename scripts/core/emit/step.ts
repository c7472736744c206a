import type { Service } from '../service.js';
import type { Site } from '../site.js';

export interface EmitOptions {
  /** Indent JSON by two spaces instead of printing it compactly. */
  readonly pretty: boolean;
  /** Add precompressed `.gz` and `.br` copies of the text files (absent: none). */
  readonly compress?: boolean;
  /** Remembers results that depend on bytes alone, across builds; the site is the same without it. */
  readonly memo?: BytesMemo;
}

/** A store of `compute(bytes)` by kind and bytes, for costly pure functions of bytes (compression). */
export interface BytesMemo {
  get(kind: string, bytes: Uint8Array, compute: (bytes: Uint8Array) => Uint8Array): Uint8Array;
}

export interface EmitInput {
  /** Valid services, sorted by technical name. */
  readonly services: readonly Service[];
  readonly options: EmitOptions;
  /** What the steps before this one emitted, for steps that build on it. */
  readonly site: Site;
}

/** Every emit step has this one signature and is listed in `emit/index.ts`. */
export type EmitStep = (input: EmitInput) => [string, Uint8Array][];
