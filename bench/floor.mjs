// The floor: what no build can avoid. Reads every service file and writes as
// many files as the build writes, in the same layout (a folder per service),
// with no parsing and no validation.
//
//   node bench/floor.mjs SERVICES OUT COUNT
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [services, out, count] = process.argv.slice(2);
const total = Number(count);
rmSync(out, { recursive: true, force: true });
const names = readdirSync(services).filter((n) => /\.ya?ml$/i.test(n));
const perFolder = Math.max(1, Math.ceil(total / names.length));
let written = 0;
for (const name of names) {
  const bytes = readFileSync(join(services, name));
  const folder = join(out, 'api', 'v1', 'configs', 'user_services', name.replace(/\.ya?ml$/i, ''));
  mkdirSync(folder, { recursive: true });
  for (let k = 0; k < perFolder && written < total; k++, written++)
    writeFileSync(join(folder, `index${k}.json`), bytes);
}
