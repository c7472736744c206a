export const UNICODE_VERSION: string;
export const OUTPUTS: { readonly refused: string; readonly caseFolding: string; readonly schema: string };
export function unicodeTables(): Promise<Record<string, string>>;
