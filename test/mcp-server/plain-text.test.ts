import { describe, expect, it } from 'vitest';
import { withoutControls, withoutControlsDeep } from '../../mcp-server/plain-text.ts';

describe('text without terminal controls', () => {
  it('drops C0 controls but tab and newline, DEL and C1 controls; keeps every other character', () => {
    const all = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join('');
    expect(withoutControls(all)).toBe(`\t\n${Array.from({ length: 0x5f }, (_, index) => String.fromCharCode(0x20 + index)).join('')}`);
    expect(withoutControls('Zoë · 東京 — ok 🎉')).toBe('Zoë · 東京 — ok 🎉');
    expect(withoutControls('a\r\nb')).toBe('a\nb');
  });

  it('cleans every string of a structured result and keeps its shape', () => {
    expect(withoutControlsDeep({ a: 'x\u001b[31m', b: [1, 'y\u0007', null, { c: '\u009bz' }], d: true })).toEqual({ a: 'x[31m', b: [1, 'y', null, { c: 'z' }], d: true });
  });
});
