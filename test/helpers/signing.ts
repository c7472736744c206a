/** Ed25519 keys made from fixed seeds, so that signed builds give the same bytes on every run. */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './fs.js';

// The DER of a PKCS #8 Ed25519 private key up to its 32-byte seed (RFC 8410, 7).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TestKey {
  readonly privateKey: KeyObject;
  readonly privatePem: string;
  readonly publicPem: string;
  /** The two PEM files, in a temporary folder outside any repository. */
  readonly privateFile: string;
  readonly publicFile: string;
}

/** The key whose seed is 32 times `seed`. */
export function testKey(seed = 1): TestKey {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.alloc(32, seed)]),
    format: 'der',
    type: 'pkcs8',
  });
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  const dir = tempDir('user-services-key-');
  const privateFile = join(dir, 'signing.pem');
  const publicFile = join(dir, 'signing.pub.pem');
  writeFileSync(privateFile, privatePem);
  writeFileSync(publicFile, publicPem);
  return { privateKey, privatePem, publicPem, privateFile, publicFile };
}
