// A JSON text's structure read without parsing it: its brackets and braces, and the commas between
// elements, with the strings (and what is escaped in them) skipped. The two readers the team server
// needs stand on it: how deep a body nests, counted before a parser walks it (request-body.ts), and a
// batch's elements as the client wrote them (batches.ts).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** A structural character: an opening or closing bracket or brace, or a comma. */
export type Structural = 'open' | 'close' | 'comma';

/**
 * Calls `visit` for each structural character outside strings, with its index and the depth it
 * stands at: an opener at the depth it opens (1 for the outermost), a closer at the depth it closes,
 * a comma at the depth of the array or object it separates.
 */
export function scanStructure(text: string, visit: (kind: Structural, index: number, depth: number) => void): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (OPENERS.has(code)) visit('open', index, ++depth);
    else if (CLOSERS.has(code)) visit('close', index, depth--);
    else if (code === COMMA) visit('comma', index, depth);
  }
}
