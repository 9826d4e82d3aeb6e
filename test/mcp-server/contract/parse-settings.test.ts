// Reading a settings file the person may have edited: what decides where data goes fails closed,
// everything else falls back alone and is named, and tool switches fall back towards fewer tools.
import { describe, expect, it } from 'vitest';
import { parseSettings, type SettingsVerdict } from '../../../mcp-server/contract/parse-settings.ts';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { isToolEnabled } from '../../../mcp-server/contract/tool-policy.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';

function usable(verdict: SettingsVerdict) {
  if (!verdict.ok) throw new Error(`expected usable settings, got: ${verdict.problem}`);
  return verdict;
}

function problemOf(verdict: SettingsVerdict): string {
  if (verdict.ok) throw new Error('expected a problem');
  return verdict.problem;
}

const offered = (settings: ReturnType<typeof defaultSettings>) => TOOL_NAMES.filter((name) => isToolEnabled(TOOL_CATALOG[name], settings, { allTools: false }));

describe('what decides where data goes fails closed', () => {
  it.each([
    [
      'a misspelt back end',
      { provider: { type: 'kimia', url: 'https://kimai.example.com' } },
      /^provider\.type is "kimia", which is not a back end this Punchcard knows \(local, kimai, clockodo, calamari, clockify, toggl, harvest, tempo; did you mean "kimai"\?\)$/,
    ],
    [
      "Toggl Track's address with /api/v9 pasted after it",
      { provider: { type: 'toggl', url: 'https://api.track.toggl.com/api/v9' } },
      /over https and with nothing after it: Punchcard adds \/api\/v9 itself/,
    ],
    [
      'a back end without its address',
      { provider: { type: 'kimai' } },
      /^the kimai back end's settings are not usable: provider\.url: expected a string in quotes, e\.g\. "https:\/\/kimai\.example\.com"$/,
    ],
    [
      'a Clockodo account without an e-mail',
      { provider: { type: 'clockodo', email: 'not an address' } },
      /^the clockodo back end's settings are not usable: provider\.email: an e-mail address/,
    ],
    ['an address that is not http(s)', { provider: { type: 'calamari', url: 'ftp://x', email: 'ada@example.com' } }, /provider\.url: an http\(s\) address/],
    ['a back end that is not an object', { provider: 'kimai' }, /^provider is "kimai", not a back end/],
    [
      'a newer schema version',
      { schemaVersion: 2, provider: { type: 'local' } },
      /^its schemaVersion is 2, and this Punchcard reads version 1 only \(a newer Punchcard may have written it\)$/,
    ],
    ['a schema version that is not a number', { schemaVersion: '1' }, /^its schemaVersion is "1"/],
  ])('%s', (_label, raw, problem) => {
    expect(problemOf(parseSettings(raw))).toMatch(problem);
  });

  it.each([[[]], [null], ['settings'], [42]])('a file holding %j', (raw) => {
    expect(problemOf(parseSettings(raw))).toBe('it does not hold a JSON object ({ … })');
  });

  it.each([
    [
      'a day of more than 24 hours',
      { mon: 30, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
      /trackers\[0\]\.workWeek\.mon: expected a number from 0 to 24, e\.g\. 8/,
    ],
    ['a day left out', { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0 }, /trackers\[0\]\.workWeek\.sun: expected a number from 0 to 24/],
    ['hours in words', { mon: 'eight', tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }, /trackers\[0\]\.workWeek\.mon: expected a number/],
    ['a week that is not an object', 20, /trackers\[0\]\.workWeek: /],
  ])("a tracker's own work week with %s fails like any key of its profile, naming it", (_label, workWeek, problem) => {
    const raw = { provider: { name: 'toggl', type: 'local' }, trackers: [{ name: 'home', type: 'local', workWeek }] };
    expect(problemOf(parseSettings(raw))).toMatch(problem);
  });

  it("keeps a tracker's own work week apart from its back end's fields, and the settings' week as it is", () => {
    const week = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
    const { settings, notes } = usable(
      parseSettings({ provider: { name: 'toggl', type: 'local' }, trackers: [{ name: 'home', type: 'local', workWeek: week }] }),
    );
    expect(settings.trackers).toEqual([{ name: 'home', type: 'local', workWeek: week }]);
    expect(settings.workWeek).toEqual(defaultSettings().workWeek);
    expect(notes).toEqual([]);
  });

  it("a week on the only connection is said not to count: the settings' week is its week", () => {
    const week = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
    const { notes } = usable(parseSettings({ provider: { type: 'local', workWeek: week } }));
    expect(notes).toEqual(["provider.workWeek counts only beside other trackers; with one connection the settings' workWeek is its week."]);
  });

  it('does not repeat what the person typed into a back end field', () => {
    expect(problemOf(parseSettings({ provider: { type: 'kimai', url: 'sk-secret-token-0123456789' } }))).not.toContain('sk-secret');
  });
});

describe('every other field falls back on its own', () => {
  it('keeps the good neighbours of a bad value, and names the bad one with what is used instead', () => {
    const { settings, notes } = usable(
      parseSettings({
        provider: { type: 'kimai', url: 'https://kimai.example.com' },
        workWeek: { mon: 30, fri: 4 },
        leave: { annualDays: 'twenty', carryOverDays: 3 },
        user: { name: 'Ada' },
      }),
    );
    expect(settings.provider).toEqual({ type: 'kimai', url: 'https://kimai.example.com' });
    expect(settings.workWeek).toEqual({ ...defaultSettings().workWeek, fri: 4 });
    // A file written before leave beyond the balance was a setting: it stays off.
    expect(settings.leave).toEqual({ annualDays: 25, carryOverDays: 3, allowBeyondBalance: false });
    expect(settings.user.name).toBe('Ada');
    expect(notes).toEqual([
      'workWeek.mon: expected a number from 0 to 24, e.g. 8 (it is 30); 8 is used until it is fixed.',
      'leave.annualDays: expected a number from 0 to 366, e.g. 25 (it is "twenty"); 25 is used until it is fixed.',
    ]);
  });

  it('writes durations with units when the style is missing (a file from before the choice) or unknown', () => {
    expect(usable(parseSettings({ app: { startAtLogin: true } })).settings.app).toEqual({ ...defaultSettings().app, startAtLogin: true, durations: 'units' });
    expect(usable(parseSettings({ app: { durations: 'decimal' } })).settings.app.durations).toBe('decimal');
    const { settings, notes } = usable(parseSettings({ app: { durations: 'minutes', reminderHours: 4 } }));
    expect(settings.app).toEqual({ ...defaultSettings().app, reminderHours: 4 });
    expect(notes).toEqual(['app.durations: expected one of "units" or "decimal" (it is "minutes"); "units" is used until it is fixed.']);
  });

  it('keeps leave beyond the balance off unless the switch is true', () => {
    expect(usable(parseSettings({ leave: { allowBeyondBalance: true } })).settings.leave).toEqual({
      annualDays: 25,
      carryOverDays: 0,
      allowBeyondBalance: true,
    });
    const { settings, notes } = usable(parseSettings({ leave: { allowBeyondBalance: 'yes' } }));
    expect(settings.leave.allowBeyondBalance).toBe(false);
    expect(notes).toEqual(['leave.allowBeyondBalance: expected true or false (it is "yes"); false is used until it is fixed.']);
  });

  it('uses the system zone for a zone the engine would not take, fixed offsets included', () => {
    for (const timezone of ['+01:00', 'Europe/Berln', 7]) {
      const { settings, notes } = usable(parseSettings({ timezone }));
      expect(settings.timezone).toBe('');
      expect(notes).toEqual([
        `timezone is ${JSON.stringify(timezone)}, which is not a time zone (a name such as Europe/Berlin); the system zone is used until it is fixed.`,
      ]);
    }
    expect(usable(parseSettings({ timezone: ' Europe/Berlin ' })).settings.timezone).toBe('Europe/Berlin');
  });

  it('drops a holiday region it cannot read, and an object that is not one', () => {
    const region = usable(parseSettings({ holidays: { country: 'Germany' } }));
    expect(region.settings.holidays).toBeNull();
    expect(region.notes).toEqual([
      expect.stringMatching(/^holidays\.country: a two-letter country code such as DE \(it is \{"country":"Germany"\}\); no public holidays is used/),
    ]);
    const app = usable(parseSettings({ app: 'quiet' }));
    expect(app.settings.app).toEqual(defaultSettings().app);
    expect(app.notes).toEqual(['app is "quiet", not an object; its defaults are used until it is fixed.']);
  });

  it('names keys this version does not know, at the top and inside a group, and reads on', () => {
    const { settings, notes } = usable(parseSettings({ futureFeature: { on: true }, workWeek: { monday: 6 }, user: { name: 'Ada' } }));
    expect(settings.user.name).toBe('Ada');
    expect(notes).toEqual([
      'futureFeature is not a setting this Punchcard knows; it is ignored.',
      'workWeek.monday is not a setting this Punchcard knows; it is ignored.',
    ]);
  });

  it('shortens a long value in its note', () => {
    const { notes } = usable(parseSettings({ user: { name: 'x'.repeat(300) } }));
    expect(notes[0]).toMatch(/\(it is "x{36}…\)/);
  });
});

describe('tool switches fall back towards fewer tools', () => {
  it('turns a switch that is not true or false off, whatever the default', () => {
    const { settings, notes } = usable(parseSettings({ tools: { enabled: { clock_in: 'yes', list_time_entries: 1, log_time: true } } }));
    expect(settings.tools.enabled).toEqual({ clock_in: false, list_time_entries: false, log_time: true });
    expect(notes).toEqual([
      'tools.enabled.clock_in is "yes", not true or false; it is off until it is fixed.',
      'tools.enabled.list_time_entries is 1, not true or false; it is off until it is fixed.',
    ]);
  });

  it('turns read-only mode on when it is not true or false', () => {
    const { settings, notes } = usable(parseSettings({ tools: { readOnly: 'no' } }));
    expect(settings.tools.readOnly).toBe(true);
    expect(
      offered(settings).every((name) =>
        [
          'timer_status',
          'list_time_entries',
          'time_report',
          'working_time',
          'list_catalog',
          'list_leave_requests',
          'leave_balance',
          'absence_calendar',
          'whoami',
        ].includes(name),
      ),
    ).toBe(true);
    expect(notes).toEqual(['tools.readOnly is "no", not true or false; read-only mode is on until it is fixed.']);
  });

  it('offers no tool when the switches as a whole cannot be read', () => {
    for (const tools of ['off', [], null]) {
      const { settings } = usable(parseSettings({ tools }));
      expect(offered(settings)).toEqual([]);
    }
    expect(offered(usable(parseSettings({ tools: { groups: 'none' } })).settings)).toEqual([]);
    const perTool = usable(parseSettings({ tools: { enabled: ['clock_in'], groups: { account: true } } }));
    expect(offered(perTool.settings)).toEqual([]);
    expect(perTool.notes).toEqual(['tools.enabled is ["clock_in"], not tool switches; every tool is off until it is fixed.']);
  });

  it('ignores switches for tools and groups this version does not have', () => {
    const { settings, notes } = usable(parseSettings({ tools: { enabled: { teleport: true, delete_time_entry: true }, groups: { magic: false } } }));
    expect(settings.tools).toEqual({ readOnly: false, groups: {}, enabled: { delete_time_entry: true } });
    expect(notes).toEqual([
      'tools.groups.magic is not a tool group this Punchcard has; it is ignored.',
      'tools.enabled.teleport is not a tool this Punchcard has; it is ignored.',
    ]);
  });

  it('never offers a tool the valid reading of the same file would hide', () => {
    // Each switch of a file that hides everything it can, corrupted one at a time.
    const strict = {
      readOnly: true,
      groups: Object.fromEntries(['timer', 'entries', 'reports', 'catalog', 'leave', 'calendar', 'account'].map((group) => [group, false])),
      enabled: {},
    };
    const hidden = offered(usable(parseSettings({ tools: strict })).settings);
    expect(hidden).toEqual([]);
    for (const key of ['readOnly', 'groups', 'enabled'] as const) {
      for (const bad of ['x', 3, null, []]) {
        expect(offered(usable(parseSettings({ tools: { ...strict, [key]: bad } })).settings)).toEqual([]);
      }
    }
  });
});
