import { defineConfig } from 'vitest/config';

/**
 * Three projects, chosen by folder: `unit` (`test/unit/`, mirroring
 * `scripts/`: the core, the application layer and the adapters called in
 * process; no bundle, no child process), `integration` (`test/integration/`:
 * real nginx, Caddy, Chromium, Python's jsonschema, S3's client, shells, git,
 * pre-commit, actionlint) and `e2e` (`test/e2e/`: the bundled command line,
 * and the slow property tests). `npx vitest run --project unit` takes
 * seconds; `npm test` runs all three.
 */
export default defineConfig({
  test: {
    // Two cores: more workers than that only makes the end-to-end tests slower.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // Real programs (npm pack and install, pre-commit, hosts' runtimes) take their time on a loaded machine.
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000 },
      },
      // Property tests run hundreds of emits and command lines: on a loaded machine, minutes. A timeout
      // here only says a test hangs; no test of speed depends on it (speed is measured by the bench).
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
