/**
 * Every diagnostic code is owned by exactly one rule or reading stage, which
 * declares it in its meta, and is listed in the README's "Diagnostic codes"
 * table; every catalog rule's fields are what outlines keep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFields } from '../../../scripts/core/analysis/outline.js';
import type { Code } from '../../../scripts/core/diagnostics/diagnostic.js';
import { messages } from '../../../scripts/core/diagnostics/messages.js';
import { stages } from '../../../scripts/core/diagnostics/stages.js';
import { KINDS } from '../../../scripts/core/kinds/index.js';
import { userServices } from '../../../scripts/core/kinds/user-services/index.js';
import { sharedCatalogRules, sharedFileRules } from '../../../scripts/core/rules/index.js';
import { ROOT } from '../../helpers/cli.js';

/** Every code, from the message catalogue (whose type makes it hold exactly the codes of diagnostic.ts). */
const CODES = Object.keys(messages) as Code[];

/** Every rule: the shared ones, and each kind's own. */
const fileRules = [...sharedFileRules, ...KINDS.flatMap((k) => k.fileRules)];
const catalogRules = [...sharedCatalogRules, ...KINDS.flatMap((k) => k.catalogRules)];
const rules = [...fileRules, ...catalogRules];

const owners = [...rules.map((r) => r.meta), ...stages];

/** The codes in the README's "Diagnostic codes" table, in its order. */
function readmeCodes(): string[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('### Diagnostic codes');
  const table = text.slice(start, text.indexOf('\n#', start + 1));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1] as string));
}

describe('the diagnostic codes', () => {
  it('are each owned by exactly one rule or stage', () => {
    const ownersOf = new Map(CODES.map((c) => [c, owners.filter((o) => o.codes.includes(c)).map((o) => o.id)]));
    const wrong = [...ownersOf].filter(([, ids]) => ids.length !== 1);
    expect(wrong).toEqual([]);
  });

  it('declared by rules and stages all exist', () => {
    const declared = owners.flatMap((o) => o.codes);
    expect(declared.filter((c) => !CODES.includes(c))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('are each listed in the README table once, and the table lists no other', () => {
    const listed = readmeCodes();
    expect([...listed].sort()).toEqual([...CODES].sort());
  });

  it('has a README reader that finds codes (the check itself can fail)', () => {
    expect(readmeCodes().slice(0, 4)).toEqual(['no-services', 'not-a-file', 'symbolic-link', 'file-unreadable']);
  });
});

describe('the rules', () => {
  it('each carry an id, a scope matching the list they are in, codes and docs', () => {
    expect(fileRules.map((r) => r.meta.scope)).toEqual(fileRules.map(() => 'file'));
    expect(catalogRules.map((r) => r.meta.scope)).toEqual(catalogRules.map(() => 'catalog'));
    for (const { meta } of rules) {
      expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.codes.length).toBeGreaterThan(0);
      expect(meta.docs.length).toBeGreaterThan(10);
    }
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });

  it('are each in a file named by their id', () => {
    for (const { meta } of rules) {
      const source = readFileSync(join(ROOT, 'scripts', 'core', 'rules', `${meta.id}.ts`), 'utf8');
      expect(source).toContain(`id: '${meta.id}'`);
    }
  });

  it('give the fields outlines keep: those the catalog rules read', () => {
    expect(catalogFields(userServices, [userServices])).toEqual([
      'technical_name',
      'deprecation',
      'no_more_assignable',
      'previous_names',
    ]);
    expect(fileRules.every((r) => r.meta.reads === undefined && r.meta.readsOf === undefined)).toBe(true);
  });
});
