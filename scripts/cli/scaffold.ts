/**
 * The files `user-services init` writes: a catalog repository that works at
 * once, with this package pinned, its action and hook, and every path the
 * tool writes kept out of git. Each path and name comes from where the tool
 * defines it (the default outputs, their builds, locks and links, the cache).
 */
import { basename } from 'node:path';
import { layoutOf } from '../adapters/output-owner.js';
import { CACHE_FOLDER } from '../app/runner.js';
import { FLAGS } from '../core/model/service.js';
import { DEFAULT_BRANCH } from './branch.js';
import { INSTALLED_SCHEMA } from './catalog-home.js';
import { DEFAULT_OUT } from './commands/build.js';
import { serviceYaml } from './commands/new.js';
import { HOSTING } from './hosting.js';
import { SERVICES } from './option-decls.js';
import {
  ACTION_REF,
  BIN,
  FIELDS_URL,
  HOOK_ID,
  PACKAGE_NAME,
  PACKAGE_VERSION,
  RELEASE_TAG,
  REPOSITORY_URL,
} from './package-facts.js';
import { publishWorkflow } from './scaffold-publish.js';
import { readme } from './scaffold-readme.js';
import { sunsetWorkflow } from './scaffold-sunset.js';

/** The services folder of a new catalog: the default of `--services`. */
export const SERVICES_FOLDER = String(SERVICES.default);

/** The example service: a real BroadWorks service every platform offers. */
const EXAMPLE = {
  instance: 'call-forwarding-always',
  technicalName: 'Call Forwarding Always',
  displayName: 'Call Forwarding Always',
  description: 'Sends every incoming call to another number',
  flags: FLAGS,
};

/** Where the example service goes, from the catalog's root. */
export const EXAMPLE_FILE = `${SERVICES_FOLDER}/${EXAMPLE.instance}.yaml`;

/** The Node.js LTS lines the workflows run on: the newest posts the pull request's comment and builds. */
export const NODE_LINES = [22, 24] as const;
const NEWEST = NODE_LINES[NODE_LINES.length - 1] as number;

const packageJson = (): string =>
  `${JSON.stringify(
    {
      private: true,
      description: 'Our BroadWorks user services, as configuration as code',
      scripts: {
        check: `${BIN} check`,
        fmt: `${BIN} fmt`,
        build: `${BIN} build`,
        diff: `${BIN} diff`,
        new: `${BIN} new`,
      },
      devDependencies: { [PACKAGE_NAME]: PACKAGE_VERSION },
    },
    null,
    2,
  )}\n`;

/** `/dist`, `/.dist.builds/`, `/.dist.lock`, `/.dist.link-*`: what a build writes beside an output. */
function outputLines(name: string): string[] {
  const layout = layoutOf(name);
  return [`/${name}`, `/${basename(layout.builds)}/`, `/${basename(layout.lock)}`, `/${basename(layout.linkPrefix)}*`];
}

/**
 * Private keys, by the names openssl and most tools give them: the manifest's
 * signing key belongs in a CI secret, and a committed key is published with
 * the repository. A public key is named `*.pub.pem` (as the README makes it),
 * so that it can be committed for clients.
 */
export const KEY_LINES = [
  '# Private keys (the signing key belongs in a CI secret); a public key named *.pub.pem may be committed',
  '*.pem',
  '*.key',
  '!*.pub.pem',
];

const gitignore = (): string =>
  [
    `# npm's installs; ${BIN} keeps its cache in ${CACHE_FOLDER}`,
    `/${CACHE_FOLDER.split('/')[0]}/`,
    `# What "${BIN} build" writes: the site, the host files, and the builds, lock and link beside each`,
    ...outputLines(DEFAULT_OUT),
    ...outputLines(HOSTING),
    ...KEY_LINES,
    '',
  ].join('\n');

const pullRequestWorkflow =
  (): string => `# Every pull request: ${BIN} checks the service files (annotations on their lines),
# posts what the change does to the published API as one comment that each push
# updates, and stops changes that break clients unless the pull request carries
# the label "breaking-change-accepted". On each current Node.js LTS line.
name: Pull request

on:
  pull_request:
    # labeled/unlabeled: adding or removing the label runs the gate again.
    types: [opened, synchronize, reopened, labeled, unlabeled]

permissions:
  contents: read

concurrency:
  group: pull-request-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  api:
    name: Check and diff the API on Node.js \${{ matrix.node }}
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      # To post and update the comment.
      pull-requests: write
    strategy:
      fail-fast: false
      matrix:
        node: [${NODE_LINES.join(', ')}]
    steps:
      - uses: actions/checkout@v4
      - uses: ${ACTION_REF}
        with:
          command: pull-request
          node-version: \${{ matrix.node }}
          # One comment per pull request: the newest line posts it.
          comment: \${{ matrix.node == ${NEWEST} }}
`;

const vscodeSettings = (): string =>
  `${JSON.stringify(
    { 'yaml.schemas': { [`./${INSTALLED_SCHEMA}`]: [`${SERVICES_FOLDER}/*.yaml`, `${SERVICES_FOLDER}/*.yml`] } },
    null,
    2,
  )}\n`;

/** The id of the hook in `.pre-commit-hooks.yaml` that runs `fmt` (a test reads it there). */
export const FMT_HOOK_ID = 'user-services-fmt';

const preCommitConfig =
  (): string => `# pre-commit (https://pre-commit.com): "pre-commit install" once, then each commit
# that stages a service file rewrites the service files into their canonical form
# (a commit whose files it changed stops: stage them and commit again), then
# checks the whole catalog.
repos:
  - repo: ${REPOSITORY_URL}
    rev: ${RELEASE_TAG}
    hooks:
      - id: ${FMT_HOOK_ID}
      - id: ${HOOK_ID}
`;

/**
 * Every file of a new catalog repository, by its path from the repository's
 * root, in the order they are listed; `branch` is the one published and
 * diffed against (the repository's current branch).
 */
export function scaffold(branch: string = DEFAULT_BRANCH): ReadonlyMap<string, string> {
  const home = { schema: `../${INSTALLED_SCHEMA}`, fields: FIELDS_URL, check: 'npm run check' };
  return new Map([
    ['package.json', packageJson()],
    [EXAMPLE_FILE, serviceYaml(EXAMPLE, home)],
    ['.gitignore', gitignore()],
    ['.github/workflows/pull-request.yml', pullRequestWorkflow()],
    ['.github/workflows/publish.yml', publishWorkflow(branch, NEWEST)],
    ['.github/workflows/sunset.yml', sunsetWorkflow(NEWEST)],
    ['.vscode/settings.json', vscodeSettings()],
    ['.pre-commit-config.yaml', preCommitConfig()],
    ['README.md', readme(branch)],
  ]);
}
