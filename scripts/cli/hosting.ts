import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './io.js';

/** `--hosting-out`, or `hosting` beside the site; neither may hold the other. */
export function hostingFolder(out: string, option: unknown, cwd: string): string {
  const folder = typeof option === 'string' ? resolve(cwd, option) : join(dirname(out), 'hosting');
  const inside = (parent: string, child: string) => {
    const path = relative(parent, child);
    return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
  };
  if (inside(out, folder) || inside(folder, out)) {
    throw new UsageError(`the hosting folder ${folder} must be beside the site ${out}, not in it; set --hosting-out`);
  }
  return folder;
}
