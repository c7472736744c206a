// Bundles the command line into one ES module, so that it starts fast and
// needs no TypeScript at run time.
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { analyzeWorkerSource, BUILD_ID_PLACEHOLDER, precompiledValidator, stampBuildId } from './bundle-speed.mjs';
import { buildPageAssets } from './page/build-assets.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['scripts/cli/bin.ts'],
  outfile: 'lib/user-services.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    // Bundled CommonJS dependencies call require(); give them one.
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  define: {
    __VERSION__: JSON.stringify(version),
    __BUILD_ID__: JSON.stringify(BUILD_ID_PLACEHOLDER),
    __ANALYZE_WORKER__: JSON.stringify(await analyzeWorkerSource(build)),
    // The catalog page's script and stylesheet, as strings: the pure emit step publishes them.
    __CATALOG_PAGE_ASSETS__: JSON.stringify(buildPageAssets()),
  },
  // The schema's validator as generated code: no schema compiled at start-up.
  plugins: [precompiledValidator()],
  legalComments: 'none',
  logLevel: 'warning',
});
stampBuildId('lib/user-services.mjs');
chmodSync('lib/user-services.mjs', 0o755);
