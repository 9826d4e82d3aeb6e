// A small text file read whole, safely: a regular file only (a FIFO or a device is looked at, never waited on),
// at most a megabyte, and valid UTF-8 only, each refusal in a clause a sentence can hold. The settings file,
// the policy file and a company's CA file are read so (settings/settings-source.ts, policy/policy.ts,
// providers/remote/json-http.ts): it sits below all of them.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The app writes a few kilobytes of settings; anything near this is not a file Punchcard reads. */
export const SMALL_FILE_MAX_BYTES = 1024 * 1024;

/**
 * A small text file as settings and policy files are read (and a company's CA file): its text,
 * `missing` when there is none, or why it cannot be used (a clause starting "it …"). Only a regular
 * file (or a link to one) is read, opened non-blocking, never one larger than SMALL_FILE_MAX_BYTES, and
 * only text that is valid UTF-8, so a FIFO or a device cannot stall the engine and a mangled byte
 * cannot turn a name into "J\uFFFD(\uFFFDrg" unnoticed. `kind` names the file in the sentence about
 * its size.
 */
export function readSmallTextFile(path: string, kind = 'a settings file'): { text: string } | { missing: true } | { problem: string } {
  let read: Buffer | string;
  try {
    read = readRegularFile(path, kind);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: `it cannot be read (${(error as Error).message})` };
  }
  if (typeof read === 'string') return { problem: `it ${read}` };
  const text = decodeUtf8(read);
  return text === null ? { problem: `it is not valid UTF-8: ${whereNotUtf8(read)}; save it as UTF-8` } : { text };
}

/** The whole file, or why it is not read. Opened non-blocking, so a FIFO is looked at, not waited on. */
function readRegularFile(path: string, kind: string): Buffer | string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'is not a regular file (a pipe, device or folder), so it is not read';
    if (stat.size > SMALL_FILE_MAX_BYTES) {
      return `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, more than ${kind} can be (${SMALL_FILE_MAX_BYTES / 1024 / 1024} MB), so it is not read`;
    }
    // Read to the end rather than trusting the size: the file may grow while being read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > SMALL_FILE_MAX_BYTES) return `grew past ${SMALL_FILE_MAX_BYTES / 1024 / 1024} MB while being read, so it is not read`;
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Names the setting that holds the first invalid byte ("the setting user.name … (line 3)"), so the
 * person knows what to retype; the key path is read off the JSON around it.
 */
function whereNotUtf8(bytes: Buffer): string {
  const offset = firstInvalidUtf8(bytes);
  const before = bytes.subarray(0, offset).toString('latin1');
  const line = before.split('\n').length;
  const path = jsonPathAt(before);
  return `${path ? `the setting ${path}` : 'the file'} holds bytes that are not UTF-8 text (line ${line})`;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1] as number;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * The dotted key path of the JSON value being written at the end of `prefix` ("user.name"), read
 * with a small scanner that follows strings, objects and arrays; '' when there is none.
 */
export function jsonPathAt(prefix: string): string {
  const stack: Array<{ key: string | number | null; array: boolean }> = [];
  let lastString = '';
  let expectingKey = false;
  for (let i = 0; i < prefix.length; i++) {
    const char = prefix[i];
    if (char === '"') {
      let end = i + 1;
      while (end < prefix.length && prefix[end] !== '"') end += prefix[end] === '\\' ? 2 : 1;
      lastString = prefix.slice(i + 1, end);
      i = end;
    } else if (char === '{' || char === '[') {
      stack.push({ key: null, array: char === '[' });
      if (char === '[') (stack.at(-1) as { key: number | null }).key = 0;
      expectingKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ':' && expectingKey) {
      (stack.at(-1) as { key: string | null }).key = lastString;
      expectingKey = false;
    } else if (char === ',') {
      const top = stack.at(-1);
      if (top?.array) top.key = (top.key as number) + 1;
      else expectingKey = true;
    }
  }
  // An unfinished key (the bad byte sits in a key) names the object that holds it.
  if (expectingKey && stack.length > 0) (stack.at(-1) as { key: string | null }).key = null;
  return stack
    .map((level) => level.key)
    .filter((key) => key !== null)
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}
