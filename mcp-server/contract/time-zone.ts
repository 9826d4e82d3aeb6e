// The one rule for a time zone a person names, in the settings, the window, main and the engine: an
// IANA name Intl knows (any case, aliases such as UTC too). A fixed offset such as '+01:00' is refused
// although Intl accepts it: whoever writes one almost always means a place, and a fixed offset gets
// every summer wrong. Free of Node and of zod, so the window can use it as it is.

export function isValidTimeZone(zone: string): boolean {
  const name = zone.trim();
  if (name === '' || /^[+-]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
