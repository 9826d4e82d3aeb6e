// Edits of TOML config files (Codex's config.toml) that keep every comment and every byte outside
// our own table. No maintained TOML library edits a document in place, so the edit is textual: find
// the lines of `[mcp_servers.punchcard]` (and its sub-tables), replace or remove just those lines,
// then parse the result with smol-toml and refuse to write unless everything but our entry is
// exactly what it was. Comments inside our own table do not survive a change to it. Pure.
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify, TomlError } from 'smol-toml';
import { ConfigError } from './config-error.ts';
import { isPlainObject, nestUnder, type EntryPatch } from './json-config.ts';
import type { TextFormat } from './text-format.ts';

export interface TomlLocation {
  /** Key path of the server map, e.g. ['mcp_servers']. */
  container: readonly string[];
  name: string;
}

type Table = Record<string, unknown>;

export function readTomlEntry(text: string, location: TomlLocation): unknown {
  return entryOf(parseDocument(text), location);
}

export function setTomlEntry(text: string, location: TomlLocation, patch: EntryPatch, format: TextFormat): string {
  const before = parseDocument(text);
  const existing = entryOf(before, location);
  const wanted = mergePatch(isPlainObject(existing) ? existing : {}, patch);
  if (isDeepStrictEqual(existing, wanted)) return text;
  const lines = splitLines(text);
  const blocks = findBlocks(lines, location);
  if (existing !== undefined && blocks.length === 0) throw inlineDefinition(location);
  const block = renderBlock(location, wanted, format.eol);
  let next: string;
  const first = blocks[0];
  if (first) {
    // Our table is rewritten where its first piece stood; later pieces of it are dropped.
    const drop = linesToDrop(lines, blocks.slice(1));
    for (let index = first.start; index <= first.end; index++) drop.add(index);
    next = lines.map((line, index) => (index === first.start ? block : drop.has(index) ? '' : line)).join('');
  } else {
    next = appendBlock(text, block, format);
  }
  return verified(before, next, location, wanted);
}

export function removeTomlEntry(text: string, location: TomlLocation): string {
  const before = parseDocument(text);
  if (entryOf(before, location) === undefined) return text;
  const lines = splitLines(text);
  const blocks = findBlocks(lines, location);
  if (blocks.length === 0) throw inlineDefinition(location);
  const drop = linesToDrop(lines, blocks);
  const next = lines.filter((_, index) => !drop.has(index)).join('');
  return verified(before, next, location, undefined);
}

/** The blocks' lines plus one blank line that separated each from its neighbours. */
function linesToDrop(lines: readonly string[], blocks: readonly Block[]): Set<number> {
  const drop = new Set<number>();
  for (const { start, end } of blocks) {
    for (let index = start; index <= end; index++) drop.add(index);
    const atEnd = end === lines.length - 1;
    if (start > 0 && isBlank(lines[start - 1]) && (atEnd || isBlank(lines[end + 1]) || isHeader(lines[end + 1]))) {
      drop.add(start - 1);
    } else if (start === 0 && isBlank(lines[end + 1])) {
      drop.add(end + 1);
    }
  }
  return drop;
}

function parseDocument(text: string): Table {
  try {
    return plain(parse(text));
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document:\s*/, '') ?? 'invalid TOML';
      throw new ConfigError('syntax', `line ${error.line}, column ${error.column}: ${reason}`);
    }
    throw error;
  }
}

/** smol-toml builds null-prototype objects; comparisons want ordinary ones. */
function plain(document: unknown): Table {
  return structuredClone(document) as Table;
}

function entryOf(document: Table, location: TomlLocation): unknown {
  let node: unknown = document;
  for (const key of location.container) {
    if (node === undefined) return undefined;
    if (!isPlainObject(node)) throw new ConfigError('shape', `"${location.container.join('.')}" should be a table`);
    node = node[key];
  }
  if (node === undefined) return undefined;
  if (!isPlainObject(node)) throw new ConfigError('shape', `"${location.container.join('.')}" should be a table`);
  return node[location.name];
}

/** Our entry with the patch applied; nested objects merge, `undefined` removes. */
function mergePatch(existing: Table, patch: EntryPatch): Table {
  let out: Table = { ...existing };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      out = without(out, key);
    } else if (isPlainObject(value)) {
      const merged = mergePatch(isPlainObject(out[key]) ? out[key] : {}, value);
      out = Object.keys(merged).length > 0 ? { ...out, [key]: merged } : without(out, key);
    } else {
      out = { ...out, [key]: value };
    }
  }
  return out;
}

function without(table: Table, key: string): Table {
  return Object.fromEntries(Object.entries(table).filter(([name]) => name !== key));
}

/** Lines with their own line endings, so joining them gives back the text exactly. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

interface Block {
  start: number;
  /** Last line that belongs to the table: trailing blank and comment lines belong to what follows. */
  end: number;
}

function findBlocks(lines: readonly string[], location: TomlLocation): Block[] {
  const ours = [...location.container, location.name];
  const blocks: Block[] = [];
  let open: Block | null = null;
  lines.forEach((line, index) => {
    const path = headerPath(line);
    if (path) {
      if (open) blocks.push(trimmed(lines, open));
      const isOurs = path.length >= ours.length && ours.every((key, i) => path[i] === key);
      open = isOurs ? { start: index, end: index } : null;
    } else if (open) {
      open.end = index;
    }
  });
  if (open) blocks.push(trimmed(lines, open));
  return blocks;
}

function trimmed(lines: readonly string[], block: Block): Block {
  let end = block.end;
  while (end > block.start && /^\s*(#[^\n]*)?\s*$/.test(lines[end] ?? '')) end--;
  return { start: block.start, end };
}

function isBlank(line: string | undefined): boolean {
  return line !== undefined && line.trim() === '';
}

function isHeader(line: string | undefined): boolean {
  return line !== undefined && headerPath(line) !== null;
}

/**
 * The key path of a `[table]` or `[[array-of-tables]]` header line, or null for any other line.
 * Both kinds end the table before them, so both must be recognised.
 */
function headerPath(line: string): string[] | null {
  const match = /^\s*(?:\[\[(.*)\]\]|\[(?!\[)(.*)\])\s*(#.*)?\r?\n?$/.exec(line);
  const keys = match?.[1] ?? match?.[2];
  return keys ? splitKeyPath(keys) : null;
}

function splitKeyPath(raw: string): string[] | null {
  const keys: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let index = 0;
  while (index < raw.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(raw);
    if (!match) return null;
    const key = match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : (match[2] ?? match[3] ?? '');
    keys.push(key);
    index = pattern.lastIndex;
    if (match[4] === '') break;
  }
  return keys;
}

function renderBlock(location: TomlLocation, entry: Table, eol: string): string {
  const nested = nestUnder([...location.container, location.name], entry) as Table;
  const text = stringify(nested).replace(/^\s+/, '').replace(/\s*$/, '\n');
  return text.replace(/\r?\n/g, eol);
}

function appendBlock(text: string, block: string, format: TextFormat): string {
  if (text.trim() === '') return block;
  const base = text.endsWith('\n') ? text : text + format.eol;
  return base + format.eol + block;
}

/** Refuses any result that changed something besides our entry, or did not write it as meant. */
function verified(before: Table, text: string, location: TomlLocation, wanted: Table | undefined): string {
  let after: Table;
  try {
    after = plain(parse(text));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]?.replace(/^Invalid TOML document:\s*/, '');
    throw new ConfigError(
      'shape',
      `"${location.container.join('.')}" is written in a form Punchcard cannot extend without rewriting it (${reason}); the file was left as it was`,
    );
  }
  const entryAfter = entryOf(after, location);
  if (!isDeepStrictEqual(entryAfter, wanted) || !isDeepStrictEqual(withoutEntry(after, location), withoutEntry(before, location))) {
    throw new ConfigError(
      'shape',
      `the "${location.container.join('.')}" table is written in a form Punchcard cannot edit safely; the file was left as it was`,
    );
  }
  return text;
}

/** The document with our entry taken out; a server map that only held it counts as absent. */
function withoutEntry(document: Table, location: TomlLocation): Table {
  const strip = (node: Table, path: readonly string[]): Table => {
    const [key, ...rest] = path;
    if (key === undefined) return without(node, location.name);
    const child = node[key];
    if (!isPlainObject(child)) return node;
    const stripped = strip(child, rest);
    return Object.keys(stripped).length === 0 ? without(node, key) : { ...node, [key]: stripped };
  };
  return strip(document, location.container);
}

function inlineDefinition(location: TomlLocation): ConfigError {
  return new ConfigError(
    'shape',
    `"${[...location.container, location.name].join('.')}" is written inline rather than as a [${[...location.container, location.name].join('.')}] table; Punchcard leaves such an entry alone — edit or remove it by hand`,
  );
}
