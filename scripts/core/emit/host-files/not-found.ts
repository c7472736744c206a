import { CLOUDFLARE_NOT_FOUND_PATH, NOT_FOUND_PATH, notFoundBody } from '../../hosting/policy.js';
import type { EmitStep } from '../step.js';

/** The JSON 404 body: where Netlify, nginx, Caddy and CloudFront are told to find it, and where Cloudflare Pages looks. */
export const emitNotFound: EmitStep = () => [
  [NOT_FOUND_PATH, notFoundBody()],
  [CLOUDFLARE_NOT_FOUND_PATH, notFoundBody()],
];
