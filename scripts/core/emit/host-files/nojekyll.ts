import { HOST_ONLY_FILES } from '../../model/site.js';
import type { EmitStep } from '../step.js';

/** Tells GitHub Pages to publish the tree as it is, without Jekyll (which would drop `_headers` and `_redirects`). */
export const emitNoJekyll: EmitStep = () => [[HOST_ONLY_FILES.noJekyll, new Uint8Array()]];
