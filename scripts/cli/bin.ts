import { main } from './main.js';

// The only place that ends the process. Waiting for the streams to drain
// before exiting keeps long reports from being cut off when piped.
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
