// The team server's one secret (32 random bytes in the variable `key_env` names) and every key drawn
// from it. Each purpose gets its own key through HKDF-SHA256 with a label, so a key for one job
// (sealing credentials) is never also the key of another (signing a sign-in form), and every instance
// given the same secret derives the same keys: tokens, cookies and questions verify on any of them.
import { createHash, createHmac, createPrivateKey, createPublicKey, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { SealingKeys } from '../store/sealed.ts';

export const SERVER_KEY_BYTES = 32;

export interface ServerKeys {
  /**
   * What seals people's tracker credentials, the authorization server's records in the store and the
   * sign-in pages' cookies: the sealing key of the server key in use, and during a rotation the old
   * one's too, for reading (auth/key-rotation.ts). It changes while the server runs, when a rotation
   * starts or ends.
   */
  readonly atRest: SealingRing;
  /** Turns a record's id (an opaque token is its own id) into the name it is stored under. */
  storedId(id: string): string;
  /** Signs the authorization server's cookies (Koa's keygrip). */
  readonly cookieKeys: string[];
  /** Signs a form so that only a page this server rendered can post it (CSRF). */
  readonly formKey: Buffer;
  /** Signs the state an MCP question travels with, so any instance verifies it. */
  readonly questionKey: Buffer;
  /** Marks a request one instance passes to another (a 2025-era session's, http/peers.ts). */
  readonly peerKey: Buffer;
  /** The authorization server's signing key (Ed25519), as a private JWK. */
  readonly signingJwk: Record<string, string>;
}

/**
 * The server key from the environment, or a sentence naming the variable, where it was named
 * (`label`: the config's key_env, or rotate-key's --new-key-env) and what it must hold.
 */
export function readServerKey(env: NodeJS.ProcessEnv, variable: string, label = 'key_env'): Buffer | string {
  const value = env[variable]?.trim();
  const make = 'Make one with: openssl rand -base64 32';
  if (value === undefined || value === '')
    return `The environment variable ${variable} (${label}) is not set; it must hold the server's key, ${SERVER_KEY_BYTES} random bytes in base64. ${make}`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) && !/^[A-Za-z0-9_-]+$/.test(value))
    return `${variable} (${label}) is not base64; it must hold ${SERVER_KEY_BYTES} random bytes in base64. ${make}`;
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== SERVER_KEY_BYTES)
    return `${variable} (${label}) holds ${key.length} bytes; it must hold exactly ${SERVER_KEY_BYTES} random bytes in base64. ${make}`;
  if (key.every((byte) => byte === key[0])) return `${variable} (${label}) holds the same byte ${SERVER_KEY_BYTES} times, which is no secret. ${make}`;
  return key;
}

/**
 * The keys a rotation keeps (auth/key-rotation.ts): the one that keys the ids records are stored
 * under (a token's id is the token, so it cannot be keyed anew without every token), and the one that
 * marks requests instances pass to each other (instances started before and after a rotation pass
 * requests both ways while it runs). Drawn from the first server key and kept, sealed, in the store.
 */
export interface KeptKeys {
  readonly ids: Buffer;
  readonly peers: Buffer;
}

/** The sealing keys in use: the current one, and the ones still read. */
export class SealingRing implements SealingKeys {
  #current: Buffer;
  #readable: readonly Buffer[];

  constructor(current: Buffer) {
    this.#current = current;
    this.#readable = [current];
  }

  get current(): Buffer {
    return this.#current;
  }

  get readable(): readonly Buffer[] {
    return this.#readable;
  }

  use(current: Buffer, readable: readonly Buffer[]): void {
    this.#current = current;
    this.#readable = [current, ...readable.filter((key) => !key.equals(current))];
  }
}

function drawFrom(serverKey: Buffer): (label: string) => Buffer {
  return (label) => Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), `punchcard team server: ${label}`, 32));
}

/**
 * A server key's id: twelve hex digits drawn from it, which an administrator compares (admin check
 * prints it, a refusal names the key a store or a backup needs) and which say nothing of the key.
 */
export function keyIdOf(serverKey: Buffer): string {
  return drawFrom(serverKey)('key id v1').toString('hex').slice(0, 12);
}

/** The sealing key a server key draws (a rotation seals under it). */
export function sealingKeyOf(serverKey: Buffer): Buffer {
  return drawFrom(serverKey)('sealing v1');
}

/** The keys a server key draws that a rotation keeps (KeptKeys). */
export function keptKeysOf(serverKey: Buffer): KeptKeys {
  const derive = drawFrom(serverKey);
  return { ids: derive('stored ids v1'), peers: derive('peers v1') };
}

/** Every key drawn from the server key; `kept` where a rotation kept the first key's (auth/key-rotation.ts). */
export function deriveServerKeys(serverKey: Buffer, kept: KeptKeys = keptKeysOf(serverKey)): ServerKeys {
  const derive = drawFrom(serverKey);
  // Made once: every request keys the id of the token it carries.
  const idKey = createSecretKey(kept.ids);
  const sealing = derive('sealing v1');
  return {
    atRest: new SealingRing(sealing),
    storedId: (id) => createHmac('sha256', idKey).update(id).digest('base64url'),
    cookieKeys: [derive('cookies v1').toString('base64url')],
    formKey: derive('forms v1'),
    questionKey: derive('questions v1'),
    peerKey: kept.peers,
    signingJwk: ed25519Jwk(derive('signing key v1')),
  };
}

/**
 * An Ed25519 key from a 32-byte seed: the seed wrapped as the PKCS#8 document Node reads (the fixed
 * prefix of RFC 8410's encoding). Every instance derives the same key, so none has to store one.
 */
function ed25519Jwk(seed: Buffer): Record<string, string> {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey: KeyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  const kid = createHash('sha256')
    .update(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }))
    .digest('base64url')
    .slice(0, 16);
  return { ...jwk, kid, alg: 'EdDSA', use: 'sig' };
}
