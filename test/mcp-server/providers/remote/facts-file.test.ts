// The facts files of the remote back ends (remote/facts-file.ts): a field to a line, so that a list
// (Calamari's projects) is one line, not a line per value, while a file of plain values reads as the
// indented JSON it always was; and a shelf's copy read again where asked (FactsShelf.reload).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { factsFile, type FactsShelf, pick } from '../../../../mcp-server/providers/remote/facts-file.ts';

let dir: string;
const logged: string[] = [];
const log = (message: string) => logged.push(message);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-facts-file-'));
  logged.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kimai = factsFile('kimai-facts.json', (entry) => ({
  zone: pick.text(entry.zone),
  absences: pick.boolean(entry.absences),
  userId: pick.integer(entry.userId),
}));
const lists = factsFile('lists.json', (entry) => ({
  ids: Array.isArray(entry.ids) ? (entry.ids as unknown[]).filter((id) => typeof id === 'number') : undefined,
}));

describe('a facts file', () => {
  it('of plain values reads as it did: the same text as indented JSON', () => {
    kimai.write(dir, 'kimai:https://kimai.example.com', { zone: 'Europe/Berlin', absences: true, userId: 7 }, log);
    // A picker that leaves a field undefined: left out, as JSON.stringify leaves it out.
    kimai.write(dir, 'kimai:https://other.example.com', { zone: 'Europe/Vienna', absences: undefined, userId: undefined }, log);
    const expected = {
      'kimai:https://kimai.example.com': { zone: 'Europe/Berlin', absences: true, userId: 7 },
      'kimai:https://other.example.com': { zone: 'Europe/Vienna' },
    };
    expect(readFileSync(join(dir, 'kimai-facts.json'), 'utf8')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(logged).toEqual([]);
  });

  it('keeps a list on one line, and reads it back', () => {
    const ids = Array.from({ length: 100 }, (_, index) => index);
    lists.write(dir, 'account', { ids }, log);
    expect(readFileSync(join(dir, 'lists.json'), 'utf8')).toBe(`{\n  "account": {\n    "ids": ${JSON.stringify(ids)}\n  }\n}\n`);
    expect(lists.read(dir, 'account')).toEqual({ ids });
  });

  it('on a shelf is read again where the latest is asked for, and as the shelf holds it otherwise', async () => {
    const elsewhere = new Map<string, string>();
    const files = new Map<string, string>();
    const shelf: FactsShelf = {
      read: (name) => files.get(name),
      write: (name, text) => {
        files.set(name, text);
      },
      reload: async (name) => {
        const text = elsewhere.get(name);
        if (text !== undefined) files.set(name, text);
      },
    };
    elsewhere.set('kimai-facts.json', JSON.stringify({ account: { zone: 'Europe/Berlin' } }));
    expect(kimai.read(shelf, 'account')).toBeUndefined();
    expect(await kimai.readLatest(shelf, 'account')).toEqual({ zone: 'Europe/Berlin' });
    expect(await kimai.readLatest({ read: () => undefined, write: () => {} }, 'account')).toBeUndefined();
    kimai.write(dir, 'account', { zone: 'Europe/Vienna', absences: undefined, userId: undefined }, log);
    expect(await kimai.readLatest(dir, 'account')).toEqual({ zone: 'Europe/Vienna' });
  });
});
