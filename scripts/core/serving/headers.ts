/**
 * The headers every answer of the API carries, on every host and in the
 * preview server: the one place for each header name and value. Hosts add
 * their cache policy (`hosting/policy.ts`); the preview server its own.
 */
import { ALLOWED_METHODS } from './limits.js';

/** The Content-Security-Policy of HTML responses (the catalog page): nothing inline, nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One header: its name and value. */
export type Header = readonly [name: string, value: string];

/** Headers of every response: public data for any origin, never sniffed as another type, and a cache policy. */
export const commonHeaders = (cacheControl: string): readonly Header[] => [
  ['Access-Control-Allow-Origin', '*'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Cache-Control', cacheControl],
];

/** Answers to a CORS preflight (`OPTIONS`), on the hosts that can answer one (nginx, Caddy). */
export const PREFLIGHT_HEADERS: readonly Header[] = [
  ['Access-Control-Allow-Methods', ALLOWED_METHODS.join(', ')],
  ['Access-Control-Allow-Headers', 'Content-Type, If-None-Match'],
  ['Access-Control-Max-Age', '86400'],
];
