// One pass over a JSON or JSONC config file that checks all of it and keeps only what an edit needs.
// A full parse tree of Claude Code's ~/.claude.json, which heavy users have at 100 MB, costs
// gigabytes; the edits only ever look at the objects on the way to our entry, their members, and the
// entry itself. So the whole text is scanned (every syntax error and every key written twice in any
// object is found, as before), but nodes are made only for those: the values on the path with their
// children, the entry in full, and each member of a kept object as an opaque node (type, offset and
// length, no contents). The nodes have jsonc-parser's shape, so its findNodeAtLocation works on them.
import { type Node, type ParseError, printParseErrorCode, visit } from 'jsonc-parser';
import { lineAndColumn } from '../contract/duplicate-keys.ts';
import { ConfigError } from './config-error.ts';

export type JsonDialect = 'json' | 'json-comments' | 'jsonc';

/** jsonc-parser's Node while it is being built. */
type Built = { -readonly [Key in keyof Node]: Node[Key] };

interface Frame {
  /** The node of this value, when it is kept or is a member of a kept value. */
  node: Built | undefined;
  /** Kept: its members get nodes too. */
  expanded: boolean;
  /** The value's key path matches the wanted path so far. */
  onPath: boolean;
  /** Inside the wanted value itself: kept in full. */
  inWanted: boolean;
  depth: number;
  /** Keys of this object seen so far (every object is checked for a key written twice); none in an array. */
  keys?: Set<string>;
  /** The key whose value comes next. */
  key?: string;
  /** The property whose value comes next, in an expanded object. */
  property?: Built;
}

/**
 * The root of `text` with the values on `path` (and everything inside the value at its end) in
 * full; undefined for an empty file. Throws ConfigError for a syntax error, a key written twice in
 * any object, or a root that is not an object.
 */
export function parseOutline(text: string, dialect: JsonDialect, path: readonly string[]): Node | undefined {
  const stack: Frame[] = [];
  let root: Built | undefined;
  let error: ParseError | undefined;
  let duplicate: { key: string; offset: number } | undefined;

  /** A value starts: whether it is kept (in full, or as an opaque member of a kept value) and where it goes. */
  const begin = (type: Node['type'], offset: number, length: number, value?: unknown): Frame => {
    const parent = stack.at(-1);
    const depth = parent ? parent.depth + 1 : 0;
    const key = parent?.keys ? parent.key : undefined;
    const onPath = parent === undefined || (parent.onPath && depth <= path.length && key === path[depth - 1]);
    const inWanted = (parent?.inWanted ?? false) || (onPath && depth === path.length);
    const expanded = onPath || inWanted;
    let node: Built | undefined;
    if (expanded || parent?.expanded) {
      node = { type, offset, length };
      if (expanded && (type === 'object' || type === 'array')) node.children = [];
      if (expanded && value !== undefined) node.value = value;
      if (parent) {
        const holder = parent.property ?? (parent.node as Built);
        node.parent = holder;
        holder.children?.push(node);
      }
    }
    if (!parent) root = node;
    return { node, expanded, onPath, inWanted, depth };
  };

  /** A value ends at `end`: its node, and the property it is the value of, span to there. */
  const end = (frame: Frame, end: number) => {
    if (frame.node) frame.node.length = end - frame.node.offset;
    const parent = stack.at(-1);
    if (parent?.property) {
      parent.property.length = end - parent.property.offset;
      parent.property = undefined;
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset, length) => {
        stack.push({ ...begin('object', offset, length), keys: new Set() });
      },
      onObjectProperty: (name, offset, length) => {
        const frame = stack.at(-1) as Frame;
        if (frame.keys?.has(name)) duplicate ??= { key: name, offset };
        frame.keys?.add(name);
        frame.key = name;
        if (!frame.expanded || !frame.node) return;
        const property: Built = { type: 'property', offset, length: 0, parent: frame.node, children: [] };
        property.children?.push({ type: 'string', value: name, offset, length, parent: property });
        frame.node.children?.push(property);
        frame.property = property;
      },
      onObjectEnd: (offset, length) => end(stack.pop() as Frame, offset + length),
      onArrayBegin: (offset, length) => {
        stack.push(begin('array', offset, length));
      },
      onArrayEnd: (offset, length) => end(stack.pop() as Frame, offset + length),
      onLiteralValue: (value: unknown, offset, length) => {
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        end(begin(type, offset, length, value), offset + length);
      },
      onError: (code, offset, length) => {
        error ??= { error: code, offset, length };
      },
    },
    { disallowComments: dialect === 'json', allowTrailingComma: dialect === 'jsonc', allowEmptyContent: true },
  );

  if (error) {
    const { reason, offset } = explainParseError(text, error, dialect);
    const { line, column } = lineAndColumn(text, offset);
    throw new ConfigError('syntax', `line ${line}, column ${column}: ${reason}`);
  }
  if (root && root.type !== 'object') throw new ConfigError('shape', `the file should hold a JSON object but holds ${describeNode(root)}`);
  // A key twice in one object: a client (JSON.parse) would read the last, where Punchcard's edit went
  // to the first, so the entry would be ignored while Punchcard reported success.
  if (duplicate) {
    const { line, column } = lineAndColumn(text, duplicate.offset);
    throw new ConfigError(
      'syntax',
      `line ${line}, column ${column}: the key "${duplicate.key}" appears twice in one object, and a client would read only the last`,
    );
  }
  return root;
}

export function describeNode(node: Node | undefined): string {
  if (!node) return 'missing';
  return node.type === 'array' ? 'an array' : node.type === 'null' ? 'null' : `a ${node.type}`;
}

/** A reason in words, and where to point: at the culprit rather than where the parser noticed. */
function explainParseError(text: string, error: ParseError, dialect: JsonDialect): { reason: string; offset: number } {
  const code = printParseErrorCode(error.error);
  // Only the text near the error is looked at: the file may be a hundred megabytes.
  const from = Math.max(0, error.offset - 4096);
  const before = text.slice(from, error.offset).replace(/\s+$/, '');
  if (
    (code === 'PropertyNameExpected' || code === 'ValueExpected') &&
    before.endsWith(',') &&
    /^\s*[}\]]/.test(text.slice(error.offset, error.offset + 4096))
  ) {
    return { reason: 'a trailing comma before a closing bracket, which this client does not accept', offset: from + before.length - 1 };
  }
  const reasons: Record<string, string> = {
    InvalidSymbol: 'an unexpected character',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a property name in double quotes is expected',
    ValueExpected: 'a value is expected',
    ColonExpected: 'a colon is missing',
    CommaExpected: 'a comma is missing',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    EndOfFileExpected: 'there is text after the end of the JSON object',
    InvalidCommentToken: dialect === 'json' ? 'a comment, which this client does not accept' : 'a malformed comment',
    UnexpectedEndOfComment: 'a comment that is never closed',
    UnexpectedEndOfString: 'a string that is never closed',
    UnexpectedEndOfNumber: 'a number that ends too early',
    InvalidUnicode: 'a malformed \\u escape',
    InvalidEscapeCharacter: 'an invalid escape in a string',
    InvalidCharacter: 'a control character inside a string',
  };
  return { reason: reasons[code] ?? code, offset: error.offset };
}
