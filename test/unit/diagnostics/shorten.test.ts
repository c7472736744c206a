/**
 * Values shortened for messages: cut between code points, never inside a
 * surrogate pair, and marked as shortened; one helper for every message.
 */
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../scripts/core/diagnostics/messages.js';
import { cutAtCodePoint, quoteShort, showShort } from '../../../scripts/core/diagnostics/shorten.js';
import { userServicesIdentity } from '../../../scripts/core/kinds/user-services/identity.js';
import { parseBodyFlags } from '../../../scripts/core/serving/body.js';
import { analyzeTexts } from '../../helpers/core.js';

const emoji = '\u{1F600}';
/** No lone surrogate: every high surrogate is followed by a low one and every low one preceded by a high one. */
const wellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('shortening text', () => {
  it.each([
    ['an astral character at the cut', `${'a'.repeat(59)}${emoji.repeat(5)}`, `${'a'.repeat(59)}${emoji}`],
    ['astral characters only', emoji.repeat(70), emoji.repeat(60)],
    ['a high surrogate at code unit 60', `${'a'.repeat(59)}${emoji}b${'c'.repeat(10)}`, `${'a'.repeat(59)}${emoji}`],
  ])('cuts at a code point boundary: %s', (_, text, head) => {
    const cut = cutAtCodePoint(text, 60);
    expect(cut).toEqual({ text: head, shortened: true, length: [...text].length });
    expect(wellFormed(cut.text)).toBe(true);
  });

  it('leaves text of at most the limit as it is, counting code points, not code units', () => {
    expect(cutAtCodePoint(emoji.repeat(60), 60)).toEqual({ text: emoji.repeat(60), shortened: false, length: 60 });
    expect(quoteShort('short')).toBe('"short"');
    expect(showShort('{"a":1}')).toBe('{"a":1}');
  });

  it('says that it shortened', () => {
    expect(quoteShort(`${'a'.repeat(59)}${emoji.repeat(5)}`)).toBe(
      `"${'a'.repeat(59)}${emoji}"... (64 characters, shortened)`,
    );
    expect(showShort('x'.repeat(61))).toBe(`${'x'.repeat(60)}... (61 characters, shortened)`);
  });

  it('shortens a value found where another type belongs', () => {
    const value = `${'a'.repeat(59)}${emoji.repeat(3)}`;
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: A\nfor_hg: "${value}"\n` });
    expect(diagnostics.map(messageFor)).toEqual([
      `for_hg must be true or false, but found the string "${'a'.repeat(59)}${emoji}"... (62 characters, shortened)`,
    ]);
  });

  it('shortens an unknown key', () => {
    const key = `${'k'.repeat(59)}${emoji}${'k'.repeat(20)}`;
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: A\n${key}: 1\n` });
    const message = messageFor(diagnostics[0] as (typeof diagnostics)[0]);
    expect(message).toBe(
      `unknown field "${'k'.repeat(59)}${emoji}"... (80 characters, shortened); allowed fields are technical_name, display_name, description, no_more_assignable, deprecation, for_hg, for_cc, for_ivr, for_enduser, add_data, previous_names`,
    );
  });

  it('shortens a filter of a request', () => {
    const key = `${'f'.repeat(59)}${emoji}${'f'.repeat(5)}`;
    const answer = parseBodyFlags(
      new TextEncoder().encode(JSON.stringify({ [key]: true })),
      userServicesIdentity.flags,
    );
    expect(answer).toMatchObject({ code: 'unknown-filter' });
    const message = (answer as { message: string }).message;
    expect(message).toContain(`"${'f'.repeat(59)}${emoji}"... (65 characters, shortened)`);
    expect(wellFormed(message)).toBe(true);
  });

  it('shortens an alias as written in its message', () => {
    const alias = `${'t'.repeat(59)}${emoji}${'t'.repeat(9)}`;
    const { diagnostics } = analyzeTexts({ 'a.yaml': `technical_name: *${alias}\n` });
    expect(diagnostics.map(messageFor)).toEqual([
      `the alias *${'t'.repeat(59)}${emoji}... (69 characters, shortened) refers to no anchor defined before it: a value starting with * is an alias in YAML; if the * belongs to the text, put the whole value in quotes`,
    ]);
  });
});
