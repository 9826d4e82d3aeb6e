// Kimai's address: what counts as one, its normal form, and the keychain account filed under it.
// Free of zod so the settings window and the command line can use it as a value: the window, the
// flags and the settings file must agree on when two typed addresses name the same Kimai (and so
// the same saved token).

/** An http(s) address with a host (after trimming): what the settings and `--url` accept. */
export function isHttpUrl(text: string): boolean {
  try {
    const parsed = new URL(text.trim());
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Kimai's address as people paste it: 'https://kimai.example.com', maybe with a trailing slash or
 * the '/api' suffix the REST docs show. The normal form is the one the keychain account uses, so the
 * app and the engine agree on where the token is filed.
 */
export function normalizeKimaiUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/api$/i, '').replace(/\/+$/, '');
}

/** The keychain account of a Kimai token (DESIGN.md §3): 'kimai:' + the normal form of the URL. */
export function kimaiCredentialAccount(url: string): string {
  return `kimai:${normalizeKimaiUrl(url)}`;
}
