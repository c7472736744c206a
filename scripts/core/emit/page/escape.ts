/**
 * The one escaping function of the page. Every value that comes from a service
 * file goes through it, in text and in (always double-quoted) attributes alike:
 * escaping both quote characters makes one function safe for both contexts.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/;

/** Most names need no escaping: a search without a match is much cheaper than a replace that makes a new string. */
export const escapeHtml = (text: string): string =>
  SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : text;
