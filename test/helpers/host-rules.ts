/**
 * Readers of `_redirects` and `_headers` as Netlify and Cloudflare Pages
 * document them, written from their documentation (and Cloudflare's
 * open-source parser, workers-sdk `parseRedirects.ts` and the Pages asset
 * server), independently of the generator, so that tests can ask what each
 * host answers to a URL without an account.
 */

export interface Redirect {
  readonly from: string;
  /** Query conditions (Netlify only). */
  readonly query: readonly (readonly [string, string])[];
  readonly to: string;
  readonly status: number;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** Netlify: `from [key=value ...] to [status]`, status 301 by default. */
export function netlifyRedirects(text: string): Redirect[] {
  return lines(text).map((line) => {
    const tokens = line.split(/\s+/);
    const toAt = tokens.findIndex((t, i) => i > 0 && (t.startsWith('/') || /^https?:/.test(t)));
    if (toAt < 0) throw new Error(`no destination in ${line}`);
    const query = tokens.slice(1, toAt).map((t) => {
      const [k, v] = t.split('=');
      if (k === undefined || v === undefined) throw new Error(`bad query condition ${t} in ${line}`);
      return [k, v] as const;
    });
    const status = tokens[toAt + 1] === undefined ? 301 : Number((tokens[toAt + 1] as string).replace(/!$/, ''));
    if (tokens.length > toAt + 2 || !Number.isInteger(status)) throw new Error(`cannot read ${line}`);
    return { from: tokens[0] as string, query, to: tokens[toAt] as string, status };
  });
}

export interface CloudflareRules {
  readonly rules: Redirect[];
  readonly ignored: string[];
  readonly staticCount: number;
  readonly dynamicCount: number;
}

const CLOUDFLARE_STATUSES = new Set([200, 301, 302, 303, 307, 308]);

/** Cloudflare Pages: exactly 2 or 3 tokens and a permitted status, or the line is ignored (with a warning). */
export function cloudflareRedirects(text: string): CloudflareRules {
  const rules: Redirect[] = [];
  const ignored: string[] = [];
  let staticCount = 0;
  let dynamicCount = 0;
  for (const line of lines(text)) {
    const tokens = line.split(/\s+/);
    const status = Number(tokens[2] ?? '302');
    if (tokens.length < 2 || tokens.length > 3 || !CLOUDFLARE_STATUSES.has(status)) {
      ignored.push(line);
      continue;
    }
    const from = tokens[0] as string;
    if (!from.includes('*') && !/:[A-Za-z]/.test(from)) staticCount++;
    else dynamicCount++;
    rules.push({ from, query: [], to: tokens[1] as string, status });
  }
  return { rules, ignored, staticCount, dynamicCount };
}

const compiled = new Map<string, RegExp>();

/** A source pattern as a regular expression: `*` a splat, `:name` one segment, both captured by name. */
function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const parts = pattern
      .split('*')
      .map((part) => part.replace(/[-/\\^$+?.()|[\]{}]/g, '\\$&').replace(/:([A-Za-z]\w*)/g, '(?<$1>[^/]+)'));
    re = new RegExp(`^${parts.join('(?<splat>.*)')}$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** What a rule answers for a path: its destination with placeholders and splat filled in. */
export interface Answer {
  readonly to: string;
  readonly status: number;
}

function answer(rule: Redirect, path: string): Answer {
  const groups = patternRegExp(rule.from).exec(path)?.groups ?? {};
  return { to: rule.to.replace(/:([A-Za-z]\w*)/g, (all, name: string) => groups[name] ?? all), status: rule.status };
}

export type QueryMatching = 'listed-params-present' | 'exactly-the-listed-params';

/**
 * The first Netlify rule for a request. Netlify ignores a trailing slash when
 * matching. Its documentation does not settle whether a rule's query conditions
 * must be all the request sends or only among them: both readings are offered.
 */
export function netlifyMatch(
  rules: readonly Redirect[],
  path: string,
  query: readonly (readonly [string, string])[],
  matching: QueryMatching,
): Answer | undefined {
  const trim = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  const sent = new Map(query);
  const rule = rules.find((r) => {
    if (!patternRegExp(trim(r.from)).test(trim(path))) return false;
    if (r.query.length === 0) return true;
    const listed = r.query.every(([k, v]) => (v.startsWith(':') ? sent.has(k) : sent.get(k) === v));
    return matching === 'listed-params-present' ? listed : listed && sent.size === r.query.length;
  });
  return rule === undefined ? undefined : answer({ ...rule, from: trim(rule.from) }, trim(path));
}

/** The first Cloudflare Pages rule for a path: static rules by exact path, then the others in order. */
export function cloudflareMatch(rules: readonly Redirect[], path: string): Answer | undefined {
  const rule = rules.find((r) => r.from === path) ?? rules.find((r) => patternRegExp(r.from).test(path));
  return rule === undefined ? undefined : answer(rule, path);
}

export interface HeaderRule {
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** `_headers`: a path line, then indented `Name: value` lines. */
export function headerRules(text: string): HeaderRule[] {
  const rules: { path: string; headers: [string, string][] }[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ path: raw.trim(), headers: [] });
      continue;
    }
    const colon = raw.indexOf(':');
    const rule = rules.at(-1);
    if (rule === undefined || colon < 0) throw new Error(`cannot read header line ${raw}`);
    rule.headers.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
  }
  return rules;
}

/** Every value each header gets on a path, from every matching rule (both hosts apply them all). */
export function headersFor(rules: readonly HeaderRule[], path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of rules.filter((r) => patternRegExp(r.path).test(path))) {
    for (const [name, value] of rule.headers)
      out.set(name.toLowerCase(), [...(out.get(name.toLowerCase()) ?? []), value]);
  }
  return out;
}
