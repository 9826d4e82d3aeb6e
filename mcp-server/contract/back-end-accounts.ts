// What counts as a back end's address and a person's e-mail, and their normal forms, which the
// keychain account of a secret is made of (contract/back-ends.ts, credentialAccount; docs/decisions.md,
// "Secrets"). Free of zod so the settings window and the command line can use it as a value: the
// window, the flags and the settings file must agree on when two typed addresses name the same
// account (and so the same saved secret).

/**
 * An http(s) address with a host (after trimming): what the settings and `--url` accept. White space
 * inside is refused before parsing: Chromium's URL parser (the window's) takes "acme calamari.io" for
 * a host, where Node's refuses it, and the window must refuse what main and the engine refuse.
 */
export function isHttpUrl(text: string): boolean {
  const trimmed = text.trim();
  if (/\s/.test(trimmed)) return false;
  try {
    const parsed = new URL(trimmed);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An address as people paste it: 'https://kimai.example.com', maybe with a trailing slash or the
 * '/api' suffix the REST docs show (Kimai, Clockodo, Calamari and Clockify all serve their API below /api). The
 * normal form is the one the keychain account uses, so the app and the engine agree on where the
 * secret is filed.
 */
export function normalizeBaseUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api$/i, '')
    .replace(/\/+$/, '');
}

/** A plausible e-mail address (one @, something on each side, a dot in the domain, no spaces). */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim()) && text.trim().length <= 254;
}

/** E-mail addresses compare without case or surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
