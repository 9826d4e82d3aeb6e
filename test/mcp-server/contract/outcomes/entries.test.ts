// The refusals of a time entry as the tools are asked to book or change it (contract/outcomes/entries.ts),
// thrown on the real local timesheet: a span the wrong way round or over a day, log_time's ways of
// giving one mixed up, a change of nothing, an entry the back end keeps from changes.
import { describe, expect, it } from 'vitest';
import logTime from '../../../../mcp-server/tools/log-time.ts';
import updateTimeEntry from '../../../../mcp-server/tools/update-time-entry.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

describe('booking an entry', () => {
  it.each([
    [{ start: '10:00', end: '09:00' }, 'entry_end_not_after_start'],
    [{ start: 'yesterday 08:00', end: '10:00' }, 'entry_over_a_day'],
    [{ start: '2026-11-17T09:00', end: '10:00', date: 'today' }, 'entry_span_and_date'],
    [{ start: 'yesterday 09:00', duration: '1h', date: 'today' }, 'entry_span_and_date'],
    [{ start: '09:00', end: '10:00', duration: '1h' }, 'entry_end_and_duration'],
    [{ date: 'yesterday' }, 'entry_span_missing'],
  ])('%j: %s, with no facts (the arguments say it all)', async (args, code) => {
    const { run, tracker } = await timesheet();
    expect(await refusalOf(run(logTime, args))).toEqual({ code, facts: {} });
    expect((await tracker.entries.listEntries({ from: 0, to: NOW + 86_400_000, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('a date with times of day books them on that day, across a change of the clocks as without a date', async () => {
    const { run, tracker } = await timesheet();
    await run(logTime, { date: '2026-11-16', start: '7:00', end: '18:30', description: 'long day' });
    await run(logTime, { date: 'yesterday', start: '08:00', duration: '30m' });
    await run(logTime, { date: '2026-10-25', end: '02:30', duration: '1h' });
    const entries = (await tracker.entries.listEntries({ from: 0, to: NOW, limit: 10, offset: 0 })).entries;
    expect(entries.map((entry) => [new Date(entry.start).toISOString(), new Date(entry.end as number).toISOString()]).sort()).toEqual([
      // 25 October: the clocks went back at 03:00; 02:30 is read as the later one, the hour before it the first.
      ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
      ['2026-11-16T06:00:00.000Z', '2026-11-16T17:30:00.000Z'],
      ['2026-11-17T07:00:00.000Z', '2026-11-17T07:30:00.000Z'],
    ]);
  });

  it('a date with a time of day that is not one says which field', async () => {
    const { run } = await timesheet();
    expect(await refusalOf(run(logTime, { date: '2026-11-16', start: '25:00', end: '26:00' }))).toMatchObject({
      code: 'time_of_day_out_of_range',
      facts: { field: 'start' },
    });
    expect(await refusalOf(run(logTime, { date: '2026-02-30', start: '09:00', end: '10:00' }))).toMatchObject({ code: 'day_not_real' });
  });

  it('a person reads the end and the start as fields, and no example in JSON', async () => {
    const { run } = await timesheet();
    expect(forPeople(await refusalOf(run(logTime, { start: '10:00', end: '09:00' })))).toBe('The end must be after the start.');
    expect(forPeople(await refusalOf(run(logTime, { date: 'yesterday' })))).toBe('Give start and end, or a duration (with a date or a start).');
  });
});

describe('changing an entry', () => {
  it('with nothing to change', async () => {
    const { run } = await timesheet();
    const { id } = (await run(logTime, { start: '09:00', end: '10:00' })).data.entry;
    expect(await refusalOf(run(updateTimeEntry, { id }))).toEqual({ code: 'entry_change_missing', facts: {} });
  });

  it('that the back end keeps from changes: the entry and the back end’s reason as it came', async () => {
    const { run, context, tracker } = await timesheet();
    const { id } = (await run(logTime, { start: '09:00', end: '10:00' })).data.entry;
    // The local timesheet locks nothing; a back end that does says why on the entry (TimeEntry.locked).
    const entries = {
      ...tracker.entries,
      getEntry: async (wanted: number) => ({ ...(await tracker.entries.getEntry(wanted)), locked: 'It is exported in Kimai.' }),
    };
    const locked = { ...context, tracker: { ...tracker, entries } };
    const refusal = await refusalOf(updateTimeEntry.handler(updateTimeEntry.input.parse({ id, description: 'x' }), locked));
    expect(refusal).toEqual({ code: 'entry_locked', facts: { entry: id, reason: 'It is exported in Kimai.' } });
    expect(forPeople(refusal)).toBe('This time entry cannot be changed: It is exported in Kimai. Nothing was changed.');
    expect((await tracker.entries.getEntry(id)).description).toBe('');
  });
});
