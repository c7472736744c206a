import { GENERATED_NOTICE } from '../../hosting/policy.js';
import { HOST_ONLY_FILES, utf8 } from '../../model/site.js';
import type { EmitStep } from '../step.js';

/** Where Cloudflare Pages finds a Worker in the published tree (advanced mode); it never serves the file itself. */
export const CLOUDFLARE_WORKER_PATH = HOST_ONLY_FILES.worker;

/**
 * The Cloudflare Pages Worker, when the options carry it: the request
 * semantics of the preview server in front of the static files (see
 * `scripts/worker/cloudflare.ts`). The same text gives the same bytes.
 */
export const emitCloudflareWorker: EmitStep = ({ options }) =>
  typeof options.cloudflareWorker === 'string'
    ? [[CLOUDFLARE_WORKER_PATH, utf8(`// ${GENERATED_NOTICE}\n${options.cloudflareWorker}`)]]
    : [];
