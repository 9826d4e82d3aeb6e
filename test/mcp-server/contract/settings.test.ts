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

  it('takes a Kimai profile, normalising its URL the way the keychain account is keyed', async () => {
    const { credentialAccount } = await import('../../../mcp-server/contract/settings.ts');
    const result = parseSettings({ provider: { type: 'kimai', url: ' https://kimai.example.com/api/ ', caFile: '/etc/ca.pem' } });
    expect(result).toMatchObject({ ok: true, settings: { provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem' } } });
    expect(credentialAccount({ type: 'kimai', url: 'https://kimai.example.com/' })).toBe('kimai:https://kimai.example.com');
  });

  it('refuses a Kimai profile without a usable URL, naming the field', () => {
    for (const provider of [{ type: 'kimai' }, { type: 'kimai', url: 'kimai.example.com' }, { type: 'kimai', url: 'ftp://x' }, { type: 'clockodo' }]) {
      const result = parseSettings({ provider });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toMatch(/^provider/);
    }
  });
});
