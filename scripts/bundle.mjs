// Bundles the command line into ES modules that need no TypeScript at run time:
// the entry `lib/user-services.mjs` and chunks in `lib/chunks/` that it imports
// only when a run needs them. A build in which nothing changed answers from
// the cache without loading the parser, the validator or the emit steps, and
// loading those costs more than the rest of such a run (measured: 45 ms of
// module loading for one bundle of 790 KB, against 70 ms for Node's own start).
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { analyzeWorkerSource, BUILD_ID_PLACEHOLDER, precompiledValidator, stampBuildId } from './bundle-speed.mjs';
import { buildPageAssets } from './page/build-assets.mjs';
import { buildCloudflareWorker } from './worker/build-worker.mjs';

const OUT = 'lib';
const ENTRY = join(OUT, 'user-services.mjs');
// Chunks are named by their content: those of an earlier bundle would linger.
rmSync(join(OUT, 'chunks'), { recursive: true, force: true });

const result = await build({
  entryPoints: { 'user-services': 'scripts/cli/bin.ts' },
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    // Bundled CommonJS dependencies call require(); give them one.
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  define: {
    __BUILD_ID__: JSON.stringify(BUILD_ID_PLACEHOLDER),
    __ANALYZE_WORKER__: JSON.stringify(await analyzeWorkerSource(build)),
    // The catalog page's script and stylesheet, as strings: the pure emit step publishes them.
    __CATALOG_PAGE_ASSETS__: JSON.stringify(buildPageAssets()),
    // The Cloudflare Pages Worker, as text: the pure emit step publishes it as _worker.js.
    __CLOUDFLARE_WORKER__: JSON.stringify(buildCloudflareWorker()),
  },
  // The schema's validator as generated code: no schema compiled at start-up.
  plugins: [precompiledValidator()],
  legalComments: 'none',
  logLevel: 'warning',
});
stampBuildId(Object.keys(result.metafile.outputs).sort());
chmodSync(ENTRY, 0o755);
