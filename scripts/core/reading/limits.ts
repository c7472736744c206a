/**
 * Documented limits on input, chosen far above any real service file so that
 * they only stop hostile or broken input, and stop it quickly.
 */
export const LIMITS = {
  /** Largest service file in bytes, checked before the file is read. */
  maxFileBytes: 256 * 1024,
  /** Most values (mapping, sequence and scalar nodes) in one document, aliases expanded. */
  maxNodes: 5000,
  /** Deepest nesting of mappings and lists. */
  maxDepth: 32,
  /** Most problems of reading one file's YAML that are listed; one more diagnostic counts the rest. */
  maxReadingProblems: 100,
} as const;
