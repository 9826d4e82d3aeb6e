// whoami's handler on the real local timesheet: the person's name, the back end, the zone and the week
// the settings plan (no back end keeps a plan here), and a problem with the settings file said in words.
import { describe, expect, it } from 'vitest';
import whoami from '../../../mcp-server/tools/whoami.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('whoami', () => {
  it("names the person, the back end, the zone and the settings' week", async () => {
    const local = await openTimesheet({
      settings: (settings) => ({ ...settings, workWeek: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 6, sat: 0, sun: 0 } }),
    });
    const { text, data } = await local.run(whoami, {});
    expect(text).toBe(`"Ada" on ${local.tracker.label} (Europe/Berlin); 38 h per week.`);
    expect(data).toMatchObject({
      name: 'Ada',
      timezone: 'Europe/Berlin',
      week_target_hours: 38,
      work_week: { mon: 8, fri: 6, sat: 0 },
      plan_source: 'settings',
      plan_from_settings: ['work_week', 'holidays'],
      holiday_region: null,
      settings_problem: null,
    });
    expect(data.capabilities).toContain('entries');
  });

  it('says what is wrong with the settings file, and its notes, each on a line', async () => {
    const local = await openTimesheet();
    const context = {
      ...local.context,
      settingsFile: { problem: 'The settings file could not be read; defaults are used.', notes: ['timezone was not a zone.'] },
    };
    const { text } = await said(whoami.handler({}, context));
    expect(text.split('\n')).toEqual([
      `"Ada" on ${local.tracker.label} (Europe/Berlin); 40 h per week.`,
      'The settings file could not be read; defaults are used.',
      'Settings: timezone was not a zone.',
    ]);
  });
});
