/** What the page renderer and its client script agree on: labels, ids and URL parameters. */
import type { Flag } from '../../model/service.js';

/** The flags in the canonical order of the filter files' path segments, with what they mean. */
export const FLAG_LABELS: readonly { readonly flag: Flag; readonly label: string; readonly short: string }[] = [
  { flag: 'for_hg', label: 'Hunt Groups', short: 'HG' },
  { flag: 'for_cc', label: 'Call Centers', short: 'CC' },
  { flag: 'for_ivr', label: 'IVR', short: 'IVR' },
  { flag: 'for_enduser', label: 'End Users', short: 'User' },
];

/** URL parameters of the page's state, besides one per flag (`?for_hg=1`). */
export const QUERY_PARAM = 'q';
/** A row's id is this and the instance name: `service-call-forwarding-always`. */
export const ROW_ID_PREFIX = 'service-';
/** URL parameter of the page's "assignable only" switch (`?assignable=1`). */
export const ASSIGNABLE_PARAM = 'assignable';

/**
 * An API folder (`api/v1/configs/user_services/x`) as the page links it, and as
 * it shows it: the URL a client calls, relative to the site root. Links go to
 * the `index.json` file itself,
 * because some hosts (GitHub Pages) answer a folder URL only with an
 * `index.html`; the page shows the folder URL, which is what clients call.
 */
// Written out rather than imported from site.ts (its `INDEX_FILES`): the browser's script bundles this
// module, and site.ts's module-level tables would come with it.
export const apiHref = (folder: string): string => `${folder}/index.json`;
/** An API folder's URL as clients call it: `/api/v1/configs/user_services/x/`. */
export const apiUrl = (folder: string): string => `/${folder}/`;
