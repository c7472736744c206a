export function escapeControls(source: string): string;
export function buildCloudflareWorker(): string;
