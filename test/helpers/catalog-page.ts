/** Reading and driving the catalog page in the browser, and the JSON files it is checked against. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FLAGS, type Flag } from '../../scripts/core/model/service.js';
import { ROOT } from './cli.js';

export interface ListEntry {
  readonly technical_name: string;
  readonly display_name: string;
  readonly description: string;
  readonly no_more_assignable: boolean;
}

/** The entries of a list file of a built site (`api/v1/.../index.json`). */
export function readList(site: string, path: string): ListEntry[] {
  return (JSON.parse(readFileSync(join(site, path), 'utf8')) as { user_services: ListEntry[] }).user_services;
}

/** Technical names of the rows a person sees (rendered, not merely present), top to bottom. */
export const visibleNames = (page: Page): Promise<string[]> =>
  page.$$eval('#services tbody tr', (rows) =>
    rows.filter((row) => row.checkVisibility()).map((row) => row.querySelector('.technical')?.textContent ?? ''),
  );

/** Checks exactly the given flag toggles, as a person would click them. */
export async function setFlags(page: Page, flags: readonly Flag[]): Promise<void> {
  for (const flag of FLAGS) await page.setChecked(`input[data-flag][name="${flag}"]`, flags.includes(flag));
}

/** The instance name of each technical name, read from the instance files of a built site. */
export function instanceNames(site: string): Map<string, string> {
  const root = join(site, 'api/v1/configs/user_services');
  const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'filters');
  return new Map(
    folders.map((e) => [
      (JSON.parse(readFileSync(join(root, e.name, 'index.json'), 'utf8')) as ListEntry).technical_name,
      e.name,
    ]),
  );
}

/** What the page's search should keep: entries holding every word of the query, ignoring case. */
export function searched(
  entries: readonly ListEntry[],
  query: string,
  instances: ReadonlyMap<string, string>,
): ListEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const instance = instances.get(e.technical_name) ?? '';
    const text = [e.technical_name, e.display_name, instance, e.description].join('\n').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export const names = (entries: readonly ListEntry[]): string[] => entries.map((e) => e.technical_name);

/** The text of axe-core, to run inside the page. */
export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core on the page (its context must bypass the page's CSP to inject it); the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
