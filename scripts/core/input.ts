/**
 * What the reading adapter hands to the core: one entry per candidate service
 * file, with its bytes or the reason there are none. The core never touches the
 * file system; it turns each entry into a service or into diagnostics.
 */
export type InputFile =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: Uint8Array }
  | { readonly kind: 'directory' | 'other'; readonly path: string }
  | { readonly kind: 'symbolic-link'; readonly path: string; readonly target: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'too-large'; readonly path: string; readonly size: number };

/** The whole input of one run: where the services live and what was found there. */
export interface Input {
  /** The services folder as shown to the user. */
  readonly dir: string;
  readonly files: readonly InputFile[];
}

/** The instance name of a service file: its base name without `.yaml` / `.yml`. */
export function instanceNameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/i, '');
}
