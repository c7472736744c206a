/** Reading workflow files and action.yml, the actions they may use, and a fake of the GitHub API for the comment script. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from './cli.js';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface Job {
  name?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
  needs?: string;
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean };
  environment?: { name: string; url: string };
}
export interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}
/** A composite action's metadata (action.yml). */
export interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

export function readYaml<T>(path: string): T {
  const doc = parseDocument(readFileSync(join(ROOT, path), 'utf8'), { uniqueKeys: true, prettyErrors: false });
  expect([...doc.errors, ...doc.warnings]).toEqual([]);
  return doc.toJS() as T;
}

/** A GitHub Actions expression as written in a workflow. */
export const expr = (inner: string) => `\${{ ${inner} }}`;

export const KNOWN_ACTIONS: Record<string, readonly string[]> = {
  'actions/checkout@v4': [
    'repository',
    'ref',
    'token',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-strict',
    'ssh-user',
    'persist-credentials',
    'path',
    'clean',
    'filter',
    'sparse-checkout',
    'sparse-checkout-cone-mode',
    'fetch-depth',
    'fetch-tags',
    'show-progress',
    'lfs',
    'submodules',
    'set-safe-directory',
    'github-server-url',
  ],
  'actions/setup-node@v4': [
    'always-auth',
    'node-version',
    'node-version-file',
    'architecture',
    'check-latest',
    'registry-url',
    'scope',
    'token',
    'cache',
    'cache-dependency-path',
    'mirror',
    'mirror-token',
  ],
  'actions/cache@v4': [
    'path',
    'key',
    'restore-keys',
    'upload-chunk-size',
    'enableCrossOsArchive',
    'fail-on-cache-miss',
    'lookup-only',
    'save-always',
  ],
  'actions/github-script@v7': [
    'script',
    'github-token',
    'debug',
    'user-agent',
    'previews',
    'result-encoding',
    'retries',
    'retry-exempt-status-codes',
    'base-url',
  ],
  'actions/configure-pages@v5': ['static_site_generator', 'generator_config_file', 'token', 'enablement'],
  'actions/upload-pages-artifact@v3': ['name', 'path', 'retention-days'],
  'actions/deploy-pages@v4': ['token', 'timeout', 'error_count', 'reporting_interval', 'artifact_name', 'preview'],
  'aws-actions/configure-aws-credentials@v4': [
    'aws-region',
    'role-to-assume',
    'role-session-name',
    'role-duration-seconds',
    'audience',
    'aws-access-key-id',
    'aws-secret-access-key',
    'aws-session-token',
    'mask-aws-account-id',
    'web-identity-token-file',
    'role-chaining',
    'inline-session-policy',
    'managed-session-policies',
    'output-credentials',
    'unset-current-credentials',
    'disable-retry',
    'retry-max-attempts',
    'special-characters-workaround',
    'role-external-id',
    'role-skip-session-tagging',
    'http-proxy',
  ],
};

/** A fake of the part of the GitHub API the comment script uses, recording what it did. */
export function fakeGitHub(comments: { id: number; user: { type: string }; body: string }[]) {
  const calls: string[] = [];
  const github = {
    paginate: async (method: (p: unknown) => Promise<unknown>, params: unknown) => method(params),
    rest: {
      issues: {
        listComments: async (p: { issue_number: number }) => {
          calls.push(`list ${p.issue_number}`);
          return comments;
        },
        updateComment: async (p: { comment_id: number; body: string }) => {
          calls.push(`update ${p.comment_id}`);
          const c = comments.find((x) => x.id === p.comment_id);
          if (c !== undefined) c.body = p.body;
        },
        createComment: async (p: { issue_number: number; body: string }) => {
          calls.push(`create ${p.issue_number}`);
          comments.push({ id: 100 + comments.length, user: { type: 'Bot' }, body: p.body });
        },
      },
    },
  };
  return { github, calls, comments };
}
