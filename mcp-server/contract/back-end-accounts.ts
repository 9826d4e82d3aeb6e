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

/** Text with its ASCII letters A–Z in lower case and nothing else changed. */
export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * An e-mail address as Punchcard keeps and compares it: without surrounding space, and without the case of ASCII
 * letters only. Unicode's case mappings make look-alikes equal (the Kelvin sign U+212A lower-cases to "k"; the long
 * s, the dotless i and the ligatures upper-case to ASCII letters), and an address written with one must never stand
 * for the person whose address has the plain letter (test/team-server/auth/organisation-match.test.ts loops over
 * every such letter).
 */
export function normalizeEmail(email: string): string {
  return asciiLowerCase(email.trim());
}

/** The same address, as a person and a back end may write it: whole (never a part of one), as normalizeEmail keeps it. */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return normalizeEmail(a) === normalizeEmail(b);
}

/**
 * The first character of an address (trimmed) that is not plain ASCII, a letter, digit or sign from U+0021 to U+007E,
 * as `U+212A`; null where every one is. Where one organisation credential acts for people, an address with such a
 * character is refused (team-server/auth/organisation-match.ts, plainAddressRefusal; providers/calamari/context.ts):
 * sameEmail keeps it apart from every colleague's, but the tracker compares addresses by rules Punchcard cannot see,
 * and several of them make a non-ASCII address equal to an ASCII one. Unicode's case mappings lower-case the Kelvin
 * sign to "k" and upper-case the long s, the dotless i and the ligature "ﬀ" to "S", "I" and "FF" (a comparison that
 * ignores case letter by letter, as Java's equalsIgnoreCase does, takes the first three for k, s and i); a collation
 * that ignores accents takes "é" for "e"; IDNA maps a domain's full-width letters to ASCII ones. A list of look-alikes
 * would hold only the foldings known today; ASCII alone compares the same everywhere, the case of A-Z set aside.
 */
export function firstNonAscii(email: string): string | null {
  for (const character of email.trim()) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x21 || codePoint > 0x7e) return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}
