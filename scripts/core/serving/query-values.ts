/**
 * The values of the list's query flags (`?for_hg=true`), for the query
 * grammar (query.ts, which re-exports them) and the catalog page's browser
 * script, which reads its own URL with the same values. This module imports
 * nothing, so that bundling it for the browser brings nothing else.
 */

/** Query values that set a filter. */
export const TRUE_VALUES = ['true', '1'] as const;
/** Query values that leave a filter unset, as its absence does. */
export const FALSE_VALUES = ['false', '0'] as const;
