/**
 * The README of a new catalog repository: its commands, how it publishes,
 * and the commands that upgrade its three pins of this package.
 */
import { shellWord } from './branch.js';
import { DEFAULT_OUT } from './commands/build.js';
import { BIN, FIELDS_URL, HOSTING_URL, PACKAGE_NAME, REPOSITORY, REPOSITORY_URL, SYNC_URL } from './package-facts.js';
import { SERVICES_FOLDER } from './scaffold.js';
import { KEY_COMMANDS, PUBLISH_HISTORY, SIGNING_SECRET } from './scaffold-publish.js';

/** Said before the commands that upgrade a repository made by init. */
export const UPGRADE_INTRO = "To upgrade to the release X.Y.Z, run from the repository's root:";

/**
 * The commands that move every pin of a repository made by init to `version`
 * (`1.2.3`): package.json with npm, the action's and the hook's refs with sed
 * (`-i.orig` works in GNU and BSD sed alike), then the install.
 */
export function upgradeCommands(version: string): string[] {
  const pins = '.github/workflows/*.yml .pre-commit-config.yaml';
  const ref = String.raw`v[0-9]+\.[0-9]+\.[0-9]+`;
  return [
    `v=${version}`,
    `npm pkg set "devDependencies.${PACKAGE_NAME}=$v"`,
    `sed -i.orig -E "s#(${REPOSITORY}@|rev: )${ref}#\\1v$v#" ${pins}`,
    `rm .github/workflows/*.yml.orig .pre-commit-config.yaml.orig`,
    'npm install',
  ];
}

/** The README for a repository that publishes `branch`. */
export const readme = (branch: string): string => `# Our user services

The BroadWorks user services we publish, one YAML file per service in
[\`${SERVICES_FOLDER}/\`](${SERVICES_FOLDER}/), checked and built by
[${PACKAGE_NAME}](${REPOSITORY_URL}) into a static JSON API.

\`\`\`sh
npm install                       # once: installs ${BIN} at the version package.json pins
npm run new -- voicemail --technical-name "Voice Messaging User" --for hg,cc
npm run check                     # every problem of every file, at its file:line:col
npm run build                     # the site in ${DEFAULT_OUT}/
npm run diff -- --base ${shellWord(branch)}${' '.repeat(Math.max(1, 11 - shellWord(branch).length))}# what a change does to the API
\`\`\`

Every field is described in [the tool's README](${FIELDS_URL}). A pull request
gets the checks and the API diff as a comment; a breaking change needs the label
\`breaking-change-accepted\`. Every day, \`.github/workflows/sunset.yml\` checks the
catalog as of that day and fails while a service is still published on or after
the \`sunset\` of its deprecation.

## Publishing

Each push to the branch \`${branch}\` is built and published to GitHub Pages by
\`.github/workflows/publish.yml\`. In the repository's settings, under Pages, the
source must be "GitHub Actions", or nothing is published. GitHub Pages answers a
folder URL only with an \`index.html\`, so the spec's folder URLs
(\`/api/v1/configs/user_services/\`, \`.../<instance>/\`) answer 404 there: clients
request the files themselves (\`/api/v1/configs/user_services/index.json\`). Where
clients need the spec's URLs, publish to one of the hosts in
[the tool's README](${HOSTING_URL}), which answer them.

The workflow fetches every commit and publishes what the last ${PUBLISH_HISTORY} commits that
changed \`${SERVICES_FOLDER}/\` did to the API (\`_history/\` and an Atom feed). When the
repository secret \`${SIGNING_SECRET}\` holds an Ed25519 private key, it signs the
manifest, so that clients can check what any host or CDN hands them
([Keeping a copy in sync](${SYNC_URL})). Make the key outside this repository
(\`.gitignore\` ignores \`*.pem\` and \`*.key\` all the same; a public key named
\`*.pub.pem\` may be committed):

\`\`\`sh
${KEY_COMMANDS.join('\n')}
\`\`\`

## Upgrading ${BIN}

The version of ${PACKAGE_NAME} is in three places: \`package.json\`, the
\`uses:\` lines of \`.github/workflows/\` (the action runs the version
\`package.json\` pins) and the \`rev:\` of \`.pre-commit-config.yaml\`.
${UPGRADE_INTRO}

\`\`\`sh
${upgradeCommands('X.Y.Z').join('\n')}
\`\`\`
`;
