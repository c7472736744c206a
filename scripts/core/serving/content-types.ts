/** The content type every host and the preview server give a file of the site (RFC 9110 8.3). */

/** Content types by file extension, lower case; text types in UTF-8. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  // The change feed (RFC 4287 7).
  atom: 'application/atom+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
  // Precompressed copies: never labelled as what they decompress to.
  gz: 'application/gzip',
};

/** The Content-Type of a site file, by its extension (case ignored); `application/octet-stream` for any other. */
export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** The type of the API's JSON files and error bodies. */
export const JSON_TYPE = CONTENT_TYPES.json as string;
