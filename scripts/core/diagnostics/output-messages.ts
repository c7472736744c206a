/**
 * The wording of the refusals of an output folder (`output-*` codes), part of
 * the message catalogue (`messages.ts`). Each names the option and the folder
 * as the user wrote them, says why the build will not write there, and what
 * to do.
 */
import type { Code, DiagnosticArgs, LockIntruder, OutputArgs, OutputPart, Overlap, PathProblem } from './diagnostic.js';

type OutputCode = Extract<Code, `output-${string}`>;

const overlap: Record<Overlap, string> = { same: 'is', inside: 'lies inside', contains: 'contains' };

/** The output, or the part of it (its builds folder, its lock) that is in the way. */
const subject = (a: OutputArgs & { part: string; partKind: OutputPart }): string =>
  a.partKind === 'folder'
    ? `${a.option} ${a.folder}`
    : `${a.option} ${a.folder} keeps its ${a.partKind === 'builds' ? 'builds' : 'lock'} in ${a.part}, which`;

const elsewhere = (a: OutputArgs): string =>
  `Choose another folder with ${a.option}, such as ${a.option === '--out' ? 'dist' : 'hosting'} beside the services folder`;

/** At most three entries, each under `folder`, then how many more. */
function listed(folder: string, entries: readonly string[]): string {
  const shown = entries.slice(0, 3).map((e) => `${folder}/${e}`);
  return entries.length > 3 ? `${shown.join(', ')} and ${entries.length - 3} more` : shown.join(', ');
}

const them = (entries: readonly unknown[]): string => (entries.length === 1 ? 'it' : 'them');

const intruders: Record<LockIntruder, string> = {
  link: 'a symbolic link',
  file: 'a file that holds more than a process id',
  'empty-file':
    'an empty file (earlier versions of user-services, which locked with a file, could leave one when killed between creating it and writing their process id into it: if no build is running, delete it)',
  folder: 'a folder that is not empty',
  other: 'neither a file nor a folder',
};

/** Why a path cannot be used, as the file system's error says it (`init` says it of its folder too). */
export const PATH_PROBLEMS: Record<PathProblem, string> = {
  'dangling-link': 'is a symbolic link to something that does not exist',
  'link-loop': 'is a loop of symbolic links',
  permission: 'may not be written by this user (permission denied)',
  'read-only': 'is on a file system mounted read-only',
  missing: 'cannot be made: a folder on the way does not exist and cannot be created there',
  'no-space': 'cannot be written: the file system is full',
  'name-too-long': 'is a name too long for the file system',
  other: 'cannot be written',
};

/** The wording of each `output-*` code, from its typed arguments; part of `messages`. */
export const outputMessages: { [C in OutputCode]: (args: DiagnosticArgs[C]) => string } = {
  'output-overlaps-services': (a) =>
    `${subject(a)} ${overlap[a.relation]} the services folder ${a.services}; a build replaces its output whole and would delete service files. ${elsewhere(a)}`,
  'output-overlaps-output': (a) =>
    `${subject(a)} ${overlap[a.relation]} ${a.otherOption} ${a.other}; each output is replaced whole by every build, so one would delete the other. Choose folders side by side, such as dist and hosting`,
  'output-holds-working-directory': (a) =>
    `${subject(a)} ${a.relation === 'same' ? 'is' : 'contains'} the working directory; a build replaces its output whole and would delete the project. ${elsewhere(a)}`,
  'output-overlaps-cache': (a) =>
    `${subject(a)} ${overlap[a.relation]} the cache of user-services ${a.cache}; a build replaces its output whole and the tool rewrites its cache, so each would destroy the other. ${elsewhere(a)}`,
  'output-is-repository': (a) =>
    a.inside
      ? `${a.option} ${a.folder} is or lies inside the .git folder of a repository, where git keeps its history; a build replaces its output whole and would corrupt the repository. ${elsewhere(a)}`
      : `${a.option} ${a.folder} is the root of a git repository (it holds .git); a build replaces its output whole and would delete the repository. ${elsewhere(a)}`,
  'output-not-a-folder': (a) =>
    a.below
      ? `${a.option} ${a.folder} lies below a file, not a folder; move the file away or choose another path with ${a.option}`
      : `${a.option} ${a.folder} exists and is not a folder; move it away or choose another path with ${a.option}`,
  'output-not-owned': (a) => {
    const what = {
      folder: `${a.option} ${a.folder} is a folder that user-services did not make, and it is not empty; a build replaces its output whole and would delete what is there. Empty it or choose another folder with ${a.option}`,
      link: `${a.option} ${a.folder} is a symbolic link to ${a.target}, not to a build of user-services; remove the link or choose another folder with ${a.option}`,
      builds: `${a.option} ${a.folder} keeps its builds in ${a.target}, which is not a folder that user-services made; move it away or choose another folder with ${a.option}`,
    };
    return what[a.found];
  },
  'output-builds-not-owned': (a) =>
    `${a.option} ${a.folder} keeps its builds in ${a.builds}, which holds ${listed(a.builds, a.entries)}, not made by user-services; a build deletes its old builds there and would delete ${them(a.entries)}. Move ${them(a.entries)} out of ${a.builds} or choose another folder with ${a.option}`,
  'output-lock-not-owned': (a) =>
    `${a.option} ${a.folder} keeps its lock in ${a.lock}, which is ${intruders[a.found]}, not a lock of user-services; a build removes its lock when done and would delete it. Move it away or choose another folder with ${a.option}`,
  'output-holds-foreign-files': (a) => {
    const list = listed(a.within, a.entries);
    const it = them(a.entries);
    if (a.within !== a.folder) {
      return `${a.option} ${a.folder} keeps an earlier build in ${a.within}, which holds ${list}, not written by user-services; the next build reuses that folder, which would lose ${it}. Move ${it} out of ${a.within}`;
    }
    return `${a.option} ${a.folder} holds ${list}, which user-services did not write (put there after the last build); the next build publishes a folder without ${it}, which would lose ${it}. Move ${it} out of ${a.folder}: it holds only what the build writes (to publish more files beside the API, copy them in after the build, in the step that uploads ${a.folder})`;
  },
  'output-unusable': (a) =>
    `${a.option} ${a.folder} cannot be used: ${a.path} ${PATH_PROBLEMS[a.reason]} (${a.errno}). Fix that or choose another folder with ${a.option}`,
};
