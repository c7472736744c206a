/** What the analysis needs to know of a kind of configuration object: reading, the rules, the value of a valid file and its cache codec (filled in by the analysis). */

// biome-ignore lint/suspicious/noEmptyInterface: each area fills in its part
// biome-ignore lint/correctness/noUnusedVariables: the value type, used once the part is filled in
export interface AnalysisKind<T extends object> {}
