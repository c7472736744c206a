declare const __CLOUDFLARE_WORKER__: string | undefined;

/**
 * The Cloudflare Pages Worker the bundler (`scripts/bundle.mjs`, via
 * `build-worker.mjs`) put into the command line; null when the TypeScript
 * sources run unbundled. Read by the application layer only, which passes it
 * to the emit.
 */
export const bundledCloudflareWorker = (): string | null =>
  typeof __CLOUDFLARE_WORKER__ === 'undefined' ? null : __CLOUDFLARE_WORKER__;
