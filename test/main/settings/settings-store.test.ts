// The app writes config.json through conf (what electron-store is built on), the engine reads it
// with its own reader: both ends for real, on real files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { readSettingsFile } from '../../../mcp-server/settings/settings-file.ts';
import { settingsProblem } from '../../../mcp-server/settings/settings-source.ts';
import { createSettingsStore, SettingsFileError } from '../../../main/settings/settings-store.ts';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-settings-'));
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config' });
  return { dir, path: join(dir, 'config.json'), settings: createSettingsStore(conf) };
}

describe('settings store', () => {
  it('reads defaults without creating the file, and writes what the engine then reads', () => {
    const { path, settings } = store();
    expect(settings.read()).toEqual(defaultSettings());
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
    settings.update((current) => ({ ...current, tools: { ...current.tools, readOnly: true }, workWeek: { ...current.workWeek, fri: 6 } }));
    const engineView = readSettingsFile(path);
    expect(engineView).toMatchObject({ problem: null, notes: [] });
    expect(engineView.settings.tools.readOnly).toBe(true);
    expect(engineView.settings.workWeek.fri).toBe(6);
  });

  it('keeps top-level keys a newer version wrote', () => {
    const { path, settings } = store();
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, futureFeature: { on: true } }));
    settings.update((current) => ({ ...current, timezone: 'Europe/Berlin' }));
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.futureFeature).toEqual({ on: true });
    expect(written.timezone).toBe('Europe/Berlin');
  });

  it('refuses to touch a file that is not JSON, and says so', () => {
    const { path, settings } = store();
    writeFileSync(path, '{ "tools": { "readOnly": tru');
    expect(() => settings.update((current) => current)).toThrow(SettingsFileError);
    expect(() => settings.read()).toThrow(/cannot be used: it is not valid JSON .*Punchcard never changes it/);
    expect(readFileSync(path, 'utf8')).toBe('{ "tools": { "readOnly": tru');
  });

  it("refuses a file whose back end does not validate, in the engine's words, leaving it as it was", () => {
    const { path, settings } = store();
    const text = JSON.stringify({ provider: { type: 'kimia', url: 'https://kimai.example.com' }, workWeek: { fri: 6 } });
    writeFileSync(path, text);
    const sentence = settingsProblem(
      path,
      'provider.type is "kimia", which is not a back end this Punchcard knows (local, kimai, clockodo, calamari, clockify, toggl, harvest, tempo; did you mean "kimai"?)',
    );
    expect(() => settings.read()).toThrow(sentence);
    expect(() => settings.update((current) => ({ ...current, user: { name: 'Ada' } }))).toThrow(sentence);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('reads a wrong value as the engine does, says so, and writes what the window showed', () => {
    const { path, settings } = store();
    writeFileSync(path, JSON.stringify({ workWeek: { mon: 30, fri: 6 }, tools: { enabled: { clock_in: 'yes', teleport: true }, groups: { magic: true } } }));
    expect(settings.read().workWeek).toMatchObject({ mon: 8, fri: 6 });
    expect(settings.notes()).toEqual(readSettingsFile(path).notes);
    expect(settings.notes()).toHaveLength(4);
    settings.update((current) => ({ ...current, user: { name: 'Ada' } }));
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.workWeek).toMatchObject({ mon: 8, fri: 6 });
    // The unreadable switch is written as the off it was read as; names a newer version has stay.
    expect(written.tools).toEqual({ readOnly: false, groups: { magic: true }, enabled: { clock_in: false, teleport: true } });
    expect(settings.notes()).toEqual([
      'tools.groups.magic is not a tool group this Punchcard has; it is ignored.',
      'tools.enabled.teleport is not a tool this Punchcard has; it is ignored.',
    ]);
  });

  it('refuses a change that breaks the schema and writes nothing', () => {
    const { path, settings } = store();
    settings.update((current) => current);
    const before = readFileSync(path, 'utf8');
    expect(() => settings.update((current) => ({ ...current, leave: { annualDays: -1, carryOverDays: 0, allowBeyondBalance: false } }))).toThrow();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
