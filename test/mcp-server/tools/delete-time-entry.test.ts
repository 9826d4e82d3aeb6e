// delete_time_entry's handler on the real local timesheet, at a clock that stands still: where the
// client cannot ask (NO_ASKING, mcp-server/tools/asking.ts) the entry goes and the words say which;
// where it can, the person is asked first with the entry described, and only a yes deletes it.
import { describe, expect, it } from 'vitest';
import { createAsker, InputNeeded } from '../../../mcp-server/tools/asking.ts';
import deleteTimeEntry from '../../../mcp-server/tools/delete-time-entry.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const DAY = { from: Date.parse('2026-11-17T23:00:00Z'), to: Date.parse('2026-11-18T23:00:00Z'), limit: 50, offset: 0 };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** A timesheet with two entries today: 09:00–10:30 "layout" and 11:00–12:00 "review". */
async function timesheetWithEntries() {
  const local = await openTimesheet();
  const first = await local.run(logTime, { start: '09:00', end: '10:30', description: 'layout' });
  const second = await local.run(logTime, { start: '11:00', end: '12:00', description: 'review' });
  return { ...local, id: first.data.entry.id, other: second.data.entry.id };
}

describe('delete_time_entry', () => {
  it('deletes the entry named and only that one, saying what went', async () => {
    const { run, tracker, id, other } = await timesheetWithEntries();
    const { text, data } = await run(deleteTimeEntry, { id });
    expect(text).toBe(`Deleted #${id}: no project — "layout", 1 h 30 min from 2026-11-18T09:00:00+01:00.`);
    expect(data.deleted).toMatchObject({ id });
    const { entries } = await tracker.entries.listEntries(DAY);
    expect(entries.map((entry) => entry.id)).toEqual([other]);
  });

  it('refuses an entry id the timesheet does not have, and deletes nothing', async () => {
    const { run, tracker, id } = await timesheetWithEntries();
    await expect(run(deleteTimeEntry, { id: id + 41 })).rejects.toThrow(`There is no time entry #${id + 41}.`);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(2);
  });

  it('where the client can ask, asks first, describing the entry, and deletes nothing before the answer', async () => {
    const { tracker, id, context } = await timesheetWithEntries();
    const args = { id };
    const firstRound = { ...context, ask: createAsker({ tool: 'delete_time_entry', args, state: undefined, responses: undefined }) };
    const asked = await deleteTimeEntry.handler(args, firstRound).then(
      () => null,
      (error: unknown) => error,
    );
    expect(asked).toBeInstanceOf(InputNeeded);
    const question = asked as InputNeeded;
    expect(question.params.message).toBe(`Delete time entry #${id} for good? no project — "layout", 1 h 30 min from 2026-11-18T09:00:00+01:00.`);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(2);

    // The person says yes: the next round carries the state the question went out with.
    const accepted = createAsker({ tool: 'delete_time_entry', args, state: question.state, responses: { delete: { action: 'accept', content: {} } } });
    const { text } = await said(deleteTimeEntry.handler(args, { ...context, ask: accepted }));
    expect(text).toBe(`Deleted #${id}: no project — "layout", 1 h 30 min from 2026-11-18T09:00:00+01:00.`);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(1);
  });

  it('where the person says no, deletes nothing and says so', async () => {
    const { tracker, id, context } = await timesheetWithEntries();
    const args = { id };
    const question = await deleteTimeEntry
      .handler(args, { ...context, ask: createAsker({ tool: 'delete_time_entry', args, state: undefined, responses: undefined }) })
      .then(
        () => null,
        (error: unknown) => error as InputNeeded,
      );
    const declined = createAsker({ tool: 'delete_time_entry', args, state: question?.state, responses: { delete: { action: 'decline' } } });
    await expect(deleteTimeEntry.handler(args, { ...context, ask: declined })).rejects.toThrow(
      `Time entry #${id} was not deleted: you said no when asked. Nothing was changed.`,
    );
    expect((await tracker.entries.listEntries(DAY)).total).toBe(2);
  });
});
