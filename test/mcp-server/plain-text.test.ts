import { describe, expect, it } from 'vitest';
import { withoutControls, withoutHiddenCharacters } from '../../mcp-server/plain-text.ts';

describe('text without terminal controls', () => {
  it('drops C0 controls but tab and newline, DEL and C1 controls; keeps every other character', () => {
    const all = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join('');
    expect(withoutControls(all)).toBe(`\t\n${Array.from({ length: 0x5f }, (_, index) => String.fromCharCode(0x20 + index)).join('')}`);
    expect(withoutControls('Zoë · 東京 — ok 🎉')).toBe('Zoë · 東京 — ok 🎉');
    expect(withoutControls('a\r\nb')).toBe('a\nb');
  });

  it('keeps bidi and zero-width characters, which are part of a person’s own writing', () => {
    expect(withoutControls('\u05E9\u05DC\u05D5\u05DD\u200F (Hebrew) · \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645')).toBe(
      '\u05E9\u05DC\u05D5\u05DD\u200F (Hebrew) · \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645',
    );
  });
});

describe('text from outside without hidden characters', () => {
  it('drops the bidi controls, the zero-width characters, the tag characters and the controls; keeps every visible character', () => {
    const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    const zeroWidth = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
    const tags = [0xe0001, ...Array.from({ length: 0x60 }, (_, index) => 0xe0020 + index)].map((code) => String.fromCodePoint(code));
    for (const hidden of [...bidi, ...zeroWidth, ...tags, '\u001b', '\u0085']) expect(withoutHiddenCharacters(`a${hidden}b`), hidden).toBe('ab');
    expect(withoutHiddenCharacters('Zoë · 東京 — ok 🎉\t«quoted» "x" \\ |')).toBe('Zoë · 東京 — ok 🎉\t«quoted» "x" \\ |');
  });
});
