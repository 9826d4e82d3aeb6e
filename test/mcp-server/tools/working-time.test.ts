// working_time's handler on the real local timesheet, at a clock that stands still (Wednesday 18 November
// 2026, 15:00 in Berlin): the days as the law counts them, the findings of the set in the settings said with
// their law, the rules off still answering days and totals, the balance, and a month asked by name.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import updateTimeEntry from '../../../mcp-server/tools/update-time-entry.ts';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import clockOut from '../../../mcp-server/tools/clock-out.ts';
import workingTime from '../../../mcp-server/tools/working-time.ts';
import timeReport from '../../../mcp-server/tools/time-report.ts';
import { type Notice, noticeSentence } from '../../../mcp-server/contract/outcomes/notices.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';
import { ToolInputError } from '../../../mcp-server/tools/tool-input-error.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });
/** A clock the test moves: a timer clocked in at one time and out hours later. */
let moving = NOW;
const openMoving = useLocalTimesheet({ now: () => moving, timezone: 'Europe/Berlin' });

const rules =
  (set: Settings['workingTime']['rules'], balance?: Settings['workingTime']['balance']) =>
  (settings: Settings): Settings => ({ ...settings, workingTime: { rules: set, notify: true, ...(balance ? { balance } : {}) } });

/** Sunday an hour; Monday 10 h 30 min with a 30-minute break, until 19:00; Tuesday from 05:00, ten hours' rest after. */
async function longWeek(set: Settings['workingTime']['rules'], balance?: Settings['workingTime']['balance']) {
  const local = await openTimesheet({ settings: rules(set, balance) });
  await local.run(logTime, { start: '2026-11-15 10:00', end: '2026-11-15 11:00' });
  await local.run(logTime, { start: '2026-11-16 08:00', end: '2026-11-16 13:00' });
  await local.run(logTime, { start: '2026-11-16 13:30', end: '2026-11-16 19:00' });
  await local.run(logTime, { start: '2026-11-17 05:00', end: '2026-11-17 08:00' });
  return local;
}

describe('working_time', () => {
  it('finds under de what the ArbZG counts, each finding said with its law, this month up to today by default', async () => {
    const { run } = await longWeek('de');
    const { data, text } = await run(workingTime, {});
    expect(data.rules).toBe('de');
    expect([data.from, data.to]).toEqual(['2026-11-01', '2026-11-18']);
    expect(data.findings).toEqual([
      { code: 'wt_sunday_or_holiday', date: '2026-11-15', worked_minutes: 60 },
      { code: 'wt_day_over_max', date: '2026-11-16', worked_minutes: 630, max_minutes: 600 },
      { code: 'wt_break_short', date: '2026-11-16', worked_minutes: 630, break_minutes: 30, required_minutes: 45 },
      {
        code: 'wt_rest_short',
        date: '2026-11-17',
        end: '2026-11-16T19:00:00+01:00',
        next_start: '2026-11-17T05:00:00+01:00',
        rest_minutes: 600,
        required_minutes: 660,
      },
    ]);
    const monday = data.days.find((day) => day.date === '2026-11-16');
    expect(monday).toEqual({
      date: '2026-11-16',
      start: '2026-11-16T08:00:00+01:00',
      end: '2026-11-16T19:00:00+01:00',
      worked_minutes: 630,
      break_minutes: 30,
      rest_before_minutes: expect.any(Number),
      target_minutes: 480,
      findings: ['wt_day_over_max', 'wt_break_short'],
    });
    expect(data.totals).toMatchObject({ worked_minutes: 60 + 630 + 180, sunday_holiday_minutes: 60 });
    expect(text.split('\n')[0]).toBe(
      '2026-11-01 to 2026-11-18: worked 14 h 30 min of 104 h; under the ArbZG 4 findings: ' +
        'On 2026-11-15, a Sunday, 1 h were worked, which section 9 ArbZG allows only by an exception. ' +
        "On 2026-11-16 the day's work was 10 h 30 min, more than the 10 h a day section 3 ArbZG allows. " +
        'On 2026-11-16 10 h 30 min of work had 30 min of breaks; section 4 ArbZG asks for 45 min. ' +
        'The rest before 2026-11-17T05:00:00+01:00 was 10 h, shorter than the 11 h section 5 ArbZG asks for.',
    );
  });

  it('under eu finds only what the Directive counts: no daily maximum or Sunday, and its 15-minute break is there', async () => {
    const { run } = await longWeek('eu');
    const { data } = await run(workingTime, { from: '2026-11-15', to: '2026-11-17' });
    expect(data.findings.map((finding) => [finding.code, finding.date])).toEqual([['wt_rest_short', '2026-11-17']]);
  });

  it('with the rules off still answers the days and totals, and says how to set them', async () => {
    const { run } = await longWeek('off');
    const { data, text } = await run(workingTime, { from: '2026-11-16', to: '2026-11-17' });
    expect(data.findings).toEqual([]);
    expect(data.days.map((day) => [day.date, day.worked_minutes, day.findings])).toEqual([
      ['2026-11-16', 630, []],
      ['2026-11-17', 180, []],
    ]);
    expect(text.split('\n')[0]).toBe(
      '2026-11-16 to 2026-11-17: worked 13 h 30 min of 16 h. No working-time rules are set; the settings\' workingTime.rules ("eu", "de" or "at") checks them.',
    );
  });

  it('counts the balance from where the settings start it, up to yesterday', async () => {
    const { run } = await longWeek('de', { since: '2026-11-16', openingMinutes: 120 });
    const { data, text } = await run(workingTime, { month: '2026-11' });
    expect([data.from, data.to]).toEqual(['2026-11-01', '2026-11-30']);
    // 120 + (630 − 480) + (180 − 480): Wednesday, today, is not over.
    expect(data.balance).toEqual({ since: '2026-11-16', since_reason: 'setting', opening_minutes: 120, minutes: -30 });
    expect(text).toContain('Balance since 2026-11-16: -30 min.');
  });

  it('refuses a month given with days, and reads a month by any of its days', async () => {
    const { run } = await longWeek('de');
    await expect(run(workingTime, { month: '2026-11', from: '2026-11-02' })).rejects.toThrow(ToolInputError);
    await expect(run(workingTime, { month: '2026-11', from: '2026-11-02' })).rejects.toThrow('Give either month (2026-11) or from and to, not both.');
    expect((await run(workingTime, { month: '2026-02-14' })).data.to).toBe('2026-02-28');
  });
});

describe('the working_time notice', () => {
  it('time_report carries the findings of its range where rules are on, and none with them off', async () => {
    const on = await longWeek('de');
    on.context.notes.length = 0;
    await on.run(timeReport, { from: '2026-11-16', to: '2026-11-16' });
    expect(on.context.notes).toEqual([
      {
        code: 'working_time',
        facts: {
          rules: 'de',
          findings: [
            { code: 'wt_day_over_max', date: '2026-11-16', worked_minutes: 630, max_minutes: 600 },
            { code: 'wt_break_short', date: '2026-11-16', worked_minutes: 630, break_minutes: 30, required_minutes: 45 },
          ],
        },
      },
    ]);
    const off = await longWeek('off');
    off.context.notes.length = 0;
    await off.run(timeReport, { from: '2026-11-16', to: '2026-11-16' });
    expect(off.context.notes).toEqual([]);
  });

  it('a log that creates a finding is recorded as asked and says the finding; one that creates none says nothing', async () => {
    const { run, context } = await longWeek('de');
    // The week's own logs said what they created (the test's context keeps one list of notes for every call).
    context.notes.length = 0;
    // Tuesday's three hours and two more after a break: a lawful day.
    const lawful = await run(logTime, { start: '2026-11-17 09:00', end: '2026-11-17 11:00' });
    expect(lawful.text).toMatch(/^Logged 2 h/);
    expect(context.notes).toEqual([]);
    // Friday 20:00 to 23:00, and Saturday from 07:00: a rest of eight hours.
    await run(logTime, { start: '2026-11-13 20:00', end: '2026-11-13 23:00' });
    expect(context.notes).toEqual([]);
    const early = await run(logTime, { start: '2026-11-14 07:00', end: '2026-11-14 09:00' });
    expect(early.data.entry.minutes).toBe(120);
    expect(context.notes).toEqual([
      {
        code: 'working_time',
        facts: {
          rules: 'de',
          created: true,
          findings: [
            {
              code: 'wt_rest_short',
              date: '2026-11-14',
              end: '2026-11-13T23:00:00+01:00',
              next_start: '2026-11-14T07:00:00+01:00',
              rest_minutes: 480,
              required_minutes: 660,
            },
          ],
        },
      },
    ]);
    expect(modelText(noticeSentence(context.notes[0] as Notice))).toBe(
      'This created a working-time finding, recorded as asked: The rest before 2026-11-14T07:00:00+01:00 was 8 h, shorter than the 11 h section 5 ArbZG asks for.',
    );
  });
});

describe('update_time_entry', () => {
  it('that moves an entry into the rest says the finding it created, and changes the entry as asked', async () => {
    const { run, context } = await longWeek('de');
    const friday = await run(logTime, { start: '2026-11-13 09:00', end: '2026-11-13 12:00' });
    context.notes.length = 0;
    // Saturday 14 from 07:00; then Friday's entry moved to end at 23:00: eight hours' rest.
    await run(logTime, { start: '2026-11-14 07:00', end: '2026-11-14 08:00' });
    expect(context.notes).toEqual([]);
    const moved = await run(updateTimeEntry, { id: friday.data.entry.id, start: '2026-11-13 20:00', end: '2026-11-13 23:00' });
    expect(moved.data.entry.minutes).toBe(180);
    expect(context.notes).toEqual([
      {
        code: 'working_time',
        facts: { rules: 'de', created: true, findings: [expect.objectContaining({ code: 'wt_rest_short', date: '2026-11-14', rest_minutes: 480 })] },
      },
    ]);
  });
});

describe('clock_out', () => {
  it('says the findings the entry it stops brings into the record, and not again the short rest clock_in said', async () => {
    moving = Date.parse('2026-11-18T03:30:00Z');
    const { run, context } = await openMoving({ settings: rules('de') });
    await run(logTime, { start: '2026-11-17 18:00', end: '2026-11-17 23:00' });
    // Wednesday 04:30, five and a half hours after Tuesday's end.
    await run(clockIn, {});
    expect(context.notes).toEqual([
      {
        code: 'working_time',
        facts: { rules: 'de', created: true, findings: [expect.objectContaining({ code: 'wt_rest_short', date: '2026-11-18', rest_minutes: 330 })] },
      },
    ]);
    context.notes.length = 0;
    // 15:00: ten and a half hours without a break.
    moving = NOW;
    const out = await run(clockOut, {});
    expect(out.data.stopped.minutes).toBe(630);
    expect(context.notes).toEqual([
      {
        code: 'working_time',
        facts: {
          rules: 'de',
          created: true,
          findings: [
            { code: 'wt_day_over_max', date: '2026-11-18', worked_minutes: 630, max_minutes: 600 },
            { code: 'wt_break_short', date: '2026-11-18', worked_minutes: 630, break_minutes: 0, required_minutes: 45 },
            { code: 'wt_stretch_over_max', date: '2026-11-18', start: '2026-11-18T04:30:00+01:00', end: '2026-11-18T15:00:00+01:00', minutes: 630 },
          ],
        },
      },
    ]);
  });

  it('says nothing where the day it closes stays within the rules', async () => {
    moving = Date.parse('2026-11-18T07:00:00Z');
    const { run, context } = await openMoving({ settings: rules('de') });
    await run(clockIn, {});
    moving = Date.parse('2026-11-18T11:00:00Z');
    const out = await run(clockOut, {});
    expect(out.data.stopped.minutes).toBe(240);
    expect(context.notes).toEqual([]);
  });
});
