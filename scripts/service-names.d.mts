export const DATA: string;
export const OUTPUT: string;
export function namesOf(text: string): string[];
export function serviceNamesModule(text: string): string;
