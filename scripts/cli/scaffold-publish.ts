/**
 * The publish workflow `init` writes, and the facts it shares with this
 * repository's own `.github/workflows/publish.yml` (a test holds that file to
 * them): the whole history fetched, the last PUBLISH_HISTORY commits published
 * as `_history/` and its feed, and the manifest signed when the secret
 * SIGNING_SECRET holds a key. GitHub Pages compresses by itself, so no
 * precompressed copies.
 */
import { branchFilter } from './branch.js';
import { DEFAULT_OUT } from './commands/build.js';
import { ACTION_REF, BIN, PUBLISHING_URL } from './package-facts.js';

/** How many commits that changed the services folder the publish workflows put in `_history/` and the feed. */
export const PUBLISH_HISTORY = 50;

/** The repository secret, and the environment variable of the build step, that holds the Ed25519 private key (PEM). */
export const SIGNING_SECRET = 'USER_SERVICES_SIGNING_KEY';

/**
 * The `args` of the build step: `--signing-key-env` only when the secret is
 * set, so that a repository without it still publishes, unsigned (a GitHub
 * Actions expression: an unset secret reads as the empty string).
 */
export const PUBLISH_ARGS = `--no-compress --history ${PUBLISH_HISTORY}\${{ secrets.${SIGNING_SECRET} != '' && ' --signing-key-env ${SIGNING_SECRET}' || '' }}`;

/** Where the key commands keep the private key: the operator's home, outside every repository. */
export const KEY_HOME = '~/.config/user-services';

/**
 * The commands that make the signing key outside the repository (readable by
 * its owner only), its public key for clients, and the secret the publish
 * workflow reads (GitHub's command line, `gh`).
 */
export const KEY_COMMANDS = [
  `mkdir -p ${KEY_HOME}`,
  `(umask 077 && openssl genpkey -algorithm ed25519 -out ${KEY_HOME}/signing.pem)   # the private key, outside the repository`,
  `openssl pkey -in ${KEY_HOME}/signing.pem -pubout -out signing.pub.pem   # the public key: commit it, give it to clients`,
  `gh secret set ${SIGNING_SECRET} < ${KEY_HOME}/signing.pem   # what the publish workflow signs with`,
];

/** The workflow that builds `branch` on each push and publishes it to GitHub Pages, on Node.js `node`. */
export const publishWorkflow = (
  branch: string,
  node: number,
): string => `# The branch ${branch}: ${BIN} builds the site and GitHub Pages publishes it.
# Other hosts: ${PUBLISHING_URL}
name: Publish

on:
  push:
    branches: [${branchFilter(branch)}]
  workflow_dispatch:

permissions:
  contents: read

# One deployment at a time, and never cancel one half-way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    name: Build the site
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      # The whole history: the change history (--history) is cut where a shallow clone ends.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      # GitHub Pages compresses on its own: no precompressed copies.
      # The last ${PUBLISH_HISTORY} commits that changed the services make _history/ and the feed. The
      # manifest is signed when the secret ${SIGNING_SECRET} holds an Ed25519 private key (PEM).
      - uses: ${ACTION_REF}
        env:
          ${SIGNING_SECRET}: \${{ secrets.${SIGNING_SECRET} }}
        with:
          command: build
          args: ${PUBLISH_ARGS}
          node-version: "${node}"
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: ${DEFAULT_OUT}/

  deploy:
    name: Deploy to GitHub Pages
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
