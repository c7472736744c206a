/**
 * A sequence of changes to a services folder, of every kind a watcher must
 * follow: for the tests that compare what `serve --watch` holds after each
 * change with a fresh read of the folder.
 */
import { mkdirSync, renameSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_LINE } from './fs.js';

export interface WatchStep {
  readonly name: string;
  /** Makes the change in the services folder `dir`. */
  readonly apply: (dir: string) => void;
  /** The entries the change touches, as the system's watcher names them. */
  readonly touched: readonly string[];
  /** The change leaves the catalog with errors. */
  readonly errors: boolean;
}

const service = (name: string, extra = '') => `${SCHEMA_LINE}technical_name: ${name}\n${extra}`;

/** The folder every sequence starts from. */
export const START: Record<string, string> = {
  'alpha.yaml': service('Alpha', 'description: The first\nfor_hg: true\n'),
  'beta.yaml': service('Beta', 'for_cc: true\n'),
  'kappa.yaml': service('Kappa', 'display_name: K\nfor_ivr: true\n'),
  'notes.txt': 'not a service file\n',
};

const write = (name: string, text: string) => (dir: string) => writeFileSync(join(dir, name), text);

export const STEPS: readonly WatchStep[] = [
  {
    name: 'an edit',
    apply: write('alpha.yaml', service('Alpha', 'description: The first, edited\nfor_hg: true\n')),
    touched: ['alpha.yaml'],
    errors: false,
  },
  { name: 'a file added', apply: write('gamma.yml', service('Gamma')), touched: ['gamma.yml'], errors: false },
  { name: 'a file deleted', apply: (dir) => rmSync(join(dir, 'beta.yaml')), touched: ['beta.yaml'], errors: false },
  {
    name: 'a rename',
    apply: (dir) => renameSync(join(dir, 'gamma.yml'), join(dir, 'delta.yaml')),
    touched: ['gamma.yml', 'delta.yaml'],
    errors: false,
  },
  {
    name: 'a broken file',
    apply: write('delta.yaml', service('Gamma', 'for_hg: [unclosed\n')),
    touched: ['delta.yaml'],
    errors: true,
  },
  {
    name: 'its fix',
    apply: write('delta.yaml', service('Gamma', 'for_hg: false\n')),
    touched: ['delta.yaml'],
    errors: false,
  },
  {
    name: 'a rename of the case alone',
    apply: (dir) => renameSync(join(dir, 'alpha.yaml'), join(dir, 'Alpha.yaml')),
    touched: ['alpha.yaml', 'Alpha.yaml'],
    errors: false,
  },
  {
    name: 'a directory named x.yaml',
    apply: (dir) => mkdirSync(join(dir, 'x.yaml')),
    touched: ['x.yaml'],
    errors: true,
  },
  {
    name: 'the directory removed',
    apply: (dir) => rmdirSync(join(dir, 'x.yaml')),
    touched: ['x.yaml'],
    errors: false,
  },
  {
    name: 'a symbolic link named link.yaml',
    apply: (dir) => symlinkSync('Alpha.yaml', join(dir, 'link.yaml')),
    touched: ['link.yaml'],
    errors: true,
  },
  { name: 'the link removed', apply: (dir) => rmSync(join(dir, 'link.yaml')), touched: ['link.yaml'], errors: false },
  {
    name: 'a technical name used twice',
    apply: write('epsilon.yaml', service('gamma', 'for_enduser: true\n')),
    touched: ['epsilon.yaml'],
    errors: true,
  },
  {
    name: 'the second one renamed',
    apply: write('epsilon.yaml', service('Epsilon', 'for_enduser: true\n')),
    touched: ['epsilon.yaml'],
    errors: false,
  },
  {
    name: 'a line added above the technical name',
    apply: write('kappa.yaml', `# moved down\n${service('Kappa', 'display_name: K\nfor_ivr: true\n')}`),
    touched: ['kappa.yaml'],
    errors: false,
  },
  {
    name: 'an editor save (write a temporary file, move the old one aside, rename, delete)',
    apply: (dir) => {
      writeFileSync(join(dir, 'kappa.yaml___jb_tmp___'), service('Kappa', 'display_name: Kay\n'));
      renameSync(join(dir, 'kappa.yaml'), join(dir, 'kappa.yaml___jb_old___'));
      renameSync(join(dir, 'kappa.yaml___jb_tmp___'), join(dir, 'kappa.yaml'));
      rmSync(join(dir, 'kappa.yaml___jb_old___'));
    },
    touched: ['kappa.yaml___jb_tmp___', 'kappa.yaml', 'kappa.yaml___jb_old___'],
    errors: false,
  },
  {
    name: 'a file larger than the limit',
    apply: write('huge.yaml', service('Huge', `description: ${'x'.repeat(300 * 1024)}\n`)),
    touched: ['huge.yaml'],
    errors: true,
  },
  {
    name: 'the large file cut down',
    apply: write('huge.yaml', service('Huge', 'description: small again\n')),
    touched: ['huge.yaml'],
    errors: false,
  },
  {
    name: 'a file written again with the same bytes',
    apply: write('epsilon.yaml', service('Epsilon', 'for_enduser: true\n')),
    touched: ['epsilon.yaml'],
    errors: false,
  },
  {
    name: "a copy saved as .yaml.bak, which is not a service file, and an editor's lock file, which is hidden",
    apply: (dir) => {
      writeFileSync(join(dir, '.#epsilon.yaml'), 'operator@host.4242\n');
      writeFileSync(join(dir, 'epsilon.yaml.bak'), service('Epsilon', 'for_enduser: true\n'));
    },
    touched: ['.#epsilon.yaml', 'epsilon.yaml.bak'],
    errors: false,
  },
  {
    name: 'a sub-folder holding a service file',
    apply: (dir) => {
      mkdirSync(join(dir, 'archive'));
      writeFileSync(join(dir, 'archive', 'old.yaml'), service('Old'));
    },
    touched: ['archive'],
    errors: false,
  },
  {
    name: 'the copy renamed to .json, the lock file and the sub-folder removed',
    apply: (dir) => {
      renameSync(join(dir, 'epsilon.yaml.bak'), join(dir, 'epsilon.json'));
      rmSync(join(dir, '.#epsilon.yaml'));
      rmSync(join(dir, 'archive'), { recursive: true });
    },
    touched: ['epsilon.yaml.bak', 'epsilon.json', '.#epsilon.yaml', 'archive'],
    errors: false,
  },
  {
    name: 'a name that is not a valid instance name',
    apply: write('bad name.yaml', service('Bad name')),
    touched: ['bad name.yaml'],
    errors: true,
  },
  {
    name: 'every service file removed',
    apply: (dir) => {
      for (const name of ['Alpha.yaml', 'kappa.yaml', 'delta.yaml', 'epsilon.yaml', 'huge.yaml', 'bad name.yaml']) {
        rmSync(join(dir, name));
      }
    },
    touched: ['Alpha.yaml', 'kappa.yaml', 'delta.yaml', 'epsilon.yaml', 'huge.yaml', 'bad name.yaml'],
    errors: true,
  },
  { name: 'one service back', apply: write('omega.yaml', service('Omega')), touched: ['omega.yaml'], errors: false },
];
