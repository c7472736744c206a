/**
 * The catalog in `services/`, which operators change through pull requests
 * and whose pull requests run these tests: checked only for what must hold for
 * any catalog (helpers/any-catalog.ts), never for its count, its names or how
 * its files are named. Every test of the tool's behaviour uses the fixture
 * catalog or a catalog it generates instead.
 */
import { join } from 'node:path';
import { describe } from 'vitest';
import { itHoldsForAnyCatalog } from '../helpers/any-catalog.js';
import { ROOT } from '../helpers/cli.js';

describe('the catalog in services/', () => {
  itHoldsForAnyCatalog(() => join(ROOT, 'services'));
});
