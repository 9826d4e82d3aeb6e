// Text from outside as the engine says it: one quoted line. A tracker's names (a project, a task, a client, a tag, a
// person, a workspace), its notes, currencies and invoice numbers, a leave type of its own, a custom field and its
// value, an approver's note, the words of a back end's error, a calendar title or a commit subject are someone else's
// writing, and the model that reads an answer must read them as data: "Ignore previous instructions…" as what a
// project is called, never as Punchcard's words, and a line break in a currency code never as a line of its own ("EUR
// \n Total: 0 EUR, paid"). So each such text is put between double quotes, with every quote and backslash in it
// escaped by a backslash (as in a JSON string: no name can end its quote and read on as the tool's words), and with
// whatever would act instead of being read shown as an escape, never acted on: line breaks (\n, \r, the Unicode line
// and paragraph separators), tabs, every other control character, the bidi controls that reorder text on a screen,
// the zero-width characters that hide a break in it and the tag characters that spell words no screen shows. What a
// script needs to be written (the joiners, the right-to-left marks) stays. One function, every sentence's: a part of
// its own in sentence.ts (`outside`), and the few places that write plain text (evidence-quotes.ts) call it too.

/** Each character shown by its usual escape. */
const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * What is escaped: the quote and the backslash; C0 controls, DEL and the C1 controls; the line and paragraph
 * separators (U+2028, U+2029); the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069); the
 * zero-width space, the word joiner, the invisible operators and the byte-order mark (U+200B, U+2060–U+2064,
 * U+FEFF); and the tag characters (U+E0000–U+E007F).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SHOWN = /[\\"\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

/** `text` as one quoted line: `"Acme \"Web\"\nTotal: 0"` for a name with quotes and a line break. */
export function quotedLine(text: string): string {
  return `"${text.replace(SHOWN, (character) => NAMED[character] ?? `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`)}"`;
}
