// Where each remote back end is and whose it is: what counts as an address and an e-mail, their normal
// forms, and the keychain account a back end's secret is filed under (docs/decisions.md,
// "Secrets"). Free of zod so the settings window and the command line can use it as a value: the
// window, the flags and the settings file must agree on when two typed addresses name the same
// account (and so the same saved secret).

/** Clockodo's own service; a profile without a `url` means this one. */
export const CLOCKODO_URL = 'https://my.clockodo.com';

/**
 * Clockify's global API in its normal form: the documentation writes it https://api.clockify.me/api,
 * and, as for every back end, the normal form leaves the '/api' off (docs/back-ends/clockify.md).
 */
export const CLOCKIFY_URL = 'https://api.clockify.me';

/** The longest Clockify workspace (its id or name) a profile names. */
export const MAX_WORKSPACE_LENGTH = 200;

/** Clockify's own API hosts: the global one, the four regions (EU, USA, UK, AU) and the developer one. */
export const CLOCKIFY_API_HOSTS: readonly string[] = [
  'api.clockify.me',
  'euc1.clockify.me',
  'use2.clockify.me',
  'euw2.clockify.me',
  'apse2.clockify.me',
  'developer.clockify.me',
];

/**
 * What is wrong with a Clockify address (in its normal form), or undefined. The API key goes to this
 * address with every request, so only to Clockify's own API hosts (a workspace's subdomain is its web
 * app, and its key works on these hosts too), or to a server on this computer (a test server, a local
 * forwarder). Clockify's hosts are known, so a typo ("api.clockify.co") or a look-alike never gets the key.
 */
export function clockifyUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'an http(s) address such as https://api.clockify.me/api';
  }
  const host = parsed.hostname.toLowerCase();
  const hosts = 'https://api.clockify.me/api, or your region\'s: euc1, use2, euw2 or apse2.clockify.me/api';
  if (host === 'clockify.me' || host.endsWith('.clockify.me')) {
    if (!CLOCKIFY_API_HOSTS.includes(host)) return `${host} is not one of Clockify's API addresses; use ${hosts}`;
    if (parsed.protocol !== 'https:' || parsed.port !== '' || (parsed.pathname !== '/' && parsed.pathname !== '')) return `Clockify's API is at ${hosts}, without more after /api`;
    return undefined;
  }
  if (isLoopback(host)) return undefined;
  return `Punchcard sends your Clockify API key only to Clockify's API addresses (or to a server on this computer), and ${host} is not one; use ${hosts}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

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
  return url.trim().replace(/\/+$/, '').replace(/\/api$/i, '').replace(/\/+$/, '');
}

/** A plausible e-mail address (one @, something on each side, a dot in the domain, no spaces). */
export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim()) && text.trim().length <= 254;
}

/** E-mail addresses compare without case or surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The keychain account of a back end's secret: `kimai:<url>` (a personal API token per server),
 * `clockodo:<e-mail>` (a personal API key per login), `calamari:<url>` (the organisation's key) and
 * `clockify:<url>` (a personal API key; the person is whoever the key belongs to).
 */
export function credentialAccount(profile: { type: 'kimai' | 'calamari' | 'clockify'; url: string } | { type: 'clockodo'; email: string }): string {
  return profile.type === 'clockodo' ? `clockodo:${normalizeEmail(profile.email)}` : `${profile.type}:${normalizeBaseUrl(profile.url)}`;
}
