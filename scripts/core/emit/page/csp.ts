/**
 * The catalog page declares the hosts' Content-Security-Policy in a `<meta>`
 * element as well, so that it holds on every host, GitHub Pages included.
 */
import { CONTENT_SECURITY_POLICY } from '../../serving/headers.js';

/** The policy as a `<meta>` may carry it: browsers ignore `frame-ancestors` there, and warn about it. */
export const META_CSP = CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]*/, '');
