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

/**
 * Unicode's format characters (category Cf): the bidi controls (U+202A–U+202E, U+2066–U+2069, the
 * marks U+200E, U+200F and U+061C), the zero-width ones (U+200B–U+200D, U+2060, U+FEFF), the tag
 * characters (U+E0001, U+E0020–U+E007F) and the like. None is seen: each only steers how the text
 * around it is shown, or hides text a screen does not show but a model reads.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Text someone else wrote that reaches a model as data (a calendar title, a commit subject): without
 * controls, and without the format characters that reorder it on screen ("txt.exe" shown for "exe.txt"),
 * split its words unseen, or spell words in tag characters no screen shows. Only for such text: in a
 * person's own names and notes, a zero-width joiner or a right-to-left mark is part of their writing.
 */
export function withoutHiddenCharacters(text: string): string {
  return withoutControls(text).replace(FORMAT_CHARACTERS, '');
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
