// The cause of a failed request as its log line tells it: the error's kind, its message and, for a
// fault of the server's own, its stack. The server's own sentences keep secrets out by being written
// so (team-log.ts); an error's message is not always the server's: a library may name the address
// it fetched, query and all (`…/callback?code=…&state=…`), echo a header, or quote a form. So the
// places where secrets travel are blanked before a line is written: a query string, a fragment with
// a value, the credentials of an Authorization header, and the fields of OAuth and sign-in forms
// (`code=…`, `"refresh_token":"…"`). Only the message and stack are read, never the error's other
// properties: Node's URL error keeps the whole address it could not parse in `input`.
import { withoutControls } from '../../mcp-server/for-the-team-server.ts';

export interface FailureCause {
  /** The error's class (`StoreUnavailable`, `TypeError`), or the type of what was thrown. */
  type: string;
  message: string;
  stack?: string;
}

/** Where a secret rides in text, and what stands in its place. */
const HIDDEN = '[hidden]';
/** The form fields and JSON keys of OAuth, OpenID Connect and the sign-in pages that carry a secret. */
const SECRET_FIELDS =
  'code|state|nonce|code_verifier|token|access_token|refresh_token|id_token|client_secret|client_assertion|assertion|password|secret|api_token|key';
const REDACTIONS: readonly [RegExp, string][] = [
  // A query string after an address or a path: everything from "?" to the next space or quote.
  [/(?<=\S)\?[^\s"'<>`]+/g, `?${HIDDEN}`],
  // A fragment with a value (an implicit grant's #access_token=…).
  [/#[^\s"'<>`#]*=[^\s"'<>`]*/g, `#${HIDDEN}`],
  // The credentials of an Authorization header, said with or without the header's name.
  // (Sixteen characters at least: a credential is long, a word in a sentence after "Basic" is not.)
  [/\b(Bearer|Basic|DPoP)(\s+)[A-Za-z0-9._~+/=-]{16,}/gi, `$1$2${HIDDEN}`],
  // A form's field (`code=abc&state=def`), where no "?" came before it.
  [new RegExp(`\\b(${SECRET_FIELDS})=[^\\s&"'<>\`]+`, 'gi'), `$1=${HIDDEN}`],
  // A JSON field (`"refresh_token": "…"`).
  [new RegExp(`"(${SECRET_FIELDS})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `"$1"$2"${HIDDEN}"`],
];

/** Text from outside the server's own sentences, with the places secrets travel in blanked. */
export function withoutSecrets(text: string): string {
  let kept = withoutControls(text);
  for (const [pattern, replacement] of REDACTIONS) kept = kept.replace(pattern, replacement);
  return kept;
}

/** What a log line says of `error`; its stack only when asked (request-context.ts, failedBecause). */
export function failureCause(error: unknown, withStack: boolean): FailureCause {
  if (!(error instanceof Error)) return { type: typeof error, message: withoutSecrets(String(error)).slice(0, 2_000) };
  const type = error.name || error.constructor.name;
  const cause: FailureCause = { type, message: withoutSecrets(error.message).slice(0, 2_000) };
  if (withStack && error.stack) cause.stack = withoutSecrets(error.stack).slice(0, 8_000);
  return cause;
}
