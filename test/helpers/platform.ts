/**
 * The platform file of a test catalog (`_platform.yaml`, README "Technical
 * names are BroadWorks names"): tests make up technical names ("Alpha"), which
 * a platform declares as its own so that check warns of none of them.
 */

/** The text of a `_platform.yaml` declaring `names` as the platform's extra service names. */
export const platformFile = (...names: readonly string[]): string =>
  `extra_service_names:\n${names.map((n) => `  - ${JSON.stringify(n)}\n`).join('')}`;
