// The floor: what no build can avoid, writing the very tree the build publishes.
// The tree (same paths, same bytes) is loaded into memory before the clock
// starts; then every folder is made and every file written into an empty
// folder, as plain files. Prints the seconds the writing took, as JSON.
//
//   node bench/floor.mjs TREE OUT
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [tree, out] = process.argv.slice(2);
if (tree === undefined || out === undefined) {
  process.stderr.write('usage: node bench/floor.mjs TREE OUT\n');
  process.exit(2);
}

/** Every file below `root` (a link given as the root is followed, as a static host does), with its bytes. */
function load(root) {
  const files = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else files.push([path, readFileSync(join(root, path))]);
    }
  };
  walk('');
  return files;
}

const files = load(tree);
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const started = performance.now();
const made = new Set();
for (const [path, bytes] of files) {
  const folder = dirname(join(out, path));
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  writeFileSync(join(out, path), bytes);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, files: files.length })}\n`);
