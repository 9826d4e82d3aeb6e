// The everyday tools' refusals as an AI client receives them from the engine in process (test/support/
// engine.ts): the model's sentence as the text, and the refusal as data in the structured part
// (docs/tools.md, "Refusals and notices"), one code of each family (contract/outcomes/: input.ts,
// entries.ts, catalog.ts, leave.ts, agents.ts). The timer's (timer.ts) are the behaviour suite's, on every
// back end (test/behaviour/timer.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf, type ToolResult } from '../../support/engine.ts';

const NOW = '2026-11-18T15:00:00+01:00';
const SETTINGS = { timezone: 'Europe/Berlin', tools: { enabled: { delete_time_entry: true, record_agent_time: true } } };

let engine: InProcessEngineHandle | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function start(options: { decline?: boolean } = {}): Promise<InProcessEngineHandle> {
  engine = await startInProcessEngine({
    userDataDir: makeUserDataDir(SETTINGS),
    env: { PUNCHCARD_NOW: NOW },
    ...(options.decline ? { elicitation: () => ({ action: 'decline' as const }) } : {}),
  });
  return engine;
}

function refusalIn(result: ToolResult): unknown {
  expect(result.isError).toBe(true);
  return refusalOf(result);
}

describe('the everyday tools refuse with a code and its facts', () => {
  it('words that cannot be read, an entry, a catalog name, leave, an agent’s time', async () => {
    const handle = await start();
    const unreadable = await handle.call('list_time_entries', { from: 'next friday' });
    expect(textOf(unreadable)).toBe('from: Could not read "next friday" as a date. Use a date such as 2026-11-18, or today, yesterday or tomorrow.');
    expect(refusalIn(unreadable)).toEqual({ code: 'date_unreadable', facts: { field: 'from', text: 'next friday', example: '2026-11-18' } });

    expect(refusalIn(await handle.call('log_time', { date: 'yesterday' }))).toEqual({ code: 'entry_span_missing', facts: {} });
    expect(refusalIn(await handle.call('log_time', { start: '09:00', end: '10:00', project: 'Nope' }))).toMatchObject({
      code: 'catalog_item_unknown',
      facts: { kind: 'project', name: 'Nope', listed: true },
    });
    expect(refusalIn(await handle.call('request_leave', { type: 'vacation', first_day: '2026-11-21', last_day: '2026-11-22' }))).toEqual({
      code: 'leave_no_working_days',
      facts: {
        days: [
          { date: '2026-11-21', reason: 'day_off', holiday: null },
          { date: '2026-11-22', reason: 'day_off', holiday: null },
        ],
      },
    });
    const agent = await handle.call('record_agent_time', { start: '09:00', end: '10:00', description: ' ', project: 'Importer' });
    expect(refusalIn(agent)).toEqual({ code: 'agent_description_missing', facts: {} });
  });

  it('a question the person declined: what stays as it was, in parts', async () => {
    const handle = await start({ decline: true });
    const logged = await handle.call('log_time', { start: '09:00', end: '10:00' });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    const declined = await handle.call('delete_time_entry', { id });
    expect(textOf(declined)).toBe(`Time entry #${id} was not deleted: you said no when asked. Nothing was changed.`);
    expect(refusalIn(declined)).toEqual({
      code: 'question_declined',
      facts: { answer: 'decline', unchanged: [{ model: `Time entry #${id}`, people: 'This time entry' }, ' was not deleted'] },
    });
  });
});
