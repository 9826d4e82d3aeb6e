// Where config.json is, how its text is read and followed, and the words for a file that cannot be
// used: the part of reading settings that needs no zod, so the engine's start can tell "no file"
// (the defaults) from "a file to validate" before loading the schema. The engine never writes the file.
import { closeSync, constants, fstatSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export const SETTINGS_FILE_NAME = 'config.json';

/** The app writes a few kilobytes; anything near this is not a settings file. */
export const SETTINGS_MAX_BYTES = 1024 * 1024;

/** The sentence whoami, the log and the app's window give for a settings file that cannot be used. */
export function settingsProblem(path: string, problem: string): string {
  return `The settings file ${path} cannot be used: ${problem}. Nothing is read from or written to any timesheet until it is fixed; correct the file, or move it away to start over (Punchcard never changes it).`;
}

/** Says on stderr why the file cannot be used, or which of its settings fell back. */
export function reportSettings(path: string, read: { problem: string | null; notes: readonly string[] }, log: (message: string) => void): void {
  if (read.problem !== null) log(settingsProblem(path, read.problem));
  for (const note of read.notes) log(`${path}: ${note}`);
}

/**
 * A small text file as settings and policy files are read (and a company's CA file): its text,
 * `missing` when there is none, or why it cannot be used (a clause starting "it …"). Only a regular
 * file (or a link to one) is read, opened non-blocking, never one larger than SETTINGS_MAX_BYTES, and
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
    if (stat.size > SETTINGS_MAX_BYTES) {
      return `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, more than ${kind} can be (${SETTINGS_MAX_BYTES / 1024 / 1024} MB), so it is not read`;
    }
    // Read to the end rather than trusting the size: the file may grow while being read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > SETTINGS_MAX_BYTES) return `grew past ${SETTINGS_MAX_BYTES / 1024 / 1024} MB while being read, so it is not read`;
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

/**
 * Calls `onChange` after the file changes. It watches the folder, not the file: the app replaces
 * the file atomically (write a temporary file, rename it over), which a watch on the old file's
 * inode would never see. Events come in bursts, so they are coalesced.
 */
export function watchSettingsFile(path: string, onChange: () => void, log: (message: string) => void): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename !== null && filename !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, 30);
    });
  } catch (error) {
    log(`Cannot watch ${path} for changes (${(error as Error).message}); restart the server after editing settings.`);
    return () => {};
  }
  watcher.on('error', (error) => log(`Stopped watching ${path}: ${error.message}`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
