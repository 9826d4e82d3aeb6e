import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { readSettingsFile } from '../../../mcp-server/settings/settings-file.ts';
import { firstInvalidUtf8, jsonPathAt, SETTINGS_MAX_BYTES, settingsProblem, watchSettingsFile } from '../../../mcp-server/settings/settings-source.ts';

let dir: string;
let logged: string[];
const log = (message: string) => logged.push(message);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-settings-'));
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading config.json', () => {
  it('uses defaults, with nothing to say, when the file is missing', () => {
    expect(readSettingsFile(join(dir, 'config.json'))).toEqual({ settings: defaultSettings(), text: null, problem: null, notes: [] });
  });

  it('reads a file with a byte-order mark', () => {
    writeFileSync(join(dir, 'config.json'), '\uFEFF{"schemaVersion":1,"user":{"name":"Ada"}}');
    expect(readSettingsFile(join(dir, 'config.json')).settings.user.name).toBe('Ada');
  });

  it('calls a file that is not JSON unusable, and leaves it untouched', () => {
    const broken = '{"schemaVersion": 1, "workWeek": {"mon": 8,}';
    writeFileSync(join(dir, 'config.json'), broken);
    expect(readSettingsFile(join(dir, 'config.json')).problem).toMatch(/^it is not valid JSON \(/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(broken);
  });

  it('lets a wrong value fall back alone, naming it by its path', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, leave: { annualDays: -3, carryOverDays: 2 }, user: { name: 'Ada' } }));
    const read = readSettingsFile(join(dir, 'config.json'));
    expect(read.problem).toBeNull();
    expect(read.settings.leave).toEqual({ annualDays: 25, carryOverDays: 2, allowBeyondBalance: false });
    expect(read.settings.user.name).toBe('Ada');
    expect(read.notes).toEqual([expect.stringMatching(/^leave\.annualDays: .* \(it is -3\); 25 is used until it is fixed\.$/)]);
  });
});

describe('watching config.json', () => {
  it('notices an atomic replace (write elsewhere, rename over), as the app saves', async () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, '{}');
    let changes = 0;
    const stop = watchSettingsFile(path, () => changes++, log);
    try {
      writeFileSync(join(dir, 'config.json.tmp'), JSON.stringify({ tools: { readOnly: true } }));
      renameSync(join(dir, 'config.json.tmp'), path);
      await expect.poll(() => changes).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});

describe('config.json that is not a plain text file', () => {
  it('does not wait on a FIFO: calls it unusable and uses nothing of it', async () => {
    const path = join(dir, 'config.json');
    execFileSync('mkfifo', [path]);
    expect(readSettingsFile(path)).toEqual({
      settings: defaultSettings(),
      text: null,
      problem: 'it is not a regular file (a pipe, device or folder), so it is not read',
      notes: [],
    });
  });

  it('does not read a file larger than any settings file', () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, `{"schemaVersion":1,"user":{"name":"${'x'.repeat(SETTINGS_MAX_BYTES)}"}}`);
    expect(readSettingsFile(path).problem).toMatch(/^it is 1\.0 MB, more than a settings file can be \(1 MB\)/);
  });

  it('names the setting that holds bytes that are not UTF-8, instead of showing "J\uFFFD(\uFFFDrg"', () => {
    const path = join(dir, 'config.json');
    const text = '{\n  "schemaVersion": 1,\n  "user": {\n    "name": "J__rg"\n  }\n}';
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(text.slice(0, text.indexOf('__'))), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(text.indexOf('__') + 2))]),
    );
    const read = readSettingsFile(path);
    expect(read.settings.user.name).toBe('');
    expect(read.problem).toBe('it is not valid UTF-8: the setting user.name holds bytes that are not UTF-8 text (line 4); save it as UTF-8');
    expect(settingsProblem(path, read.problem as string)).toBe(
      `The settings file ${path} cannot be used: it is not valid UTF-8: the setting user.name holds bytes that are not UTF-8 text (line 4); save it as UTF-8. Nothing is read from or written to any timesheet until it is fixed; correct the file, or move it away to start over (Punchcard never changes it).`,
    );
  });

  it('finds the first invalid byte exactly, whatever kind of malformation it is', () => {
    const cases: Array<[number[], number]> = [
      [[0x41, 0xc3, 0xa9, 0x42], 4], // é is fine
      [[0x41, 0xc0, 0x80], 1], // overlong NUL
      [[0x41, 0xed, 0xa0, 0x80], 1], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
      [[0x41, 0x42, 0xe2, 0x82], 2], // cut off at the end
      [[0xf0, 0x9f, 0x98, 0x80, 0xff], 4], // an emoji, then a byte that never occurs
    ];
    for (const [bytes, index] of cases) expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(index);
  });

  it('reads the key path at any point of a JSON text', () => {
    expect(jsonPathAt('{"user": {"name": "J')).toBe('user.name');
    expect(jsonPathAt('{"a": 1, "tools": {"x": true}, "holidays": {"country": "D')).toBe('holidays.country');
    expect(jsonPathAt('{"list": ["a", "b", "c')).toBe('list[2]');
    expect(jsonPathAt('{"user": {"na')).toBe('user');
    expect(jsonPathAt('{"a": "with \\" quote", "b": "x')).toBe('b');
  });
});
