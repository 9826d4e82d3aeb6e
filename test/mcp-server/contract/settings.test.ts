import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings } from '../../../mcp-server/contract/settings.ts';

describe('settings schema', () => {
  it('fills missing keys with defaults, including inside nested objects', () => {
    const result = parseSettings({ schemaVersion: 1, workWeek: { fri: 4 }, tools: { enabled: { delete_time_entry: true } } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.workWeek).toEqual({ ...defaultSettings().workWeek, fri: 4 });
    expect(result.settings.tools).toEqual({ readOnly: false, groups: {}, enabled: { delete_time_entry: true } });
  });

  it('names every wrong value with its path', () => {
    const result = parseSettings({ schemaVersion: 1, workWeek: { mon: 30 }, tools: { enabled: { no_such_tool: true } }, holidays: { country: 'Germany' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(text).toMatch(/workWeek\.mon/);
    expect(text).toMatch(/tools\.enabled/);
    expect(text).toMatch(/holidays\.country/);
  });

  it('refuses a file from a future schema version and a non-object', () => {
    expect(parseSettings({ schemaVersion: 2 }).ok).toBe(false);
    expect(parseSettings([]).ok).toBe(false);
    expect(parseSettings(null).ok).toBe(false);
  });

  it('accepts an empty object as all defaults', () => {
    expect(parseSettings({})).toEqual({ ok: true, settings: defaultSettings() });
  });
});
