/** What the emit needs to know of a kind of configuration object: its emit steps (filled in by the emit). */

// biome-ignore lint/suspicious/noEmptyInterface: each area fills in its part
// biome-ignore lint/correctness/noUnusedVariables: the value type, used once the part is filled in
export interface EmitKind<T extends object> {}
