/**
 * The wording of the refusals of `init` (`init-*` codes), part of the message
 * catalogue (`messages.ts`). Nothing is written when one is reported; each
 * says what is in the way and what to do.
 */
import type { Code, DiagnosticArgs, PathProblem } from './diagnostic.js';
import { PATH_PROBLEMS } from './output-messages.js';

type InitCode = Extract<Code, `init-${string}`>;

const folderProblems: Partial<Record<DiagnosticArgs['init-folder-unusable']['reason'], string>> = {
  'not-a-folder': 'exists and is not a folder',
  'below-a-file': 'lies below a file, not a folder',
};

const found = { file: 'a file', folder: 'a folder', link: 'a symbolic link', other: 'not a plain file' } as const;

/** The wording of each `init-*` code, from its typed arguments to one line of text. */
export const initMessages: { [C in InitCode]: (args: DiagnosticArgs[C]) => string } = {
  'init-file-exists': (a) =>
    a.needed === 'file'
      ? `${a.path} exists already (${found[a.found]}); init never replaces a file, so it wrote nothing. Move it aside, or run init in another folder`
      : `${a.path} is ${found[a.found]}, where init puts a folder, so it wrote nothing. Move it aside, or run init in another folder`,
  'init-folder-unusable': (a) =>
    `the folder ${a.folder} ${folderProblems[a.reason] ?? PATH_PROBLEMS[a.reason as PathProblem]} (${a.errno}), so init wrote nothing. Fix that, or run init in another folder`,
};
