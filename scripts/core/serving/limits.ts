/**
 * What a request to the API may be: its methods and its size. The preview
 * server and the request semantics read these; the hosts' files state the
 * same methods (`headers.ts`).
 */

/** The methods the API answers; any other gets 405 (RFC 9110 15.5.6). */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

/** Bounds on a request, so that a hostile one costs little. */
export const REQUEST_LIMITS = {
  /** Longest request target (path and query) in bytes. */
  maxTargetLength: 2048,
  /** Largest request body in bytes; the spec's body is a few dozen. */
  maxBodyBytes: 16 * 1024,
  /** Deepest nesting of arrays and objects in a body, checked before parsing. */
  maxBodyDepth: 8,
  /**
   * Bytes of the request line and headers together; more gets 431 (RFC 6585
   * section 5). The preview server's bound, and the one the whole Caddyfile
   * gives Caddy (`max_header_size`).
   */
  maxHeaderBytes: 16 * 1024,
  /** Header fields of a request, `Host` included; more gets 431 (the preview server). */
  maxHeadersCount: 100,
} as const;

/** Decodes UTF-8 and throws a `TypeError` on invalid bytes (WHATWG Encoding, fatal mode), never replacing them. */
export const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
