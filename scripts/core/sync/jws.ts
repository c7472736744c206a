/**
 * The manifest's detached signature: a JSON Web Signature (RFC 7515) in the
 * flattened JSON serialization (7.2.2) with a detached payload (Appendix F),
 * signed with Ed25519 (`alg: EdDSA`, RFC 8037). The payload is the manifest's
 * bytes exactly as published; the signing input is
 * `BASE64URL(protected) "." BASE64URL(manifest)`, so any JOSE library
 * verifies it once the manifest is attached again. The header's `kid` is the
 * key's JWK thumbprint (RFC 7638), by which a wrong key is told from a
 * damaged signature. Ed25519 signatures are deterministic (RFC 8032 5.1.6):
 * the same manifest and key give the same bytes.
 */
import { createHash, type KeyObject, sign, verify } from 'node:crypto';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Unpadded base64url (RFC 4648 section 5) of bytes or of a string's UTF-8, as JOSE writes it. */
export function base64url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text; throws on other characters. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The JWK thumbprint (RFC 7638, SHA-256) of an Ed25519 key, private or public: its `kid`. Throws for another kind of key. */
export function keyId(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new TypeError('not an Ed25519 key');
  // The required members in lexicographic order, no white space (RFC 7638 3.2).
  const canonical = `{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`;
  return base64url(createHash('sha256').update(canonical).digest());
}

/** Whether a key is an Ed25519 key (the one algorithm signatures use). */
export const isEd25519 = (key: KeyObject): boolean => key.asymmetricKeyType === 'ed25519';

/** The signature file's text: `{"protected":"...","signature":"..."}` and a line feed. */
export function signManifest(manifest: Uint8Array, privateKey: KeyObject): string {
  const header = base64url(JSON.stringify({ alg: 'EdDSA', kid: keyId(privateKey) }));
  const signature = sign(null, encoder.encode(`${header}.${base64url(manifest)}`), privateKey);
  return `${JSON.stringify({ protected: header, signature: base64url(signature) })}\n`;
}

/** What checking a signature found. */
export type SignatureCheck =
  | { readonly kind: 'valid' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'other-key'; readonly signedBy: string; readonly given: string }
  | { readonly kind: 'invalid'; readonly keyId: string; readonly named: boolean };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the signature file's bytes against the manifest's bytes and a public
 * Ed25519 key. `other-key` when the header names another key's thumbprint,
 * `invalid` when the key is the one named (`named`), or no key is named, but
 * the signature does not verify (the manifest or the signature changed),
 * `malformed` when the file is not such a JWS (RFC 7515 7.2.2: an object
 * whose `protected` is the base64url of a JSON object, the header). Never
 * throws, whatever the bytes.
 */
export function checkSignature(file: Uint8Array, manifest: Uint8Array, publicKey: KeyObject): SignatureCheck {
  const notJws = {
    kind: 'malformed',
    reason: 'it is not a JSON Web Signature in the flattened JSON serialization',
  } as const;
  let jws: unknown;
  let header: unknown;
  try {
    jws = JSON.parse(decoder.decode(file));
    if (!isObject(jws)) return notJws;
    if (typeof jws.protected !== 'string' || typeof jws.signature !== 'string')
      return { kind: 'malformed', reason: 'it lacks "protected" or "signature"' };
    header = JSON.parse(decoder.decode(fromBase64url(jws.protected)));
  } catch {
    return notJws;
  }
  if (!isObject(header)) return { kind: 'malformed', reason: 'its protected header is not a JSON object' };
  if (header.alg !== 'EdDSA')
    return { kind: 'malformed', reason: `its algorithm is ${JSON.stringify(header.alg) ?? 'missing'}, not "EdDSA"` };
  if (header.kid !== undefined && typeof header.kid !== 'string')
    return { kind: 'malformed', reason: 'its "kid" is not a string' };
  const given = keyId(publicKey);
  if (typeof header.kid === 'string' && header.kid !== given) return { kind: 'other-key', signedBy: header.kid, given };
  const input = encoder.encode(`${jws.protected}.${base64url(manifest)}`);
  let ok: boolean;
  try {
    ok = verify(null, input, publicKey, fromBase64url(jws.signature));
  } catch {
    ok = false;
  }
  return ok ? { kind: 'valid' } : { kind: 'invalid', keyId: given, named: header.kid !== undefined };
}
