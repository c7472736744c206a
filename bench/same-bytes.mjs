// Same input, same bytes out, across a change of the code: bundles the tool at
// a base revision (in a temporary git worktree) and at the working tree, builds
// the same catalogs with each (the shipped catalog, the fixture catalog, an
// edge-case catalog and generated catalogs of 1,000 and 10,000 services), with
// default options, --pretty and --no-compress, and compares the published trees
// and host files byte for byte: every differing file, then the first lines of what differs (but in
// `_worker.js`). Exits 1 when any tree differs.
//
//   node bench/same-bytes.mjs [--base REV] [--no-big]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCatalog } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({
  options: { base: { type: 'string', default: 'main' }, 'no-big': { type: 'boolean', default: false } },
});

/**
 * Runs a command; its result, or an exception with its output when it failed.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, allowed?: readonly (number | null)[] }} [options]
 */
function run(command, args, { cwd = ROOT, allowed = [0] } = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!allowed.includes(r.status)) {
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status}:\n${r.stdout}${r.stderr}`);
  }
  return r;
}

/** Texts that escaping, encoding, ordering and the page care about. */
const EDGE_SERVICES = {
  'quotes.yaml': 'technical_name: Quotes "and" \\backslash\\\ndescription: "<b>&amp;</b> \'single\'"\nfor_hg: true\n',
  'unicode.yaml': 'technical_name: Zürich ✓ 日本 😀\ndisplay_name: Ünïcödé\nfor_cc: true\nfor_ivr: true\n',
  'separators.yaml': 'technical_name: Separators\ndescription: "Line\\u2028Separator, tab\\there"\nfor_enduser: true\n',
  'A.yaml': 'technical_name: Upper A\nno_more_assignable: true\n',
  'b.yaml': 'technical_name: lower b\nadd_data:\n  z: 1\n  a: [true, null, 1.5, "x"]\n  m: { deep: { deeper: [] } }\n',
  'n.10.yaml': 'technical_name: Dots 10\nfor_hg: true\nfor_cc: true\nfor_ivr: true\nfor_enduser: true\n',
  'n.9.yml': 'technical_name: Dots 9\ndescription: ""\n',
  'under_score.yaml': 'technical_name: _Under\nadd_data: {}\n',
};

/** Makes the catalogs once; both tools build the very same folders. */
function catalogs(work) {
  const edge = join(work, 'edge');
  mkdirSync(edge);
  for (const [name, text] of Object.entries(EDGE_SERVICES)) writeFileSync(join(edge, name), text);
  const list = [
    ['shipped', join(ROOT, 'services')],
    ['fixture', join(ROOT, 'test', 'fixtures', 'catalog', 'services')],
    ['edge', edge],
    ['1k', generateCatalog(join(work, 'c1k'), 1_000)],
  ];
  if (!opts['no-big']) list.push(['10k', generateCatalog(join(work, 'c10k'), 10_000)]);
  return list;
}

const VARIANTS = [
  ['default', []],
  ['pretty', ['--pretty']],
  ['no-compress', ['--no-compress']],
];

/** Builds every catalog in every variant with the bundled CLI `cli`, into `out/<catalog>-<variant>/{dist,hosting}`. */
function buildAll(cli, list, out) {
  for (const [name, dir] of list) {
    for (const [variant, flags] of VARIANTS) {
      const target = join(out, `${name}-${variant}`);
      const args = [
        'build',
        '--services',
        dir,
        '--out',
        join(target, 'dist'),
        '--hosting-out',
        join(target, 'hosting'),
      ];
      run(process.execPath, [cli, ...args, '--no-cache', ...flags], { cwd: out });
    }
  }
}

const work = mkdtempSync(join(tmpdir(), 'user-services-same-bytes-'));
try {
  const base = run('git', ['rev-parse', '--verify', `${opts.base}^{commit}`]).stdout.trim();
  const tree = join(work, 'base-tree');
  run('git', ['worktree', 'add', '--detach', tree, base]);
  try {
    // A copy, not a link: the bundler resolves a link to its target, and the
    // Worker's comments name its sources by path (`node_modules/ajv/...`), so a
    // linked folder would make the base's Worker differ by its comments alone.
    // Hard links where the file system allows them (fast), else a copy.
    const copied = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(tree, 'node_modules')]);
    if (copied.status !== 0) cpSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), { recursive: true });
    run(process.execPath, ['scripts/bundle.mjs'], { cwd: tree });
    cpSync(join(tree, 'lib'), join(work, 'base-lib'), { recursive: true });
  } finally {
    run('git', ['worktree', 'remove', '--force', tree]);
  }
  run(process.execPath, ['scripts/bundle.mjs']);
  cpSync(join(ROOT, 'lib'), join(work, 'head-lib'), { recursive: true });
  const list = catalogs(work);
  for (const side of ['base', 'head']) {
    mkdirSync(join(work, `${side}-out`));
    // No package.json above: no cache is looked for, and none could answer.
    buildAll(join(work, `${side}-lib`, 'user-services.mjs'), list, join(work, `${side}-out`));
  }
  // The published trees only: the build folders beside them are named by time and process.
  // Every file that differs, by tree (`diff -rq`), then the first lines of what differs in files other than
  // `_worker.js`: the Worker bundles the tool's serving code, so a change of that code changes it (and its
  // line in the manifest) by design, and its text would hide every other difference.
  const differences = list.flatMap(([name]) =>
    VARIANTS.flatMap(([variant]) =>
      ['dist', 'hosting'].flatMap((tree) => {
        const [a, b] = ['base', 'head'].map((side) => join(work, `${side}-out`, `${name}-${variant}`, tree));
        const diff = run('diff', ['-rq', a, b], { allowed: [0, 1] });
        if (diff.status === 0) return [];
        const content = run('diff', ['-r', '-x', '_worker.js', a, b], { allowed: [0, 1] }).stdout;
        return [{ files: diff.stdout, content }];
      }),
    ),
  );
  const trees = list.length * VARIANTS.length;
  if (differences.length === 0) {
    console.log(`same bytes: ${trees} trees (${list.map(([n]) => n).join(', ')} × default, --pretty, --no-compress)`);
    console.log(`base ${base.slice(0, 12)} and the working tree publish identical files`);
  } else {
    console.log(differences.map((d) => d.files).join(''));
    console.log(
      differences
        .map((d) => d.content)
        .join('')
        .split('\n')
        .slice(0, 40)
        .join('\n'),
    );
    console.log(`DIFFERENT: the trees built at ${base.slice(0, 12)} and from the working tree differ`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
