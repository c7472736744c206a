// Two things that make the bundled command line fast.
//
// 1. An esbuild plugin: the service schema's validator is generated as code at
// bundle time (ajv's standalone mode), so the command line neither loads ajv's
// compiler nor compiles the schema when it starts (about 80 ms saved on every
// run). `scripts/core/model/service-schema.ts` stays as it is and keeps compiling the schema
// when run from source (the tests); only in the bundle does its `Ajv2020` come
// from here, a stand-in whose `compile` hands back the generated validator after
// checking that the options and the schema are those it was generated from.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js');
const standaloneCode = require('ajv/dist/standalone/index.js').default;

const SCHEMA_MODULE = /[\\/]scripts[\\/]core[\\/]model[\\/]service-schema\.ts$/;
const SCHEMA_FILE = new URL('../schema/user-service.schema.json', import.meta.url);
// The options schema.ts passes to ajv; the stand-in refuses any others.
const OPTIONS = { strict: true, allErrors: true, unicodeRegExp: true };

function generate() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const ajv = new Ajv2020({ ...OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/^"use strict";/, '');
  return `${code}
const GENERATED_FROM = ${JSON.stringify(JSON.stringify(schema))};
const GENERATED_WITH = ${JSON.stringify(JSON.stringify(OPTIONS))};
export class Ajv2020 {
  constructor(options) {
    if (JSON.stringify(options) !== GENERATED_WITH) {
      throw new Error('ajv options differ from those the bundled validator was generated with (scripts/bundle-speed.mjs)');
    }
  }
  compile(schema) {
    if (JSON.stringify(schema) !== GENERATED_FROM) {
      throw new Error('the schema differs from the one the bundled validator was generated from; bundle again');
    }
    return validate;
  }
}
`;
}

export function precompiledValidator() {
  return {
    name: 'precompiled-validator',
    setup(build) {
      build.onResolve({ filter: /^ajv\/dist\/2020(\.js)?$/ }, (args) =>
        SCHEMA_MODULE.test(args.importer) ? { path: 'service-validator', namespace: 'precompiled' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({
        contents: generate(),
        loader: 'js',
        resolveDir: new URL('..', import.meta.url).pathname,
      }));
    },
  };
}

// 2. The analysis thread's code as one string (scripts/adapters/workers.ts), in
// the chunk that starts threads: a thread needs no file of its own to load.
export async function analyzeWorkerSource(build) {
  const result = await build({
    entryPoints: ['scripts/adapters/analyze-worker.ts'],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [precompiledValidator()],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

// 3. A build id, the hash of the bundle itself (every file of it), so that
// results cached by one bundle are never used by another (scripts/cli/identity.ts).
export const BUILD_ID_PLACEHOLDER = '@@user-services-build-id@@';

export function stampBuildId(files) {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const hash = createHash('sha1');
  for (const [i, text] of texts.entries()) hash.update(`${files[i]}\0${text}\0`);
  const id = hash.digest('hex').slice(0, 16);
  let stamped = 0;
  for (const [i, file] of files.entries()) {
    if (!texts[i].includes(BUILD_ID_PLACEHOLDER)) continue;
    writeFileSync(file, texts[i].replaceAll(BUILD_ID_PLACEHOLDER, id));
    stamped++;
  }
  if (stamped === 0) throw new Error(`no build id placeholder in ${files.join(', ')}`);
}
