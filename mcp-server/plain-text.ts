// Text that reaches a terminal or a model, without the characters that steer a terminal. Names,
// notes and error messages come from back ends and from people; an ESC or OSC sequence among them
// would recolour, retitle or rewrite the screen of a terminal client (Claude Code, Codex, a shell
// running --test-connection). Tab and newline stay: they are layout, not control.

/** C0 controls but tab (U+0009) and newline (U+000A), DEL, and the C1 controls U+0080–U+009F. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** Keys whose strings a client chose and matches byte for byte: never changed on the way back. */
const CLIENT_TOKENS: ReadonlySet<string> = new Set(['progressToken', 'requestId']);

/**
 * A JSON-RPC message (or a batch of them) as JSON text, every string in it without controls but the
 * message's own id and the tokens a client chose, which go back as they came.
 */
export function messageText(message: object): string {
  const messages = new Set<unknown>(Array.isArray(message) ? message : [message]);
  return JSON.stringify(message, function keepingClientTokens(this: unknown, key: string, value: unknown) {
    if (typeof value !== 'string') return value;
    if ((messages.has(this) && key === 'id') || CLIENT_TOKENS.has(key)) return value;
    return withoutControls(value);
  });
}
