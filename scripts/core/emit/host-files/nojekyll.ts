import type { EmitStep } from '../step.js';

/** Tells GitHub Pages to publish the tree as it is, without Jekyll (which would drop `_headers` and `_redirects`). */
export const emitNoJekyll: EmitStep = () => [['.nojekyll', new Uint8Array()]];
