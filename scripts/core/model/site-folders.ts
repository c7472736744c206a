/**
 * Folder names of the site that the catalog page's browser script needs too.
 * This module imports nothing, so that bundling it for the browser brings
 * nothing else (site.ts's tables); site.ts re-exports it.
 */

/**
 * The folder of the filtered lists, in the list's folder
 * (`api/v1/configs/user_services/filters/for_hg/`); no instance may take its
 * name (`RESERVED_INSTANCE_NAMES`).
 */
export const FILTERS_FOLDER = 'filters';
