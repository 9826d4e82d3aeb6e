// What the sign-in, consent and account forms rely on: a form posted only from a page this server
// rendered (a token signed with the server's form key, bound to what the page was for and to this
// browser, and expiring), a browser's own posting origin, and the server's own small cookies (sealed,
// so neither read nor forged by anyone without the server key). The posted fields are read in
// sign-in/form-body.ts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type SealingKeys, seal, unseal } from '../store/sealed.ts';

/** A form is answered within this long of being shown, or shown again. */
const FORM_TTL_MS = 60 * 60_000;

export function formToken(key: Buffer, binding: string, now: number): string {
  const expires = now + FORM_TTL_MS;
  const mac = createHmac('sha256', key).update(`${binding}\n${expires}`).digest('base64url');
  return `${expires}.${mac}`;
}

export function checkFormToken(key: Buffer, binding: string, token: unknown, now: number): boolean {
  if (typeof token !== 'string') return false;
  const [expires, mac] = token.split('.');
  if (!expires || !mac || !/^\d+$/.test(expires) || Number(expires) < now) return false;
  const expected = createHmac('sha256', key).update(`${binding}\n${expires}`).digest();
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a POST comes from this server's own pages as a browser says: a cross-site Origin, or a
 * browser's Sec-Fetch-Site naming another site, is refused before the form is read. The pages send
 * their referrer to their own origin only (Referrer-Policy same-origin): under no-referrer a browser
 * sends `Origin: null` with a form post, which cannot be told from a sandboxed attacker's frame.
 */
export function sameOrigin(request: IncomingMessage, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== publicOrigin) return false;
  if (origin === 'null') return false;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export interface CookieJar {
  get(request: IncomingMessage, name: string): string | undefined;
  /** Sets a sealed cookie for `maxAgeSeconds` (0 clears it). */
  set(response: ServerResponse, name: string, value: string, maxAgeSeconds: number): void;
}

export function cookieJar(key: Buffer | SealingKeys, secure: boolean): CookieJar {
  return {
    get(request, name) {
      const raw = parseCookies(request.headers.cookie)[name];
      if (!raw) return undefined;
      try {
        return unseal(key, raw, `cookie:${name}`);
      } catch {
        return undefined;
      }
    },
    set(response, name, value, maxAgeSeconds) {
      const sealed = maxAgeSeconds > 0 ? seal(key, value, `cookie:${name}`) : '';
      const cookie = `${name}=${sealed}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
      const existing = response.getHeader('set-cookie');
      response.setHeader('set-cookie', [...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []), cookie]);
    },
  };
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!(name in cookies)) cookies[name] = part.slice(index + 1).trim();
  }
  return cookies;
}

/** A random value for binding forms to one browser. */
export function browserId(): string {
  return randomBytes(18).toString('base64url');
}
