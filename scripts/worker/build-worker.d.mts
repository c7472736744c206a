export function buildCloudflareWorker(): string;
