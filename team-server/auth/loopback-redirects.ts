// RFC 8252 §7.3: an app on the person's computer receives its code on a loopback port the system
// gives it when it starts, so the authorization server MUST allow any port at request time for a
// loopback redirect URI. Claude Code's client metadata document lists `http://localhost/callback` and
// `http://127.0.0.1/callback` without a port and sends `http://localhost:<its port>/callback`; a client
// registered with `http://127.0.0.1/callback` does the same. oidc-provider allows this only for
// clients of `application_type: native` (which also asks consent on every sign-in and refuses an
// https redirect on localhost), so the rule is added to its own redirect check for every client.
//
// Only the port is let go. Everything else is compared as the client wrote it, character for
// character, without the URL parser's normalising: scheme, host, path and query. A look-alike (another
// host, userinfo, a fragment, dot segments, another case, percent-encoding, a backslash) does not
// match the pattern or differs in its text, and falls to the library's exact comparison.
import type Provider from 'oidc-provider';

/**
 * A loopback redirect URI as text: `http://`, one of the three loopback hosts exactly as written, an
 * optional port (1–65535, no leading zero), then the rest from its first `/` or `?` in printable
 * ASCII (`!` to `~`) but for `#` (a fragment) and the backslash (a browser reads it as `/`): no
 * space, no control character, nothing beyond ASCII.
 */
const LOOPBACK_REDIRECT = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::([1-9][0-9]{0,4}))?([/?][!"$-[\]-~]*)?$/;

interface LoopbackRedirect {
  host: string;
  rest: string;
}

function loopbackRedirect(uri: string): LoopbackRedirect | undefined {
  const match = LOOPBACK_REDIRECT.exec(uri);
  if (!match) return undefined;
  if (match[2] !== undefined && Number(match[2]) > 65_535) return undefined;
  return { host: match[1] as string, rest: match[3] ?? '' };
}

/** Whether `requested` is the registered loopback redirect URI `registered` on another (or no) port. */
export function sameLoopbackRedirect(requested: string, registered: string): boolean {
  const asked = loopbackRedirect(requested);
  const known = loopbackRedirect(registered);
  return asked !== undefined && known !== undefined && asked.host === known.host && asked.rest === known.rest;
}

/**
 * Lets every client of `provider` name any port on its registered loopback redirect URIs. The
 * library's own check (exact, and its native-app rule) still decides first.
 */
export function allowAnyLoopbackPort(provider: Provider): void {
  const prototype = provider.Client.prototype;
  const exact = prototype.redirectUriAllowed;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: InstanceType<Provider['Client']>, value: string): boolean {
    return exact.call(this, value) || (this.redirectUris ?? []).some((registered) => sameLoopbackRedirect(value, registered));
  };
}
