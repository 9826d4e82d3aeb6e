// Surgical edits of JSON and JSONC config files that other apps own (docs/decisions.md, "Surgical
// edits of other apps' files"). jsonc-parser finds the nodes; the edits themselves are computed
// here, because jsonc-parser's `modify` re-formats the lines around an edit and so rewrites other
// people's entries. Every edit touches only the bytes of our entry (plus one separating comma),
// spelled in the file's own indentation and line endings, so registering and then unregistering
// gives back the original text. Pure.
import { type Node, findNodeAtLocation } from 'jsonc-parser';
import { isDeepStrictEqual } from 'node:util';
import { ConfigError } from './config-error.ts';
import { describeNode, type JsonDialect, parseOutline } from './json-outline.ts';
import type { TextFormat } from './text-format.ts';

export type { JsonDialect } from './json-outline.ts';

/** Where an entry lives: `container` is the key path of the server map, `name` our key in it. */
export interface JsonLocation {
  dialect: JsonDialect;
  container: readonly string[];
  name: string;
}

/**
 * What to write. Plain values replace what is there; a nested object is merged key by key (so the
 * user's own `env` variables survive); `undefined` removes a key we once wrote.
 */
export type EntryPatch = { [key: string]: unknown };

interface Edit {
  offset: number;
  length: number;
  content: string;
}

/** Parses and checks the shape (throws ConfigError); `undefined` = no entry. */
export function readJsonEntry(text: string, location: JsonLocation): unknown {
  const root = parseRoot(text, location);
  if (!root) return undefined;
  const container = findContainer(root, location);
  if (!container) return undefined;
  const property = findOwnProperty(container, location);
  return property?.children?.[1] ? nodeValue(property.children[1]) : undefined;
}

/** Returns the new text with our entry created or patched; the same text when nothing changes. */
export function setJsonEntry(text: string, location: JsonLocation, patch: EntryPatch, format: TextFormat): string {
  let current = text;
  // One edit at a time, each on a fresh parse: offsets never go stale and commas stay right.
  for (let step = 0; step < 64; step++) {
    const edit = nextSetEdit(current, location, patch, format);
    if (!edit) return current;
    current = apply(current, edit);
  }
  throw new Error('The entry did not settle after 64 edits; this is a bug in Punchcard.');
}

/** Returns the new text without our entry; the same text when there was none. */
export function removeJsonEntry(text: string, location: JsonLocation): string {
  const root = parseRoot(text, location);
  if (!root) return text;
  const container = findContainer(root, location);
  if (!container) return text;
  const property = findOwnProperty(container, location);
  if (!property) return text;
  return apply(text, removeProperty(text, container, property));
}

function nextSetEdit(text: string, location: JsonLocation, patch: EntryPatch, format: TextFormat): Edit[] | null {
  const root = parseRoot(text, location);
  const wanted = written(patch);
  if (!root) return [appendRoot(text, nestUnder([...location.container, location.name], wanted), format)];
  let parent = root;
  for (const [index, key] of location.container.entries()) {
    const property = findProperty(parent, key);
    if (!property) return insertProperty(text, parent, key, nestUnder([...location.container.slice(index + 1), location.name], wanted), format);
    const value = property.children?.[1];
    if (value?.type !== 'object') {
      throw new ConfigError('shape', `"${location.container.slice(0, index + 1).join('.')}" should be an object but is ${describeNode(value)}`);
    }
    parent = value;
  }
  const entry = findOwnProperty(parent, location);
  if (!entry) return insertProperty(text, parent, location.name, wanted, format);
  const entryValue = entry.children?.[1];
  if (entryValue?.type !== 'object') return [replaceValue(text, entry, wanted, format)];
  return patchObject(text, entryValue, patch, format);
}

/** The first edit that moves `object` towards `patch`, or null when it already matches. */
function patchObject(text: string, object: Node, patch: EntryPatch, format: TextFormat): Edit[] | null {
  for (const [key, wanted] of Object.entries(patch)) {
    const property = findProperty(object, key);
    if (wanted === undefined) {
      if (property) return removeProperty(text, object, property);
      continue;
    }
    if (isPlainObject(wanted)) {
      const value = property?.children?.[1];
      if (property && value?.type === 'object') {
        // A map that holds nothing but keys we are taking out goes as a whole, so no `"env": {}`
        // is left behind; a map with anything of the user's in it is merged key by key.
        const members = value.children ?? [];
        const onlyOurs =
          members.length > 0 &&
          members.every((member) => {
            const name = member.children?.[0]?.value as string;
            return name in wanted && wanted[name] === undefined;
          });
        if (onlyOurs) return removeProperty(text, object, property);
        const nested = patchObject(text, value, wanted, format);
        if (nested) return nested;
        continue;
      }
      const pruned = written(wanted);
      if (Object.keys(pruned).length === 0) continue;
      if (property) return [replaceValue(text, property, pruned, format)];
      return insertProperty(text, object, key, pruned, format);
    }
    if (!property) return insertProperty(text, object, key, wanted, format);
    const value = property.children?.[1];
    if (!value || !isDeepStrictEqual(nodeValue(value), wanted)) return [replaceValue(text, property, wanted, format)];
  }
  return null;
}

/**
 * jsonc-parser's getNodeValue, except that every key becomes an own property: assigning a
 * "__proto__" key would set the object's prototype instead of storing the value.
 */
function nodeValue(node: Node): unknown {
  if (node.type === 'object') {
    const value: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [key, child] = property.children ?? [];
      if (key && child) Object.defineProperty(value, String(key.value), { value: nodeValue(child), enumerable: true, writable: true, configurable: true });
    }
    return value;
  }
  if (node.type === 'array') return (node.children ?? []).map(nodeValue);
  return node.value;
}

/** The file's outline: the objects on the way to our entry, their members, and the entry in full. */
function parseRoot(text: string, location: JsonLocation): Node | undefined {
  return parseOutline(text, location.dialect, [...location.container, location.name]);
}

function findContainer(root: Node, location: JsonLocation): Node | undefined {
  const node = location.container.length === 0 ? root : findNodeAtLocation(root, [...location.container]);
  if (!node) return undefined;
  if (node.type !== 'object') throw new ConfigError('shape', `"${location.container.join('.')}" should be an object but is ${describeNode(node)}`);
  return node;
}

function findOwnProperty(container: Node, location: JsonLocation): Node | undefined {
  const matches = (container.children ?? []).filter((property) => property.children?.[0]?.value === location.name);
  if (matches.length > 1) {
    throw new ConfigError('shape', `"${location.name}" appears ${matches.length} times in "${location.container.join('.')}"; remove the extra ones by hand`);
  }
  return matches[0];
}

function findProperty(object: Node, key: string): Node | undefined {
  return (object.children ?? []).find((property) => property.children?.[0]?.value === key);
}

// ---- edits -------------------------------------------------------------------------------

function insertProperty(text: string, object: Node, key: string, value: unknown, format: TextFormat): Edit[] {
  const members = object.children ?? [];
  const last = members.at(-1);
  if (!last) {
    // `{}` or `{ }` becomes a block one level deeper than the line the object opens on.
    const outer = lineIndent(text, object.offset);
    const inner = outer + format.indent;
    const body = `${format.eol}${inner}${JSON.stringify(key)}: ${serialize(value, inner, format)}${format.eol}${outer}`;
    return [{ offset: object.offset + 1, length: object.length - 2, content: body }];
  }
  const end = last.offset + last.length;
  if (!text.slice(object.offset, last.offset).includes('\n')) {
    // A one-line object gets a one-line member, spaced the way its neighbours are.
    const spaced = /":\s/.test(text.slice(object.offset, end));
    const member = spaced
      ? `, ${JSON.stringify(key)}: ${JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ')}`
      : `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    return [{ offset: end, length: 0, content: member }];
  }
  // Our member goes on its own line after the last one, below any comment that ends that line.
  const indent = lineIndent(text, last.offset);
  const member = `${format.eol}${indent}${JSON.stringify(key)}: ${serialize(value, indent, format)}`;
  const next = skipTrivia(text, end);
  if (text.charAt(next) === ',') {
    // A trailing comma (JSONC): ours gets one too, so taking it out again restores the file.
    return [{ offset: lineEnd(text, next + 1), length: 0, content: `${member},` }];
  }
  const afterComment = lineEnd(text, end);
  if (afterComment === end) return [{ offset: end, length: 0, content: `,${member}` }];
  return [
    { offset: end, length: 0, content: ',' },
    { offset: afterComment, length: 0, content: member },
  ];
}

/** Where the line holding `from` ends, when only blanks or a comment follow; else `from` itself. */
function lineEnd(text: string, from: number): number {
  const rest = /^[ \t]*(\/\/[^\r\n]*|\/\*.*?\*\/)?[ \t]*(?=\r?\n|$)/.exec(text.slice(from));
  return rest ? from + rest[0].length : from;
}

function replaceValue(text: string, property: Node, value: unknown, format: TextFormat): Edit {
  const node = property.children?.[1];
  if (!node) throw new Error('A property without a value; jsonc-parser reported no error.');
  const original = text.slice(node.offset, node.offset + node.length);
  const content = original.includes('\n') || isPlainObject(value) ? serialize(value, lineIndent(text, property.offset), format) : JSON.stringify(value);
  return { offset: node.offset, length: node.length, content };
}

function removeProperty(text: string, object: Node, property: Node): Edit[] {
  const members = object.children ?? [];
  const index = members.indexOf(property);
  const end = property.offset + property.length;
  if (members.length === 1) {
    // Keep the object's own whitespace when ours was its only member: `{ }` stays `{ }`.
    // With nothing but blanks around us the object closes up to `{}`; a comment before us keeps
    // the line break after it, or it would swallow the closing brace.
    const start = skipBlanksBack(text, property.offset, object.offset + 1);
    const after = skipTrivia(text, end);
    const through = text.charAt(after) === ',' ? after + 1 : end;
    const stop = start === object.offset + 1 ? trailingBlanks(text, through) : through;
    return [{ offset: start, length: stop - start, content: '' }];
  }
  const previous = members[index - 1];
  const after = skipTrivia(text, end);
  if (previous && text.charAt(after) === ',') {
    // Ours has its own comma (a middle member, or a JSONC trailing comma): take our line with it.
    const start = skipBlanksBack(text, property.offset, previous.offset + previous.length);
    return [{ offset: start, length: after + 1 - start, content: '' }];
  }
  if (previous) {
    // Ours is last: take the comma after the previous member and the blank run before us.
    // Comments in between stay where they are.
    const comma = skipTrivia(text, previous.offset + previous.length);
    const start = skipBlanksBack(text, property.offset, comma + 1);
    if (start === comma + 1) return [{ offset: comma, length: end - comma, content: '' }];
    return [
      { offset: start, length: end - start, content: '' },
      { offset: comma, length: 1, content: '' },
    ];
  }
  // Ours is first: take our text, our comma and the blank run up to the next member or comment.
  const comma = skipTrivia(text, end);
  let stop = comma + 1;
  while (stop < text.length && /\s/.test(text.charAt(stop))) stop++;
  return [{ offset: property.offset, length: stop - property.offset, content: '' }];
}

/** Steps back from `offset` over whitespace, never before `floor`. */
function skipBlanksBack(text: string, offset: number, floor: number): number {
  let index = offset;
  while (index > floor && /\s/.test(text.charAt(index - 1))) index--;
  return index;
}

function trailingBlanks(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text.charAt(index))) index++;
  return index;
}

function appendRoot(text: string, value: unknown, format: TextFormat): Edit {
  // Empty (or comment-only) file: the object goes after whatever is there.
  const body = serialize(value, '', format) + (format.finalNewline ? format.eol : '');
  if (text.trim() === '') return { offset: 0, length: text.length, content: body };
  const separator = text.endsWith('\n') ? '' : format.eol;
  return { offset: text.length, length: 0, content: separator + body };
}

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
function apply(text: string, edits: readonly Edit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((current, edit) => current.slice(0, edit.offset) + edit.content + current.slice(edit.offset + edit.length), text);
}

/** JSON text of `value`, nested lines indented under `indent` with the file's unit and line ending. */
function serialize(value: unknown, indent: string, format: TextFormat): string {
  return JSON.stringify(value, null, format.indent)
    .split('\n')
    .join(format.eol + indent);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Index of the first character at or after `from` that is not whitespace or a comment. */
function skipTrivia(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index++;
    } else if (text.startsWith('//', index)) {
      const newline = text.indexOf('\n', index);
      index = newline === -1 ? text.length : newline + 1;
    } else if (text.startsWith('/*', index)) {
      const close = text.indexOf('*/', index + 2);
      index = close === -1 ? text.length : close + 2;
    } else {
      return index;
    }
  }
  return index;
}

/** `value` under the key path `path`: nestUnder(['a', 'b'], 1) is { a: { b: 1 } }. */
export function nestUnder(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** The entry as it is written into a file: removals dropped, and maps left empty by them too. */
export function written(patch: EntryPatch): EntryPatch {
  const out: EntryPatch = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (isPlainObject(value)) {
      const nested = written(value);
      if (Object.keys(nested).length > 0) out[key] = nested;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
