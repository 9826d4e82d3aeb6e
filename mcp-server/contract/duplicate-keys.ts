// A key written twice in one JSON object. JSON.parse keeps the last, a tree parser's lookup the
// first, and a person reading the file either one: in a policy `"readOnly": true, "readOnly": false`
// would quietly lift what the first line forbids, and in a client's config an entry Punchcard wrote
// would be ignored while it reported success. Files Punchcard reads or edits refuse it, with where.
import type { Node } from 'jsonc-parser';

export interface DuplicateKey {
  key: string;
  /** Where the second occurrence starts (1-based). */
  line: number;
  column: number;
}

/** The first key that appears twice in one object of the tree, or undefined. */
export function findDuplicateKey(text: string, root: Node): DuplicateKey | undefined {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'array') pending.push(...[...(node.children ?? [])].reverse());
    if (node.type !== 'object') continue;
    const seen = new Set<string>();
    const values: Node[] = [];
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && typeof key.value === 'string') {
        if (seen.has(key.value)) return { key: key.value, ...lineAndColumn(text, key.offset) };
        seen.add(key.value);
      }
      if (value) values.push(value);
    }
    pending.push(...values.reverse());
  }
  return undefined;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
