/** What the diff needs to know of a kind of configuration object: how the diff reads and classifies its published documents (filled in by the diff). */

// biome-ignore lint/suspicious/noEmptyInterface: each area fills in its part
export interface DiffKind {}
