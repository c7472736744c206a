import { GENERATED_NOTICE } from '../../hosting/policy.js';
import { HOST_ONLY_FILES, utf8 } from '../../model/site.js';
import type { EmitStep } from '../step.js';

/** Where Cloudflare Pages finds a Worker in the published tree (advanced mode); it never serves the file itself. */
export const CLOUDFLARE_WORKER_PATH = HOST_ONLY_FILES.worker;

/**
 * The Cloudflare Pages Worker, when the options carry it: the request
 * semantics of the preview server in front of the static files (see
 * `scripts/worker/cloudflare.ts`), preceded by the site's kinds (`SERVED_KINDS`:
 * each kind's name and flags, which the Worker's lists are made of). The same
 * text and kinds give the same bytes.
 */
export const emitCloudflareWorker: EmitStep = ({ options, kinds }) => {
  if (typeof options.cloudflareWorker !== 'string') return [];
  const served = JSON.stringify(kinds.map(({ name, flags }) => ({ name, flags })));
  const text = `// ${GENERATED_NOTICE}\nconst SERVED_KINDS = ${served};\n${options.cloudflareWorker}`;
  return [[CLOUDFLARE_WORKER_PATH, utf8(text)]];
};
