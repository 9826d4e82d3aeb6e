// The app writes config.json through conf (what electron-store is built on), the engine reads it
// with its own reader: both ends for real, on real files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/settings.ts';
import { readSettingsFile } from '../../../mcp-server/settings/settings-file.ts';
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
    const engineView = readSettingsFile(path, () => {});
    expect(engineView.valid).toBe(true);
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
    expect(() => settings.read()).toThrow(/not valid JSON.*will not overwrite/);
    expect(readFileSync(path, 'utf8')).toBe('{ "tools": { "readOnly": tru');
  });

  it('refuses a file with wrong values and names them, leaving it as it was', () => {
    const { path, settings } = store();
    const text = JSON.stringify({ workWeek: { mon: 30 } });
    writeFileSync(path, text);
    expect(() => settings.update((current) => current)).toThrow(/workWeek\.mon/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a change that breaks the schema and writes nothing', () => {
    const { path, settings } = store();
    settings.update((current) => current);
    const before = readFileSync(path, 'utf8');
    expect(() => settings.update((current) => ({ ...current, leave: { annualDays: -1, carryOverDays: 0 } }))).toThrow();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
