// The refusals of the timer's tools (contract/outcomes/timer.ts) as they throw them on the real local
// timesheet: clocking in while a timer runs carries what runs (the app's Status screen shows it from
// the facts), clocking out with none or before it started, a break type that is none.
import { describe, expect, it } from 'vitest';
import clockIn from '../../../../mcp-server/tools/clock-in.ts';
import clockOut from '../../../../mcp-server/tools/clock-out.ts';
import { shift } from '../../tools/break-shift.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });
const opened = closeAfterEach();

describe('clock_in while a timer runs', () => {
  it('carries the running entry: its number, names, description as it came, since when and for how long', async () => {
    const { run } = await timesheet();
    const { id } = (await run(clockIn, { start: '13:05', description: 'Ticket #4711: export fails\nsecond line' })).data.started;
    const refusal = await refusalOf(run(clockIn, { description: 'meeting' }));
    expect(refusal).toEqual({
      code: 'clock_in_timer_running',
      facts: {
        entry: id,
        project: null,
        activity: null,
        description: 'Ticket #4711: export fails\nsecond line',
        since: '2026-11-18T13:05:00+01:00',
        minutes: 115,
      },
    });
    // The person's own "#4711" is their words, not a record's number.
    expect(forPeople(refusal)).toBe(
      'A timer is already running: no project — "Ticket #4711: export fails" since 13:05 (1 h 55 min). Clock out first, or switch to stop it and start the new one.',
    );
  });
});

describe('clock_out', () => {
  it('with no timer running: nothing to clock out of; the pointer to log_time is the model’s alone', async () => {
    const { run } = await timesheet();
    const refusal = await refusalOf(run(clockOut, {}));
    expect(refusal).toEqual({ code: 'clock_out_no_timer', facts: {} });
    expect(forPeople(refusal)).toBe('No timer is running, so there is nothing to clock out of.');
  });

  it('at an end before the timer started: when it started, as the engine writes instants', async () => {
    const { run } = await timesheet();
    await run(clockIn, { start: '13:00' });
    const refusal = await refusalOf(run(clockOut, { end: '12:00' }));
    expect(refusal).toEqual({ code: 'clock_out_before_start', facts: { started: '2026-11-18T13:00:00+01:00' } });
    expect(forPeople(refusal)).toBe('The end is before the timer started (13:00). Give a later end time.');
  });
});

describe('start_break', () => {
  it('with a type that is none: the name given and those the person may take', async () => {
    const some = opened(await shift());
    expect(await refusalOf(some.start({ type: 'Nap' }))).toEqual({ code: 'break_type_unknown', facts: { name: 'Nap', known: ['Lunch', 'Short break'] } });
    const none = opened(await shift({ types: [] }));
    expect(await refusalOf(none.start({ type: 'Nap' }))).toEqual({ code: 'break_type_unknown', facts: { name: 'Nap', known: [] } });
  });
});
