/**
 * `_manifest/`: every published file with its SHA-256 and size, so that a
 * client (or `user-services verify`) can tell whether what a CDN or a mirror
 * handed it is what the operator published; and, when the build is given a
 * signing key, the manifest's detached signature (see core/sync/jws.ts).
 * The manifest lists every file of the site but itself, its signature and
 * the precompressed copies (`.gz`, `.br`): those are other encodings of
 * listed files, which some hosts make by themselves and others never upload
 * (S3), so the manifest is the same whether the site was built with them or
 * not, and served from any host; `verify` checks a copy by decompressing it.
 */
import type { Json } from '../../model/json.js';
import { serialize } from '../../model/json.js';
import { API_VERSION, manifestPath, signaturePath, utf8 } from '../../model/site.js';
import { signManifest } from '../../sync/jws.js';
import { copyOf } from '../compress.js';
import type { EmitStep } from '../step.js';
import { sha256Hex } from './hash-index.js';

/** The manifest's body: `{"api_version": 1, "files": [{"path", "sha256", "size"}, ...]}`, paths in code-point order (see above for what it leaves out). */
export function manifestBody(site: ReadonlyMap<string, Uint8Array>, pretty: boolean): Uint8Array {
  const files = [...site]
    .filter(
      ([path]) => path !== manifestPath() && path !== signaturePath() && copyOf(path, (p) => site.has(p)) === null,
    )
    .map(
      ([path, bytes]) =>
        new Map<string, Json>([
          ['path', path],
          ['sha256', sha256Hex(bytes)],
          ['size', bytes.length],
        ]),
    );
  return utf8(
    serialize(
      new Map<string, Json>([
        ['api_version', API_VERSION],
        ['files', files],
      ]),
      pretty,
    ),
  );
}

/** The manifest of everything emitted before it: it must be the last step but the signature's. */
export const emitManifest: EmitStep = ({ site, options }) => [[manifestPath(), manifestBody(site, options.pretty)]];

/** The manifest's signature, when the options carry a signing key; nothing otherwise. */
export const emitSignature: EmitStep = ({ site, options }) => {
  const manifest = site.get(manifestPath());
  if (options.signingKey == null || manifest === undefined) return [];
  return [[signaturePath(), utf8(signManifest(manifest, options.signingKey))]];
};
