// Sealing (team-server/store/sealed.ts): AES-256-GCM under the server's sealing key, bound to the record it
// belongs to. A sealed value opens only with its key and for its record, and any change to it fails.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealError, seal, unseal } from '../../../team-server/store/sealed.ts';

const key = randomBytes(32);

/** The sealed value with one character of its part `index` changed. */
function tampered(sealed: string, index: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const part = parts[index] as string;
  parts[index] = `${part.slice(0, -2)}${part.at(-2) === 'A' ? 'B' : 'A'}${part.at(-1)}`;
  return parts.join('.');
}

describe('sealed values', () => {
  it('open for the record they were sealed to', () => {
    const sealed = seal(key, 'kimai-token-0123', 'credentials:ada');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('kimai-token');
    expect(unseal(key, sealed, 'credentials:ada')).toBe('kimai-token-0123');
  });

  it('differ each time (a fresh nonce), so equal secrets do not look equal', () => {
    expect(seal(key, 'same', 'r')).not.toBe(seal(key, 'same', 'r'));
  });

  it("do not open for another record: a person's credentials copied onto another person's row", () => {
    const sealed = seal(key, 'kimai-token-0123', 'credentials:ada');
    expect(() => unseal(key, sealed, 'credentials:tom')).toThrow(SealError);
    expect(() => unseal(key, sealed, 'AccessToken:ada')).toThrow(SealError);
  });

  it('do not open with another key', () => {
    expect(() => unseal(randomBytes(32), seal(key, 'x', 'r'), 'r')).toThrow(SealError);
  });

  it.each([1, 2, 3] as const)('fail when part %i (nonce, ciphertext, tag) is changed', (index) => {
    const sealed = seal(key, 'a value long enough to change', 'r');
    expect(() => unseal(key, tampered(sealed, index), 'r')).toThrow(SealError);
  });

  it.each(['', 'plain text', 'v2.a.b.c', 'v1.a.b', 'v1..', 'v1.AAAA.AAAA.AAAA'])('refuse %j, which was never sealed', (text) => {
    expect(() => unseal(key, text, 'r')).toThrow('A sealed value does not open with this server key (another key, or a changed record).');
  });
});
