// The team server's key (team-server/auth/server-keys.ts): read from the variable key_env names and refused in
// words naming it, and the keys drawn from it, one per purpose, the same on every instance.
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveServerKeys, readServerKey } from '../../../team-server/auth/server-keys.ts';

const KEY = randomBytes(32);

describe('readServerKey', () => {
  it('takes 32 bytes in base64, or base64url, with space around', () => {
    expect(readServerKey({ K: KEY.toString('base64') }, 'K')).toEqual(KEY);
    expect(readServerKey({ K: ` ${KEY.toString('base64url')}\n` }, 'K')).toEqual(KEY);
  });

  it.each([
    [{}, "The environment variable K (key_env) is not set; it must hold the server's key, 32 random bytes in base64. Make one with: openssl rand -base64 32"],
    [{ K: '  ' }, 'The environment variable K (key_env) is not set'],
    [{ K: 'not base64!' }, 'K (key_env) is not base64; it must hold 32 random bytes in base64. Make one with: openssl rand -base64 32'],
    [{ K: randomBytes(16).toString('base64') }, 'K (key_env) holds 16 bytes; it must hold exactly 32 random bytes in base64.'],
    [{ K: randomBytes(33).toString('base64') }, 'K (key_env) holds 33 bytes; it must hold exactly 32 random bytes in base64.'],
    [{ K: Buffer.alloc(32, 0).toString('base64') }, 'K (key_env) holds the same byte 32 times, which is no secret.'],
  ])('refuses %j in words naming the variable', (env, problem) => {
    const read = readServerKey(env, 'K');
    expect(typeof read).toBe('string');
    expect(read).toContain(problem);
  });
});

describe('deriveServerKeys', () => {
  it('draws a different key for each purpose', () => {
    const keys = deriveServerKeys(KEY);
    const drawn = [
      keys.atRest.current,
      keys.formKey,
      keys.questionKey,
      Buffer.from(keys.cookieKeys[0] as string, 'base64url'),
      Buffer.from(keys.signingJwk.d as string, 'base64url'),
    ];
    for (const key of drawn) expect(key).toHaveLength(32);
    expect(new Set(drawn.map((key) => key.toString('hex'))).size).toBe(drawn.length);
    for (const key of drawn) expect(key.equals(KEY)).toBe(false);
  });

  it('draws the same keys from the same server key (every instance, every restart)', () => {
    const first = deriveServerKeys(KEY);
    const again = deriveServerKeys(Buffer.from(KEY));
    expect(again.atRest.current).toEqual(first.atRest.current);
    expect(again.formKey).toEqual(first.formKey);
    expect(again.questionKey).toEqual(first.questionKey);
    expect(again.cookieKeys).toEqual(first.cookieKeys);
    expect(again.signingJwk).toEqual(first.signingJwk);
    expect(again.storedId('a token')).toBe(first.storedId('a token'));
  });

  it('draws other keys from another server key', () => {
    const mine = deriveServerKeys(KEY);
    const theirs = deriveServerKeys(randomBytes(32));
    expect(theirs.atRest.current).not.toEqual(mine.atRest.current);
    expect(theirs.storedId('a token')).not.toBe(mine.storedId('a token'));
    expect(theirs.signingJwk.kid).not.toBe(mine.signingJwk.kid);
  });

  it('stores ids keyed: the stored name tells nothing of the id, and differs per id', () => {
    const keys = deriveServerKeys(KEY);
    const stored = keys.storedId('AccessTokenValue0123456789');
    expect(stored).toMatch(/^[\w-]{43}$/);
    expect(stored).not.toContain('AccessTokenValue');
    expect(keys.storedId('AccessTokenValue0123456788')).not.toBe(stored);
  });

  it('makes a working Ed25519 signing key with a kid of its public key', () => {
    const { signingJwk } = deriveServerKeys(KEY);
    expect(signingJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.stringMatching(/^[\w-]{16}$/) });
    const privateKey = createPrivateKey({ key: signingJwk as never, format: 'jwk' });
    const signature = sign(null, Buffer.from('claims'), privateKey);
    expect(verify(null, Buffer.from('claims'), createPublicKey(privateKey), signature)).toBe(true);
  });
});
