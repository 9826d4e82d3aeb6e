// How a config file is spelled, apart from what it says: byte-order mark, line endings, indentation
// and the final newline. Edits read these from the file and write them back the same way, so a
// registration changes our entry and nothing else (docs/decisions.md, "Surgical edits of other
// apps' files"). Pure.
import { ConfigError } from './config-error.ts';

export interface TextFormat {
  bom: boolean;
  eol: '\n' | '\r\n';
  /** One level of indentation as the file writes it: a tab or some spaces. */
  indent: string;
  finalNewline: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes to text; refuses (ConfigError 'encoding') what we could not write back byte for byte. */
export function decodeText(bytes: Uint8Array): { text: string; bom: boolean } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ConfigError('encoding', 'it is saved as UTF-16; save it as UTF-8 and try again');
  }
  const bom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, bom };
  } catch {
    throw new ConfigError('encoding', 'it is not UTF-8 text');
  }
}

export function encodeText(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

/**
 * Reads the file's conventions; `fallbackIndent` applies to files too small to show one. One pass
 * over the lines that allocates nothing per line: the file may be Claude Code's, at 100 MB.
 */
export function detectFormat(text: string, bom: boolean, fallbackIndent: string): TextFormat {
  let crlf = 0;
  let lf = 0;
  let indent: string | null = null;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (newline !== -1) {
      if (end > start && text.charCodeAt(end - 1) === 13) crlf++;
      else lf++;
    }
    // A tab wins outright; otherwise the fewest blanks any indented line starts with.
    const lead: number = indent === '\t' ? start : leadingIndentEnd(text, start, end);
    if (lead > start && (indent === null || text.charCodeAt(start) === 9 || lead - start < indent.length)) {
      indent = text.charCodeAt(start) === 9 ? '\t' : text.slice(start, lead);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return {
    bom,
    eol: crlf > 0 && crlf >= lf ? '\r\n' : '\n',
    indent: indent ?? fallbackIndent,
    finalNewline: text.length === 0 ? true : text.endsWith('\n'),
  };
}

/** Where the blanks a line [start, end) starts with end, when something other than blanks follows; else `start`. */
function leadingIndentEnd(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  return index === end || /\s/.test(text.charAt(index)) ? start : index;
}
