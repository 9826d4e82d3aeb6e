// Sealing what the store keeps secret (people's tracker credentials, the authorization server's
// records, which hold tokens): AES-256-GCM from Node's crypto (OpenSSL) under the server's sealing
// key, a fresh 96-bit nonce each time, and the record it belongs to as additional data, so a sealed
// value copied onto another person's row, or another record, does not open. A database dump shows
// none of it.
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SealError extends Error {
  constructor() {
    super('A sealed value does not open with this server key (another key, or a changed record).');
    this.name = 'SealError';
  }
}

/**
 * The key as OpenSSL holds it, made once per key: preparing a raw key on every seal and unseal was a
 * tenth of a team-server request's time.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/**
 * The keys of a server key's rotation (auth/key-rotation.ts): what is sealed now is sealed under
 * `current`; what is read opens under any of `readable` (the current key first, then the one being
 * rotated away, until the rotation ends).
 */
export interface SealingKeys {
  readonly current: Buffer;
  readonly readable: readonly Buffer[];
}

/** `v1.<nonce>.<ciphertext>.<tag>`, base64url. */
export function seal(keys: Buffer | SealingKeys, plaintext: string, boundTo: string): string {
  const key = Buffer.isBuffer(keys) ? keys : keys.current;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), nonce);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function unseal(keys: Buffer | SealingKeys, sealed: string, boundTo: string): string {
  if (Buffer.isBuffer(keys)) return unsealWith(keys, sealed, boundTo);
  for (const key of keys.readable.slice(0, -1)) {
    try {
      return unsealWith(key, sealed, boundTo);
    } catch {
      // Sealed under the next key of the rotation, perhaps.
    }
  }
  return unsealWith(keys.readable.at(-1) ?? keys.current, sealed, boundTo);
}

/** Whether `sealed` opens under `key` (a rotation seals anew what does not open under the current key). */
export function opensWith(key: Buffer, sealed: string, boundTo: string): boolean {
  try {
    unsealWith(key, sealed, boundTo);
    return true;
  } catch {
    return false;
  }
}

function unsealWith(key: Buffer, sealed: string, boundTo: string): string {
  const [version, nonce, body, tag] = sealed.split('.');
  if (version !== VERSION || nonce === undefined || body === undefined || tag === undefined) throw new SealError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObject(key), Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError();
  }
}
