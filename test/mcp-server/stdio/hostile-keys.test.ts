import { describe, expect, it } from 'vitest';
import { hostileKeyPath } from '../../../mcp-server/stdio/hostile-keys.ts';

const find = (line: string) => hostileKeyPath(line, JSON.parse(line));

describe('finding a "__proto__" key in a message', () => {
  it('names where it sits, also in arrays, and when written with escapes', () => {
    expect(find('{"params":{"arguments":{"__proto__":{}}}}')).toBe('params.arguments.__proto__');
    expect(find('{"params":{"list":[1,{"a":{"__proto__":1}}]}}')).toBe('params.list[1].a.__proto__');
    expect(find('{"params":{"\\u005f_proto__":1}}')).toBe('params.__proto__');
  });

  it('finds nothing in an ordinary message, and skips the walk for lines that cannot hold one', () => {
    expect(find('{"params":{"arguments":{"project":"__proto"}}}')).toBeUndefined();
    expect(hostileKeyPath('{"a":1}', { a: 1, __proto__x: 1 })).toBeUndefined();
  });

  it('walks a message nested a hundred thousand levels deep without overflowing the stack', () => {
    const depth = 100_000;
    const line = `${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`;
    expect(find(line)).toBe(`${'[0]'.repeat(depth)}.__proto__`);
  });
});
