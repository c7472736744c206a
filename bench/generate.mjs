// Synthetic service catalogs for the benchmark: realistic field sizes, a fixed
// seed, so that every run measures the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA_LINE = '# yaml-language-server: $schema=../schema/user-service.schema.json\n';

const WORDS = (
  'call forwarding always busy unanswered selective voice mail messaging portal hunt group center ' +
  'queue agent supervisor routing policy anonymous rejection priority alert simultaneous ring ' +
  'personal office mobile extension dialing plan remote directory number barge exempt privacy ' +
  'conference three way transfer hold retrieve park pickup intercept recording receptionist ' +
  'enterprise trunk group access code feature shared appearance sequential calling name delivery'
).split(' ');

/** A small, fast generator with a fixed seed (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const title = (w) => w.charAt(0).toUpperCase() + w.slice(1);
const phrase = (rnd, min, max) =>
  Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, () => pick(rnd, WORDS)).join(' ');

/** The text of service number i: a real-looking name, a sentence or two of description, flags, sometimes add_data. */
export function serviceText(rnd, i) {
  const name = `${phrase(rnd, 1, 4).split(' ').map(title).join(' ')} ${i}`;
  const lines = [SCHEMA_LINE.trimEnd(), `technical_name: ${name}`];
  if (rnd() < 0.7) lines.push(`display_name: ${title(phrase(rnd, 1, 3))} ${i}`);
  if (rnd() < 0.9) lines.push(`description: ${title(phrase(rnd, 6, 40))}`);
  for (const flag of ['for_hg', 'for_cc', 'for_ivr', 'for_enduser']) {
    if (rnd() < 0.85) lines.push(`${flag}: ${rnd() < 0.55}`);
  }
  if (rnd() < 0.8) lines.push(`no_more_assignable: ${rnd() < 0.05}`);
  if (rnd() < 0.2) {
    lines.push('add_data:');
    lines.push(`  license: ${pick(rnd, ['basic', 'standard', 'premium'])}`);
    lines.push(`  weight: ${Math.floor(rnd() * 100)}`);
    if (rnd() < 0.5) lines.push(`  tags: [${phrase(rnd, 1, 3).split(' ').join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

// Ways a file goes wrong in real pull requests, each a different diagnostic.
const BREAKERS = [
  (t) => t.replace('description:', 'descripton:'),
  (t) => t.replace(/for_hg: \w+/, 'for_hg: yes').replace(/^(technical_name: .*)$/m, '$1\nfor_hg: yes'),
  (t) => t.replace(/^technical_name: .*\n/m, ''),
  (t) => t.replace(/^technical_name: (.*)$/m, (_, n) => `technical_name: ${n}${' long'.repeat(20)}`),
  (t) => `${t}technical_name: Again\n`,
  (t) => `${t}broken: [unclosed\n`,
  (t) => t.replace(/^technical_name: (.*)$/m, 'technical_name: 12345'),
  (t) => t.replace(/^technical_name: (.*)$/m, 'technical_name:  Two  Spaces'),
];

/**
 * Writes `count` services into `dir` (emptied first). With `invalidEvery`, every
 * such file is broken in one of the ways above.
 */
export function generateCatalog(dir, count, { seed = 7, invalidEvery = 0 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(seed);
  for (let i = 0; i < count; i++) {
    let text = serviceText(rnd, i);
    if (invalidEvery > 0 && i % invalidEvery === invalidEvery - 1) {
      text = BREAKERS[Math.floor(i / invalidEvery) % BREAKERS.length](text);
    }
    writeFileSync(join(dir, `service-${String(i).padStart(6, '0')}.yaml`), text);
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, invalidEvery] = process.argv.slice(2);
  generateCatalog(dir, Number(count), { invalidEvery: Number(invalidEvery ?? 0) });
}
