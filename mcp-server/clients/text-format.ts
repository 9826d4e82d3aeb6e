// How a config file is spelled, apart from what it says: byte-order mark, line endings, indentation
// and the final newline. Edits read these from the file and write them back the same way, so a
// registration changes our entry and nothing else (DESIGN.md §7). Pure.
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

/** Reads the file's conventions; `fallbackIndent` applies to files too small to show one. */
export function detectFormat(text: string, bom: boolean, fallbackIndent: string): TextFormat {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return {
    bom,
    eol: crlf > 0 && crlf >= lf ? '\r\n' : '\n',
    indent: detectIndent(text) ?? fallbackIndent,
    finalNewline: text.length === 0 ? true : text.endsWith('\n'),
  };
}

/** The smallest leading whitespace of an indented line, tab or spaces. */
function detectIndent(text: string): string | null {
  let smallest: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([ \t]+)\S/.exec(line);
    if (!match?.[1]) continue;
    const lead = match[1];
    if (lead.startsWith('\t')) return '\t';
    if (smallest === null || lead.length < smallest.length) smallest = lead;
  }
  return smallest;
}

