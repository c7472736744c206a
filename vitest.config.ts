import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (the core, the application layer and the adapters
 * called in process: fast, no bundle, no child process), `integration` (real
 * nginx, Caddy, Chromium, Python's jsonschema, a shell) and `e2e` (the bundled
 * command line, and the slow property tests). `npx vitest run --project unit`
 * takes seconds; `npm test` runs all three.
 */
const UNIT = [
  'test/unit/**/*.test.ts',
  'test/cloudfront.test.ts',
  'test/comment-in-text.test.ts',
  'test/core-*.test.ts',
  'test/diff-core.test.ts',
  'test/diff-format.test.ts',
  'test/emit-bytes.test.ts',
  'test/emit-memo.test.ts',
  'test/fast-parse.test.ts',
  'test/fixture-catalog.test.ts',
  'test/hosting-files.test.ts',
  'test/json-text.test.ts',
  'test/locate.test.ts',
  'test/look-alike-names.test.ts',
  'test/openapi.test.ts',
  'test/request.test.ts',
  'test/schema-patterns.test.ts',
  'test/service-order.test.ts',
  'test/shorten.test.ts',
  'test/yaml-reading.test.ts',
];
const INTEGRATION = [
  'test/integration/**/*.test.ts',
  'test/caddy.test.ts',
  'test/nginx.test.ts',
  'test/page-browser.test.ts',
  'test/python-jsonschema.test.ts',
  'test/s3-upload.test.ts',
];

export default defineConfig({
  test: {
    // Two cores: more workers than that only makes the end-to-end tests slower.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...INTEGRATION] } },
    ],
  },
});
