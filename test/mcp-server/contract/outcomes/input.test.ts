// The refusals of a person's words (contract/outcomes/input.ts) as the tools throw them on the real
// local timesheet: each carries what was written, where, and what to write instead, as data; the
// model's sentences are pinned by the tools' own tests, so a few of a person's are checked here.
import { describe, expect, it } from 'vitest';
import { createAsker, InputNeeded } from '../../../../mcp-server/tools/asking.ts';
import clockIn from '../../../../mcp-server/tools/clock-in.ts';
import deleteTimeEntry from '../../../../mcp-server/tools/delete-time-entry.ts';
import listTimeEntries from '../../../../mcp-server/tools/list-time-entries.ts';
import logTime from '../../../../mcp-server/tools/log-time.ts';
import requestLeave from '../../../../mcp-server/tools/request-leave.ts';
import timeReport from '../../../../mcp-server/tools/time-report.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const NINE_TODAY = '2026-11-18T09:00:00+01:00';
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('a time that cannot be read', () => {
  it.each([
    ['9am tomorrow', { code: 'time_unreadable', facts: { field: 'start', text: '9am tomorrow', example: NINE_TODAY } }],
    [
      'yesterday 25:00',
      { code: 'time_of_day_out_of_range', facts: { field: 'start', text: 'yesterday 25:00', part: 'hours', written: 'clock', example: NINE_TODAY } },
    ],
    [
      '2026-11-18T09:00:60Z',
      { code: 'time_of_day_out_of_range', facts: { field: 'start', text: '2026-11-18T09:00:60Z', part: 'seconds', written: 'iso', example: NINE_TODAY } },
    ],
    ['2026-11-18T09:00+25:00', { code: 'utc_offset_unreadable', facts: { field: 'start', text: '2026-11-18T09:00+25:00', offset: '+25:00' } }],
    ['2026-02-30T09:00', { code: 'day_not_real', facts: { field: 'start', date: '2026-02-30', month_days: 28, reading: 'time', example: NINE_TODAY } }],
    ['2026-13-01T09:00', { code: 'day_not_real', facts: { field: 'start', date: '2026-13-01', month_days: null, reading: 'time', example: NINE_TODAY } }],
    ['1999-12-31T09:00', { code: 'year_out_of_range', facts: { field: 'start', date: '1999-12-31', first_year: 2000, last_year: 2100 } }],
  ])('%s: the argument, what was written and what to write', async (start, expected) => {
    const { run } = await timesheet();
    expect(await refusalOf(run(logTime, { start, duration: '1h' }))).toEqual(expected);
  });

  it('a time ahead of now carries it as the engine writes instants', async () => {
    const { run } = await timesheet();
    const refusal = await refusalOf(run(clockIn, { start: '23:30' }));
    expect(refusal).toEqual({ code: 'time_in_future', facts: { field: 'start', time: '2026-11-18T23:30:00+01:00' } });
    expect(forPeople(refusal)).toBe('The start is in the future (Nov 18, 2026, 11:30 PM). Use a time up to now.');
  });

  it('a person reads the field by its name, and no ISO example', async () => {
    const { run } = await timesheet();
    expect(forPeople(await refusalOf(run(logTime, { start: '9am tomorrow', duration: '1h' })))).toBe(
      'Start: Could not read "9am tomorrow" as a time. Write a time such as 09:00.',
    );
  });
});

describe('a day that cannot be read', () => {
  it('a day the calendar lacks, or in no shape, with today to write instead', async () => {
    const { run } = await timesheet();
    expect(await refusalOf(run(listTimeEntries, { from: '2026-02-29' }))).toEqual({
      code: 'day_not_real',
      facts: { field: 'from', date: '2026-02-29', month_days: 28, reading: 'date', example: '2026-11-18' },
    });
    const unreadable = await refusalOf(run(listTimeEntries, { from: 'next friday' }));
    expect(unreadable).toEqual({ code: 'date_unreadable', facts: { field: 'from', text: 'next friday', example: '2026-11-18' } });
    expect(forPeople(unreadable)).toBe('First day: Could not read "next friday" as a date. Use a date, or today, yesterday or tomorrow.');
  });

  it('a day outside the years Punchcard works with, in the person’s calendar', async () => {
    const { run } = await timesheet();
    const refusal = await refusalOf(run(requestLeave, { type: 'vacation', first_day: '2101-01-01', last_day: '9999-12-31' }));
    expect(refusal).toEqual({ code: 'year_out_of_range', facts: { field: 'first_day', date: '2101-01-01', first_year: 2000, last_year: 2100 } });
    expect(forPeople(refusal)).toBe('First day: Jan 1, 2101 is outside the years Punchcard works with (2000 to 2100).');
  });
});

describe('a duration that cannot be read', () => {
  it.each([
    ['', { code: 'duration_missing', facts: { field: 'duration' } }],
    ['-1h', { code: 'duration_negative', facts: { field: 'duration', text: '-1h' } }],
    ['1,5', { code: 'duration_unit_missing', facts: { field: 'duration', text: '1,5', amount: 1.5 } }],
    ['0', { code: 'duration_zero', facts: { field: 'duration', text: '0' } }],
    ['a while', { code: 'duration_unreadable', facts: { field: 'duration', text: 'a while' } }],
    ['20s', { code: 'duration_unreadable', facts: { field: 'duration', text: '20s' } }],
    ['PT20S', { code: 'duration_under_a_minute', facts: { field: 'duration', text: 'PT20S' } }],
    ['26h', { code: 'duration_over_a_day', facts: { field: 'duration', text: '26h' } }],
  ])('"%s"', async (duration, expected) => {
    const { run } = await timesheet();
    expect(await refusalOf(run(logTime, { date: 'yesterday', duration }))).toEqual(expected);
  });
});

describe('a range of days', () => {
  it('reversed, too long, or over too many years: the days and the limit', async () => {
    const { run } = await timesheet();
    const reversed = await refusalOf(run(listTimeEntries, { from: '2026-05-03', to: '2026-05-01' }));
    expect(reversed).toEqual({ code: 'range_reversed', facts: { from: '2026-05-03', to: '2026-05-01' } });
    expect(forPeople(reversed)).toBe('The last day (May 1, 2026) is before the first day (May 3, 2026).');
    expect(await refusalOf(run(listTimeEntries, { from: '2024-01-01', to: '2026-12-31' }))).toEqual({
      code: 'range_too_long',
      facts: { from: '2024-01-01', to: '2026-12-31', days: 1096, limit: 366 },
    });
    expect(await refusalOf(run(timeReport, { from: '2024-01-01', to: '2026-12-31' }))).toEqual({
      code: 'range_too_many_years',
      facts: { from: '2024-01-01', to: '2026-12-31', years: 3, limit: 2 },
    });
  });
});

describe('an answer to a question', () => {
  it('declined: what stays as it was, the record by its number for a model and in front of a person', async () => {
    const { run, context } = await timesheet();
    const { id } = (await run(logTime, { start: '09:00', end: '10:00', description: 'layout' })).data.entry;
    const args = { id };
    const question = (await deleteTimeEntry
      .handler(args, { ...context, ask: createAsker({ tool: 'delete_time_entry', args, state: undefined, responses: undefined }) })
      .catch((error: unknown) => error)) as InputNeeded;
    expect(question).toBeInstanceOf(InputNeeded);
    const dismissed = createAsker({ tool: 'delete_time_entry', args, state: question.state, responses: { delete: { action: 'cancel' } } });
    const refusal = await refusalOf(deleteTimeEntry.handler(args, { ...context, ask: dismissed }));
    expect(refusal).toEqual({
      code: 'question_declined',
      facts: { answer: 'cancel', unchanged: [{ model: `Time entry #${id}`, people: 'This time entry' }, ' was not deleted'] },
    });
    expect(forPeople(refusal)).toBe('This time entry was not deleted: the question was dismissed without an answer. Nothing was changed.');
  });

  it('a choice that was not offered is never acted on', async () => {
    const args = { project: 'design' };
    const choice = {
      key: 'project',
      message: 'Which?',
      title: 'Project',
      options: [
        { id: 3, label: 'UI design' },
        { id: 4, label: 'Graphic design' },
      ],
      unchanged: 'No project was chosen',
    };
    let asked: unknown;
    try {
      createAsker({ tool: 'clock_in', args, state: undefined, responses: undefined }).choose(choice);
    } catch (error) {
      asked = error;
    }
    expect(asked).toBeInstanceOf(InputNeeded);
    const answer = { project: { action: 'accept', content: { choice: '5' } } };
    const refusal = await refusalOf(() => createAsker({ tool: 'clock_in', args, state: (asked as InputNeeded).state, responses: answer }));
    expect(refusal).toEqual({ code: 'answer_not_offered', facts: {} });
  });
});
