// A back end may echo what it was sent: a 400 page that quotes the request's headers, a proxy's error
// that repeats the URL. Whatever a server answers reaches people and programs (the AI client's
// result, stderr, the connection test's JSON), so every form of the secret the request carried is
// taken out of the answer before anything reads it.

const REDACTED = '[redacted]';
/** Shorter forms would strike ordinary words; no back end's secret is this short. */
const SHORTEST_FORM = 6;

/**
 * The ways `secret` can appear in text a server sends back: as sent, URL-encoded, base64 (HTTP Basic
 * auth carries `user:secret` so, which callers pass as a secret of its own), base64url, and each with
 * "/" written "\/" as PHP's JSON encoder writes it (Kimai is PHP).
 */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set([secret, encodeURIComponent(secret), bytes.toString('base64'), bytes.toString('base64url')]);
  for (const form of [...forms]) forms.add(form.replaceAll('/', '\\/'));
  return [...forms].filter((form) => form.length >= SHORTEST_FORM);
}

/**
 * The forms of a list of secrets, longest first, worked out once for each list: a client passes the
 * same list with every request while its secret stays the same (remote-client.ts), and this was a
 * twentieth of a call's work. Kept only as long as the list itself is.
 */
const formsOf = new WeakMap<readonly string[], string[]>();

/** `text` with every form of every secret replaced by "[redacted]", the longest forms first. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  let forms = formsOf.get(secrets);
  if (!forms) {
    forms = secrets.flatMap(secretForms).sort((a, b) => b.length - a.length);
    formsOf.set(secrets, forms);
  }
  return forms.reduce((clean, form) => clean.replaceAll(form, REDACTED), text);
}
