import { describe, expect, it } from 'vitest';
import { LineTail } from '../../../main/engine/line-tail.ts';

describe('LineTail', () => {
  it('hands out whole lines as they complete, across chunks and CRLF', () => {
    const seen: string[] = [];
    const tail = new LineTail(5, (line) => seen.push(line));
    tail.push('[punchcard] serv');
    expect(seen).toEqual([]);
    tail.push('ing on stdio\r\nsecond\nthi');
    expect(seen).toEqual(['[punchcard] serving on stdio', 'second']);
    tail.end();
    expect(seen).toEqual(['[punchcard] serving on stdio', 'second', 'thi']);
  });

  it('keeps only the last lines, skipping blank ones', () => {
    const tail = new LineTail(3);
    tail.push('1\n\n2\n   \n3\n4\n5\n');
    expect(tail.lines()).toEqual(['3', '4', '5']);
  });

  it('cuts endless lines instead of growing', () => {
    const tail = new LineTail(2);
    for (let chunk = 0; chunk < 100; chunk++) tail.push('x'.repeat(1_000));
    tail.end();
    expect(tail.lines()[0]?.length).toBe(4_000);
  });
});
