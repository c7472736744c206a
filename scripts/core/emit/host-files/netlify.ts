import { headersFile, queryErrorFiles, redirectsFile } from '../../hosting/netlify.js';
import { HOST_ONLY_FILES, utf8 } from '../../model/site.js';
import type { EmitStep } from '../step.js';

/**
 * Netlify's and Cloudflare Pages' `_headers` (which names the HTML pages the
 * steps before emitted) and `_redirects`, and the JSON 400 bodies Netlify's
 * rules answer refused queries with.
 */
export const emitNetlify: EmitStep = ({ site }) => [
  [HOST_ONLY_FILES.headers, utf8(headersFile(site))],
  [HOST_ONLY_FILES.redirects, utf8(redirectsFile())],
  ...queryErrorFiles(),
];
