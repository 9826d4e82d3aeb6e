// The CSV export: one row per entry with the columns a spreadsheet wants, quoting that survives
// commas, quotes and line breaks, and no cell a spreadsheet would run as a formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, entriesCsv } from '../../../main/export/entries-csv.ts';
import type { EntryView } from '../../../window-contract/status.ts';

const entry = (fields: Partial<EntryView>): EntryView => ({
  id: 1,
  start: '2026-05-12T09:00:00+02:00',
  end: '2026-05-12T10:30:00+02:00',
  minutes: 90,
  project: 'Website',
  activity: 'Design',
  description: '',
  ...fields,
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

  it("with several trackers, says each row's tracker in a last column", () => {
    const text = entriesCsv([entry({ tracker: 'acme' }), entry({ id: 1, tracker: 'beta', project: 'Side Gig' })]);
    expect(text.slice(1).split('\r\n').slice(0, 3)).toEqual([
      'Date,Start,End,Minutes,Hours,Project,Activity,Note,Locked,Entry ID,Tracker',
      '2026-05-12,09:00,10:30,90,1.50,Website,Design,,,1,acme',
      '2026-05-12,09:00,10:30,90,1.50,Side Gig,Design,,,1,beta',
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
    for (const text of ['=1+1', '+49 30 1234', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd', ' =cmd']) expect(csvCell(text).replace(/^"\s*/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvCell(90)).toBe('90');
    const row = entriesCsv([entry({ project: "=cmd|' /C calc'!A0", description: '@risk' })]).split('\r\n')[1];
    expect(row).toBe("2026-05-12,09:00,10:30,90,1.50,'=cmd|' /C calc'!A0,Design,'@risk,,1");
  });

  it('neutralises a formula after a semicolon, a tab or a line break inside a cell, where other readers begin a cell', () => {
    expect(csvCell('x;=HYPERLINK("http://evil.example")')).toBe(`"x;'=HYPERLINK(""http://evil.example"")"`);
    expect(csvCell('a, +1')).toBe(`"a, '+1"`);
    expect(csvCell('note\n@SUM(A1)')).toBe(`"note\n'@SUM(A1)"`);
    expect(csvCell('x;\t=1')).toBe(`"x;\t'=1"`);
    expect(csvCell('x; "=1')).toBe(`"x; ""'=1"`);
    expect(csvCell('\uFF1D1+1')).toBe(`'\uFF1D1+1`);
    // Nothing changes where no formula follows.
    expect(csvCell('2026-05-12')).toBe('2026-05-12');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Ada - QA')).toBe('Ada - QA');
  });

  it('starts no formula in any cell of any reading, and keeps the text readable (property)', () => {
    const risky = fc.constantFrom(
      ',',
      ';',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '"',
      ' ',
      '\u00A0',
      '\u3000',
      '\uFEFF',
      '\v',
      '\f',
      '\u0085',
      '\u2028',
      '\u2029',
      "'",
      '=',
      '+',
      '-',
      '@',
      '\uFF1D',
      '\uFF0B',
      '\uFF0D',
      '\uFF20',
      '\uFE66',
      'x',
      '1',
    );
    const text = fc.string({
      unit: fc.oneof({ weight: 4, arbitrary: risky }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }),
      maxLength: 24,
    });
    fc.assert(
      fc.property(text, text, text, (project, activity, note) => {
        const csv = entriesCsv([entry({ project, activity, description: note })]);
        for (const [name, cells] of readings(csv)) {
          for (const cell of cells) expect(startsFormula(cell), `${name}: ${JSON.stringify(cell)} in ${JSON.stringify(csv)}`).toBe(false);
        }
        // Read as written (commas, quotes honoured), each cell is the text with apostrophes added, and only before a formula character.
        const row = readRfc(csv, ',', true)[1] ?? [];
        [project, activity, note].forEach((original, index) => {
          const read = row[5 + index] ?? '';
          expect(read.replaceAll("'", '')).toBe(original.replaceAll("'", ''));
          expect(count(read, "'") - count(original, "'")).toBeLessThanOrEqual(count(original, FORMULA_CHARACTER));
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('names the file after the range', () => {
    expect(csvFileName('2026-05-01', '2026-05-31')).toBe('punchcard-2026-05-01-to-2026-05-31.csv');
    expect(csvFileName('2026-05-12', '2026-05-12')).toBe('punchcard-2026-05-12.csv');
  });
});

const FORMULA_CHARACTER = /[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/g;
const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

/** Whether a reader that strips leading white space and quotes would see a formula. */
function startsFormula(cell: string): boolean {
  const stripped = cell.replace(/^[\s"]+/, '');
  return new RegExp(`^${FORMULA_CHARACTER.source}`).test(stripped);
}

function count(text: string, what: string | RegExp): number {
  return typeof what === 'string' ? text.split(what).length - 1 : (text.match(what) ?? []).length;
}

/**
 * Every cell of every way a spreadsheet or a script may read the file: RFC 4180 on commas,
 * semicolons and tabs, with quoted line breaks honoured or not, and naive splits that ignore quotes.
 */
function readings(csv: string): Array<[string, string[]]> {
  const text = csv.replace(/^\uFEFF/, '');
  const found: Array<[string, string[]]> = [];
  for (const separator of [',', ';', '\t']) {
    for (const quotedBreaks of [true, false]) {
      found.push([`RFC 4180 on ${JSON.stringify(separator)}${quotedBreaks ? '' : ', every line break a row'}`, readRfc(text, separator, quotedBreaks).flat()]);
    }
    found.push([`split on ${JSON.stringify(separator)} and line breaks, quotes ignored`, text.split(LINE_BREAK).flatMap((line) => line.split(separator))]);
  }
  found.push(['split on every separator at once', text.split(/\r\n|[,;\t\r\n\v\f\u0085\u2028\u2029]/)]);
  return found;
}

/** An RFC 4180 reader on `separator` (lenient: a quote inside an unquoted cell is text). */
function readRfc(csv: string, separator: string, quotedBreaks: boolean): string[][] {
  const text = csv.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  for (const chunk of quotedBreaks ? [text] : text.split(LINE_BREAK)) {
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    let atStart = true;
    const endCell = () => {
      row.push(cell);
      cell = '';
      atStart = true;
    };
    for (let index = 0; index < chunk.length; index++) {
      const character = chunk[index] as string;
      if (quoted) {
        if (character === '"' && chunk[index + 1] === '"') {
          cell += '"';
          index++;
        } else if (character === '"') quoted = false;
        else cell += character;
      } else if (atStart && character === '"') {
        quoted = true;
        atStart = false;
      } else if (character === separator) {
        endCell();
      } else if (quotedBreaks && (character === '\r' || character === '\n')) {
        if (character === '\r' && chunk[index + 1] === '\n') index++;
        endCell();
        rows.push(row);
        row = [];
      } else {
        cell += character;
        atStart = false;
      }
    }
    endCell();
    rows.push(row);
  }
  return rows;
}
