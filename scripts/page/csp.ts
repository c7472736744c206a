/**
 * The Content-Security-Policy of the catalog page: no inline script or style,
 * nothing from another origin. The page declares it in a `<meta>` element so
 * that it holds on every host, GitHub Pages included; hosts that can send
 * headers send the same policy (where `frame-ancestors`, ignored in a `<meta>`,
 * also takes effect).
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The policy as a `<meta>` may carry it: browsers ignore `frame-ancestors` there, and warn about it. */
export const META_CSP = PAGE_CSP.replace(/; frame-ancestors [^;]*/, '');
