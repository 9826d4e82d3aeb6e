// The CSV export: one row per entry with the columns a spreadsheet wants, quoting that survives
// commas, quotes and line breaks, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, entriesCsv } from '../../../main/export/entries-csv.ts';
import type { EntryView } from '../../../main/ipc/contract.ts';

const entry = (fields: Partial<EntryView>): EntryView => ({
  id: 1, start: '2026-05-12T09:00:00+02:00', end: '2026-05-12T10:30:00+02:00', minutes: 90, project: 'Website', activity: 'Design', description: '', ...fields,
});

describe('entries as CSV', () => {
  it('writes a header and one row per entry: wall-clock times, minutes and decimal hours, a BOM and CRLF', () => {
    const text = entriesCsv([
      entry({}),
      entry({ id: 2, start: '2026-05-12T22:00:00+02:00', end: '2026-05-13T01:15:00+02:00', minutes: 195, activity: null, description: 'Release night' }),
      entry({ id: 3, start: '2026-05-13T08:00:00+02:00', end: null, minutes: 20, project: null, activity: null, locked: 'exported' }),
    ]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'Date,Start,End,Minutes,Hours,Project,Activity,Note,Locked,Entry ID',
      '2026-05-12,09:00,10:30,90,1.50,Website,Design,,,1',
      '2026-05-12,22:00,2026-05-13 01:15,195,3.25,Website,,Release night,,2',
      '2026-05-13,08:00,,20,0.33,,,,yes,3',
      '',
    ]);
  });

  it('quotes commas, quotes, line breaks and edge spaces the RFC 4180 way', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises cells that start like a formula, and leaves the numbers alone', () => {
    for (const text of ['=1+1', '+49 30 1234', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd']) expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvCell(90)).toBe('90');
    const row = entriesCsv([entry({ project: '=cmd|\' /C calc\'!A0', description: '@risk' })]).split('\r\n')[1];
    expect(row).toBe("2026-05-12,09:00,10:30,90,1.50,'=cmd|' /C calc'!A0,Design,'@risk,,1");
  });

  it('names the file after the range', () => {
    expect(csvFileName('2026-05-01', '2026-05-31')).toBe('punchcard-2026-05-01-to-2026-05-31.csv');
    expect(csvFileName('2026-05-12', '2026-05-12')).toBe('punchcard-2026-05-12.csv');
  });
});
