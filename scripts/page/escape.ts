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

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
