// Working time's channels as main runs them: the contract's check of every payload, the rule set and
// the tray's warnings written to a real config.json (conf) through the one settings writer, the
// organisation's rules shown as its and never overwritten, and a month's sheet saved as CSV.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../main/ipc/dispatch.ts';
import { workingTimeHandlers } from '../../../../main/ipc/handlers/working-time.ts';
import { createSettingsStore } from '../../../../main/settings/settings-store.ts';
import { NO_POLICY } from '../../../../mcp-server/for-the-app.ts';
import { CHANNEL_NAMES } from '../../../../window-contract/channels.ts';
import type { Handlers, WorkingTimeRules, WorkingTimeView } from '../../../../window-contract/index.ts';

const MONTH: WorkingTimeView = {
  rules: 'de',
  from: '2026-05-01',
  to: '2026-05-02',
  days: [
    {
      date: '2026-05-01',
      start: null,
      end: null,
      worked_minutes: 0,
      break_minutes: 0,
      rest_before_minutes: null,
      target_minutes: 0,
      holiday: 'Labour Day',
      findings: [],
    },
    {
      date: '2026-05-02',
      start: '2026-05-02T08:00:00+02:00',
      end: '2026-05-03T00:30:00+02:00',
      worked_minutes: 645,
      break_minutes: 45,
      rest_before_minutes: null,
      target_minutes: 0,
      findings: ['wt_day_over_max'],
    },
  ],
  findings: [{ code: 'wt_day_over_max', date: '2026-05-02', worked_minutes: 645, max_minutes: 600 }],
  totals: { worked_minutes: 645, target_minutes: 0, overtime_minutes: 645, sunday_holiday_minutes: 0, night_minutes: 30 },
  balance: { since: '2026-01-01', since_reason: 'year_start', opening_minutes: 0, minutes: 754 },
};

function setup(config: Record<string, unknown>, organisation: WorkingTimeRules | null = null, view: WorkingTimeView = MONTH) {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-working-time-'));
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
  const settings = createSettingsStore(new Conf<Record<string, unknown>>({ cwd: folder, configName: 'config' }));
  const events: string[] = [];
  const saved: Array<{ fileName: string; contents: string }> = [];
  const handlers = workingTimeHandlers({
    settings,
    policy: () => ({ ...NO_POLICY, workingTimeRules: organisation }),
    workingTime: {
      range: async (from, to) => {
        events.push(`range ${from} ${to}`);
        return view;
      },
    },
    saveTextFile: async (request) => {
      saved.push(request);
      return `/home/ada/${request.fileName}`;
    },
    preferencesChanged: () => void events.push('preferencesChanged'),
  });
  const missing = () => Promise.reject(new Error('not part of this test'));
  const all = { ...Object.fromEntries(CHANNEL_NAMES.map((name) => [name, missing])), ...handlers } as Handlers;
  const dispatch = createDispatch(all, (line) => events.push(`log ${line}`));
  const file = () => JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
  return { dispatch, file, events, saved };
}

describe('working-time settings', () => {
  it('start off, suggesting the set of the holidays’ country without switching it on', async () => {
    const { dispatch, file } = setup({ schemaVersion: 1, holidays: { country: 'de', state: 'BE' } });
    expect(await dispatch('getWorkingTimeSettings', undefined)).toEqual({
      ok: true,
      value: { rules: 'off', notify: true, organisation: null, suggested: 'de', country: 'DE' },
    });
    expect(file().workingTime).toBeUndefined();
    expect(await setup({ schemaVersion: 1, holidays: { country: 'AT' } }).dispatch('getWorkingTimeSettings', undefined)).toMatchObject({
      value: { suggested: 'at' },
    });
    expect(await setup({ schemaVersion: 1, holidays: { country: 'FR' } }).dispatch('getWorkingTimeSettings', undefined)).toMatchObject({
      value: { suggested: 'eu' },
    });
    expect(await setup({ schemaVersion: 1, holidays: { country: 'US' } }).dispatch('getWorkingTimeSettings', undefined)).toMatchObject({
      value: { suggested: 'off' },
    });
  });

  it('write the rules and the tray’s warnings to config.json, keeping what else is there, and tell the tray', async () => {
    const { dispatch, file, events } = setup({
      schemaVersion: 1,
      timezone: 'Europe/Berlin',
      workingTime: { rules: 'off', notify: true, balance: { since: '2026-03-01', openingMinutes: 120 } },
    });
    expect(await dispatch('saveWorkingTimeSettings', { rules: 'de' })).toMatchObject({ ok: true, value: { rules: 'de', notify: true } });
    expect(file()).toMatchObject({
      timezone: 'Europe/Berlin',
      workingTime: { rules: 'de', notify: true, balance: { since: '2026-03-01', openingMinutes: 120 } },
    });
    expect(await dispatch('saveWorkingTimeSettings', { notify: false })).toMatchObject({ ok: true, value: { rules: 'de', notify: false } });
    expect(file().workingTime).toEqual({ rules: 'de', notify: false, balance: { since: '2026-03-01', openingMinutes: 120 } });
    expect(events.filter((event) => event === 'preferencesChanged')).toHaveLength(2);
  });

  it('refuse bad payloads before anything is written', async () => {
    const { dispatch, file } = setup({ schemaVersion: 1, workingTime: { rules: 'eu', notify: true } });
    for (const payload of [
      { rules: 'us' },
      { rules: 'DE' },
      { notify: 'yes' },
      { rules: 'de', extra: 1 },
      {},
      undefined,
      'de',
      { balance: { since: '2026-01-01', openingMinutes: 0 } },
    ]) {
      expect(await dispatch('saveWorkingTimeSettings', payload)).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid request/) });
    }
    expect(await dispatch('getWorkingTime', { from: '2026-05', to: '2026-05-31' })).toMatchObject({ ok: false });
    expect(await dispatch('getWorkingTime', { from: '2026-05-01', to: '2026-05-31', tracker: 'acme' })).toMatchObject({ ok: false });
    expect(file().workingTime).toEqual({ rules: 'eu', notify: true });
  });

  it('show the organisation’s rules as its, refuse to change them, and still save the warnings', async () => {
    const { dispatch, file } = setup({ schemaVersion: 1, workingTime: { rules: 'off', notify: true } }, 'at');
    expect(await dispatch('getWorkingTimeSettings', undefined)).toMatchObject({ ok: true, value: { rules: 'off', organisation: 'at' } });
    expect(await dispatch('saveWorkingTimeSettings', { rules: 'de' })).toEqual({
      ok: false,
      message: 'Your organisation sets the working-time rules (at): they cannot be changed here. Nothing was saved.',
    });
    expect(file().workingTime).toEqual({ rules: 'off', notify: true });
    expect(await dispatch('saveWorkingTimeSettings', { rules: 'off', notify: false })).toMatchObject({
      ok: true,
      value: { notify: false, organisation: 'at' },
    });
    expect(file().workingTime).toEqual({ rules: 'off', notify: false });
  });
});

describe('working time of a range', () => {
  it('writes a holiday’s name from a back end so that no spreadsheet starts a formula with it', async () => {
    const named = structuredClone(MONTH);
    Object.assign(named.days[0] ?? {}, { holiday: '=HYPERLINK("https://example.com")' });
    const { dispatch, saved } = setup({ schemaVersion: 1 }, null, named);
    await dispatch('exportWorkingTimeCsv', { from: '2026-05-01', to: '2026-05-02' });
    expect(saved[0]?.contents.split('\r\n')[1]).toBe(`2026-05-01,,,0,0,0,0,"'=HYPERLINK(""https://example.com"")",`);
  });

  it('asks at most a month, in order', async () => {
    const { dispatch, events } = setup({ schemaVersion: 1 });
    expect(await dispatch('getWorkingTime', { from: '2026-05-01', to: '2026-05-31' })).toEqual({ ok: true, value: MONTH });
    expect(await dispatch('getWorkingTime', { from: '2026-05-01', to: '2026-06-01' })).toEqual({
      ok: false,
      message: 'Ask for at most 31 days of working time at a time.',
    });
    expect(await dispatch('getWorkingTime', { from: '2026-05-02', to: '2026-05-01' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('before the first'),
    });
    expect(events.filter((event) => event.startsWith('range'))).toEqual(['range 2026-05-01 2026-05-31']);
  });

  it('saves the month’s sheet as CSV: a row a day, findings named, totals and balance', async () => {
    const { dispatch, saved } = setup({ schemaVersion: 1 });
    expect(await dispatch('exportWorkingTimeCsv', { from: '2026-05-01', to: '2026-05-02' })).toEqual({
      ok: true,
      value: { path: '/home/ada/punchcard-working-time-2026-05-01-to-2026-05-02.csv', days: 2 },
    });
    expect(saved[0]?.contents.split('\r\n')).toEqual([
      '\uFEFFDate,Start,End,Break minutes,Worked minutes,Target minutes,Difference minutes,Leave or holiday,Findings',
      '2026-05-01,,,0,0,0,0,Labour Day,',
      '2026-05-02,08:00,2026-05-03 00:30,45,645,0,645,,day over the maximum',
      '',
      'Total,,,,645,0,645,,1 finding',
      'Balance since 2026-01-01,,,,,,754,,',
      '',
    ]);
  });
});
