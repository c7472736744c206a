/**
 * The daily workflow `init` writes: `check --as-of` today's date (UTC), which
 * fails on a service still published on or after the sunset its deprecation
 * announced. The build never reads the clock; this workflow gives it the date.
 */
import { ACTION_REF, BIN } from './package-facts.js';

/** The scheduled workflow that checks the catalog as of today, on Node.js `node`. */
export const sunsetWorkflow = (
  node: number,
): string => `# Every day: ${BIN} checks the catalog as of today. A service still published on
# or after the sunset its deprecation announced fails the run (past-sunset, annotated
# on its sunset line): remove the service in a pull request, or move its sunset.
name: Sunset

on:
  schedule:
    - cron: "17 5 * * *"
  workflow_dispatch:

permissions:
  contents: read

jobs:
  sunset:
    name: Services past their sunset
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      - id: today
        name: Today's date, in UTC
        run: echo "date=$(date -u +%F)" >> "$GITHUB_OUTPUT"
      - uses: ${ACTION_REF}
        with:
          command: check
          args: --as-of \${{ steps.today.outputs.date }}
          node-version: "${node}"
`;
