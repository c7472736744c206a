import { headersFile, queryErrorFiles, redirectsFile } from '../../hosting/netlify.js';
import { HOST_ONLY_FILES, utf8 } from '../../model/site.js';
import { lifecycleOf } from '../../serving/lifecycle.js';
import type { EmitStep } from '../step.js';

/**
 * Netlify's and Cloudflare Pages' `_headers` (which names the HTML pages the
 * steps before emitted, and the deprecated instances of each kind's
 * `_deprecations/`) and `_redirects` (each kind's lists and folders, with the
 * previous names of its `_renames/`), and the JSON 400 bodies Netlify's rules
 * answer refused queries with.
 */
export const emitNetlify: EmitStep = ({ site, kinds }) => {
  const lifecycle = lifecycleOf(site, kinds);
  return [
    [HOST_ONLY_FILES.headers, utf8(headersFile(site, kinds, lifecycle))],
    [HOST_ONLY_FILES.redirects, utf8(redirectsFile(kinds, lifecycle))],
    ...queryErrorFiles(kinds),
  ];
};
