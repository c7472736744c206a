import type { Command } from '../command.js';

/**
 * Every subcommand, by name, loaded when it runs: the bundle puts each in a
 * chunk of its own, so a run loads the code of its command and nothing else.
 */
export const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.js')).build,
  check: async () => (await import('./check.js')).check,
  serve: async () => (await import('./serve.js')).serve,
  diff: async () => (await import('./diff.js')).diff,
  new: async () => (await import('./new.js')).newService,
  init: async () => (await import('./init.js')).init,
  fmt: async () => (await import('./fmt.js')).fmt,
  verify: async () => (await import('./verify.js')).verify,
};
