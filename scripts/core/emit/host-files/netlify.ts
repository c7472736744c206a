import { headersFile, redirectsFile } from '../../hosting/netlify.js';
import { utf8 } from '../../model/site.js';
import type { EmitStep } from '../step.js';

/** Netlify's and Cloudflare Pages' `_headers` (which names the HTML pages the steps before emitted) and `_redirects`. */
export const emitNetlify: EmitStep = ({ site }) => [
  ['_headers', utf8(headersFile(site))],
  ['_redirects', utf8(redirectsFile())],
];
