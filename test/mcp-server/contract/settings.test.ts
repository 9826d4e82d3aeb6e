import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../mcp-server/contract/parse-settings.ts';
import { SettingsSchema } from '../../../mcp-server/contract/settings.ts';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';

describe('settings schema', () => {
  it('fills missing keys with defaults, including inside nested objects', () => {
    const result = parseSettings({ schemaVersion: 1, workWeek: { fri: 4 }, tools: { enabled: { delete_time_entry: true } } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.workWeek).toEqual({ ...defaultSettings().workWeek, fri: 4 });
    expect(result.settings.tools).toEqual({ readOnly: false, groups: {}, enabled: { delete_time_entry: true } });
    expect(result.notes).toEqual([]);
  });

  it('accepts an empty object as all defaults', () => {
    expect(parseSettings({})).toEqual({ ok: true, settings: defaultSettings(), notes: [] });
  });

  it('takes a Kimai profile, normalising its URL the way the keychain account is keyed', async () => {
    const { credentialAccount } = await import('../../../mcp-server/contract/settings.ts');
    const result = parseSettings({ provider: { type: 'kimai', url: ' https://kimai.example.com/api/ ', caFile: '/etc/ca.pem' } });
    expect(result).toMatchObject({ ok: true, settings: { provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem' } } });
    expect(credentialAccount({ type: 'kimai', url: 'https://kimai.example.com/' })).toBe('kimai:https://kimai.example.com');
  });

  it('holds the zone to the one rule the engine, main and the window share', () => {
    for (const timezone of ['', 'Europe/Berlin', 'utc']) expect(SettingsSchema.shape.timezone.safeParse(timezone).success).toBe(true);
    for (const timezone of ['+01:00', 'Mars/Olympus', ' ']) expect(SettingsSchema.shape.timezone.safeParse(timezone).success).toBe(false);
  });
});
