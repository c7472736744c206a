/**
 * The wording of `fmt`'s codes (`format-*`): the files it leaves as they are
 * though they have no error of their own. Part of the message catalogue
 * (`messages.ts`).
 */
import type { Code } from './diagnostic.js';
import type { Wording } from './name-messages.js';

/** The wording of each `format-*` code. */
export const formatMessages: Wording<Extract<Code, `format-${string}`>> = {
  'format-unsafe': ({ problem }) =>
    `fmt leaves this file as it is: in its canonical form (its fields in the documented order) it would ${problem === null ? 'publish another value' : `have the problem ${problem} (an alias that would come before its anchor, for one)`}; put the fields in order by hand`,
  'format-changed-on-disk': () =>
    'the file changed on disk while fmt was formatting it, so it was left as the other writer made it; run fmt again',
  'format-not-written': ({ reason, errno }) =>
    reason === 'read-only-file'
      ? `the file may not be written (mode ${errno}), so fmt leaves it as it was, as an editor would; make it writable (chmod u+w, or give it to the user who formats) and run fmt again if it is to be formatted`
      : `fmt could not replace the file (${reason === 'not-a-file' ? 'it is no longer a plain file' : errno}), so it is left as it was; ${reason === 'permission' || reason === 'read-only' ? 'make the folder writable and run fmt again' : 'run fmt again'}`,
};
