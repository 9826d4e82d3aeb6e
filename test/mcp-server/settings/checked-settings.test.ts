// The memo of validated settings: used only for the same text and build, never for a file the
// schema refused, never when it lacks what the opening reads; a folder that cannot be written
// costs nothing but the memo.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { CHECKED_SETTINGS_FILE_NAME, recallCheckedSettings, rememberCheckedSettings } from '../../../mcp-server/settings/checked-settings.ts';
import { loadSettingsFile } from '../../../mcp-server/settings/load-settings.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-memo-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const memo = () => ({ folder: dir, build: 'build-1' });
const write = (text: string) => writeFileSync(join(dir, 'config.json'), text);

describe('the settings memo', () => {
  it('is written after a valid file is checked, and answers the next read of the same text', async () => {
    write('{"user": {"name": "Ada"}}');
    const first = await loadSettingsFile(join(dir, 'config.json'), memo());
    expect(first).toMatchObject({ problem: null, notes: [], checkedNow: true });
    const second = await loadSettingsFile(join(dir, 'config.json'), memo());
    expect(second).toEqual({ ...first, checkedNow: false });
  });

  it('is not used for other text or another build, and never holds a refused file', async () => {
    rememberCheckedSettings(dir, '{}', defaultSettings(), 'build-1');
    expect(recallCheckedSettings(dir, '{}', 'build-1')).toEqual(defaultSettings());
    expect(recallCheckedSettings(dir, '{ }', 'build-1')).toBeUndefined();
    expect(recallCheckedSettings(dir, '{}', 'build-2')).toBeUndefined();
    write('{"workWeek": {"mon": 30}}');
    const read = await loadSettingsFile(join(dir, 'config.json'), memo());
    expect(read).toMatchObject({ problem: null, checkedNow: true, settings: defaultSettings() });
    expect(read.notes.join('\n')).toContain('workWeek.mon');
    // A file with a fallback is checked, and its notes said, on every start.
    expect(JSON.parse(readFileSync(join(dir, CHECKED_SETTINGS_FILE_NAME), 'utf8')).text).toBe('{}');
    write('{"provider": {"type": "kimia"}}');
    expect(await loadSettingsFile(join(dir, 'config.json'), memo())).toMatchObject({
      problem: expect.stringMatching(/^provider\.type is "kimia"/),
      checkedNow: true,
    });
    expect(JSON.parse(readFileSync(join(dir, CHECKED_SETTINGS_FILE_NAME), 'utf8')).text).toBe('{}');
  });

  it.each([
    ['Kimai', { type: 'kimai', url: 'https://kimai.example.com' }],
    ['Clockodo', { type: 'clockodo', email: 'ada@example.com' }],
    ['Calamari', { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@example.com' }],
  ])('answers for a %s profile too', async (_label, provider) => {
    write(JSON.stringify({ provider }));
    expect(await loadSettingsFile(join(dir, 'config.json'), memo())).toMatchObject({ checkedNow: true, problem: null });
    expect(await loadSettingsFile(join(dir, 'config.json'), memo())).toMatchObject({ checkedNow: false, settings: { provider: { type: provider.type } } });
  });

  it.each([
    ['not JSON', '{'],
    ['no tools', JSON.stringify({ build: 'build-1', text: '{}', settings: { provider: { type: 'local' } } })],
    ['an unknown back end', JSON.stringify({ build: 'build-1', text: '{}', settings: { ...defaultSettings(), provider: { type: 'other' } } })],
    ['a Kimai without address', JSON.stringify({ build: 'build-1', text: '{}', settings: { ...defaultSettings(), provider: { type: 'kimai' } } })],
  ])('is ignored when it is %s', (_label, content) => {
    writeFileSync(join(dir, CHECKED_SETTINGS_FILE_NAME), content);
    expect(recallCheckedSettings(dir, '{}', 'build-1')).toBeUndefined();
  });

  it('costs nothing when the folder cannot be written', async () => {
    write('{}');
    chmodSync(dir, 0o555);
    // root writes anyway; the point is that a refused write neither throws nor loses the read.
    rememberCheckedSettings(join(dir, 'missing-folder'), '{}', defaultSettings(), 'build-1');
    expect(await loadSettingsFile(join(dir, 'config.json'), memo())).toMatchObject({ problem: null });
  });
});
