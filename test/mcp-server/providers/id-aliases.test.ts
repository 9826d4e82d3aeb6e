// Numbers for a back end's string ids: the same number for the same id in every process that shares
// the data folder, never one number for two ids, per kind, and kept across restarts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdAliases } from '../../../mcp-server/providers/id-aliases.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function file(): string {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-ids-'));
  folders.push(folder);
  return join(folder, 'clockify-ids.db');
}

describe('IdAliases', () => {
  it('numbers ids of a kind from 1 on first sight, in order, and finds them back', async () => {
    const aliases = new IdAliases(file(), () => {});
    expect(await aliases.numbers('entry', ['a', 'b', 'a'])).toEqual([1, 2, 1]);
    expect(await aliases.numbers('project', ['a'])).toEqual([1]);
    expect(await aliases.remote('entry', 2)).toBe('b');
    expect(await aliases.remote('entry', 3)).toBeUndefined();
    aliases.close();
  });

  it('gives two connections to one file (two processes) the same numbers, never one number twice', async () => {
    const path = file();
    const first = new IdAliases(path, () => {});
    const second = new IdAliases(path, () => {});
    const [one, two] = await Promise.all([first.numbers('entry', ['x', 'y']), second.numbers('entry', ['y', 'z'])]);
    const all = new Map<string, number>();
    ['x', 'y'].forEach((id, index) => all.set(id, one[index] as number));
    for (const [id, number] of [
      ['y', two[0]],
      ['z', two[1]],
    ] as const) {
      if (all.has(id)) expect(all.get(id)).toBe(number);
      all.set(id, number as number);
    }
    expect(new Set(all.values()).size).toBe(3);
    expect(await second.remote('entry', all.get('x') as number)).toBe('x');
    first.close();
    second.close();
  });

  it('keeps the numbers for the next start', async () => {
    const path = file();
    const before = new IdAliases(path, () => {});
    await before.numbers('timeOff', ['r1', 'r2']);
    before.close();
    const after = new IdAliases(path, () => {});
    expect(await after.numbers('timeOff', ['r2', 'r3'])).toEqual([2, 3]);
    after.close();
  });

  it('numbers for this process alone, and says so, where the folder cannot be written', async () => {
    const logs: string[] = [];
    // A folder that cannot be made (a file is in its place): true for root too, who may write anywhere else.
    const blocked = file().replace(/clockify-ids\.db$/, 'not-a-folder');
    writeFileSync(blocked, '');
    const aliases = new IdAliases(join(blocked, 'clockify-ids.db'), (line) => logs.push(line));
    expect(await aliases.numbers('entry', ['a'])).toEqual([1]);
    expect(logs.join('\n')).toMatch(/cannot be written; this process numbers ids for itself/);
    aliases.close();
  });
});
