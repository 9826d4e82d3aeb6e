import { describe, expect, it } from 'vitest';
import { withoutControls } from '../../mcp-server/plain-text.ts';

describe('text without terminal controls', () => {
  it('drops C0 controls but tab and newline, DEL and C1 controls; keeps every other character', () => {
    const all = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join('');
    expect(withoutControls(all)).toBe(`\t\n${Array.from({ length: 0x5f }, (_, index) => String.fromCharCode(0x20 + index)).join('')}`);
    expect(withoutControls('Zoë · 東京 — ok 🎉')).toBe('Zoë · 東京 — ok 🎉');
    expect(withoutControls('a\r\nb')).toBe('a\nb');
  });
});
