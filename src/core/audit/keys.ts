import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ed25519 key that signs audit checkpoints. */
export interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export const KEY_FILE = 'audit-signing-key.pem';

function keyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signingKeyFromPem(privatePem: string): SigningKey {
  const privateKey = createPrivateKey(privatePem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { id: keyId(publicKeyPem), privateKey, publicKeyPem };
}

/** A fresh key that lives only in memory (tests). */
export function ephemeralSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** Loads the key from the data directory, generating it (mode 0600) on first start. */
export function loadOrCreateSigningKey(dataDir: string): { key: SigningKey; created: boolean } {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) return { key: signingKeyFromPem(readFileSync(path, 'utf8')), created: false };
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  return { key: signingKeyFromPem(pem), created: true };
}

export function signText(key: SigningKey, text: string): Uint8Array {
  return new Uint8Array(sign(null, Buffer.from(text, 'utf8'), key.privateKey));
}

export function verifyText(publicKeyPem: string, text: string, signature: Uint8Array): boolean {
  return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), signature);
}
