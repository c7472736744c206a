import type { Command } from '../command.js';
import { build } from './build.js';
import { check } from './check.js';
import { diff } from './diff.js';
import { newService } from './new.js';
import { serve } from './serve.js';

/** Every subcommand, by name. */
export const commands: Record<string, Command> = { build, check, serve, diff, new: newService };
