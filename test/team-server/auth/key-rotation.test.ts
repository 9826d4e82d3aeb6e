// The server key's rotation as the store keeps it (team-server/auth/key-rotation.ts): which keys an instance
// works with before, during and after a rotation, whichever key it was started with.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { endedRotation, resolveRotation, startedRotation } from '../../../team-server/auth/key-rotation.ts';
import { deriveServerKeys, keptKeysOf, sealingKeyOf } from '../../../team-server/auth/server-keys.ts';
import { seal, unseal } from '../../../team-server/store/sealed.ts';
import { cookieJar } from '../../../team-server/auth/forms.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const STRANGER = randomBytes(32);
const kept = keptKeysOf(OLD);

describe('resolveRotation', () => {
  it('uses the key given where the store was never rotated', () => {
    expect(resolveRotation([OLD], undefined)).toEqual({ current: OLD, kept });
  });

  it('during a rotation: the old key learns the new one, the new key still reads the old, a stranger is refused', () => {
    const state = startedRotation(OLD, NEW, kept, 1_000);
    expect(state).not.toContain(OLD.toString('base64'));
    expect(state).not.toContain(NEW.toString('base64'));
    expect(resolveRotation([OLD], state)).toEqual({ current: NEW, previous: OLD, kept });
    expect(resolveRotation([NEW], state)).toEqual({ current: NEW, previous: OLD, kept });
    expect(resolveRotation([STRANGER], state)).toBeUndefined();
  });

  it('after it: the new key alone, the kept keys as they were, the old key no longer the store’s', () => {
    const state = endedRotation(NEW, kept);
    expect(resolveRotation([NEW], state)).toEqual({ current: NEW, kept });
    expect(resolveRotation([OLD], state)).toBeUndefined();
    // An instance started with the old key that learned the new one goes on with it.
    expect(resolveRotation([NEW, OLD], state)).toEqual({ current: NEW, kept });
  });

  it('keeps the ids a token is stored under, and reads what either key sealed while the rotation is on', () => {
    const before = deriveServerKeys(OLD);
    const after = deriveServerKeys(NEW, kept);
    expect(after.storedId('a-token')).toBe(before.storedId('a-token'));
    expect(after.peerKey.equals(before.peerKey)).toBe(true);
    expect(after.atRest.current.equals(before.atRest.current)).toBe(false);
    after.atRest.use(sealingKeyOf(NEW), [sealingKeyOf(NEW), sealingKeyOf(OLD)]);
    expect(unseal(after.atRest, seal(sealingKeyOf(OLD), 'sealed before', 'r'), 'r')).toBe('sealed before');
    expect(unseal(sealingKeyOf(NEW), seal(after.atRest, 'sealed now', 'r'), 'r')).toBe('sealed now');
    after.atRest.use(sealingKeyOf(NEW), [sealingKeyOf(NEW)]);
    expect(() => unseal(after.atRest, seal(sealingKeyOf(OLD), 'x', 'r'), 'r')).toThrow();
  });

  it('opens a sign-in cookie one instance sealed on another, whichever key each was started with, while the rotation is on', () => {
    const old = deriveServerKeys(OLD);
    const fresh = deriveServerKeys(NEW, kept);
    const during = [sealingKeyOf(NEW), sealingKeyOf(OLD)];
    // A cookie an instance sealed before it followed the rotation, and one sealed after.
    const before = setCookie(cookieJar(old.atRest, false));
    old.atRest.use(sealingKeyOf(NEW), during);
    fresh.atRest.use(sealingKeyOf(NEW), during);
    const after = setCookie(cookieJar(old.atRest, false));
    expect(cookieJar(fresh.atRest, false).get(requestWith(before), 'browser')).toBe('ada-browser');
    expect(cookieJar(fresh.atRest, false).get(requestWith(after), 'browser')).toBe('ada-browser');
    // Once it ended, a cookie from before it is not read: the person signs in again.
    fresh.atRest.use(sealingKeyOf(NEW), [sealingKeyOf(NEW)]);
    expect(cookieJar(fresh.atRest, false).get(requestWith(before), 'browser')).toBeUndefined();
  });
});

function setCookie(jar: ReturnType<typeof cookieJar>): string {
  const headers: Record<string, unknown> = {};
  const response = {
    getHeader: (name: string) => headers[name],
    setHeader: (name: string, value: unknown) => (headers[name] = value),
  } as unknown as ServerResponse;
  jar.set(response, 'browser', 'ada-browser', 600);
  return ((headers['set-cookie'] as string[])[0] as string).split(';')[0] as string;
}

function requestWith(cookie: string): IncomingMessage {
  return { headers: { cookie } } as IncomingMessage;
}
