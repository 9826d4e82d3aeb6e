// list_time_entries's handler on the real local timesheet, at a clock that stands still: this week up
// to today by default, oldest first, a line per entry in the person's zone; a project narrows the list,
// a limit pages it with the next offset said, and an unknown project is refused in words.
import { describe, expect, it } from 'vitest';
import clockIn from '../../../mcp-server/tools/clock-in.ts';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import listTimeEntries from '../../../mcp-server/tools/list-time-entries.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin; the week began on Monday the 16th.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Last Friday's entry, two this week (one on Website), and a timer running since 14:00. */
async function timesheet() {
  const local = await openTimesheet();
  const { run } = local;
  await run(createCatalogItem, { kind: 'project', name: 'Website' });
  const friday = await run(logTime, { start: '2026-11-13 09:00', end: '2026-11-13 10:00', description: 'last week' });
  const monday = await run(logTime, { start: '2026-11-16 09:00', end: '2026-11-16 11:30', project: 'Website', description: 'layout' });
  const today = await run(logTime, { start: '08:00', end: '09:15', description: 'mail' });
  const running = await run(clockIn, { start: '14:00', description: 'support' });
  return { ...local, ids: { friday: friday.data.entry.id, monday: monday.data.entry.id, today: today.data.entry.id, running: running.data.started.id } };
}

describe('list_time_entries', () => {
  it("lists this week's entries oldest first, the running one until now", async () => {
    const { run, ids } = await timesheet();
    const { text, data } = await run(listTimeEntries, {});
    expect(text).toBe(
      [
        '3 entries from 2026-11-16 to 2026-11-18.',
        `#${ids.monday} 2026-11-16 09:00–11:30 2 h 30 min "Website" — "layout"`,
        `#${ids.today} 2026-11-18 08:00–09:15 1 h 15 min no project — "mail"`,
        `#${ids.running} 2026-11-18 14:00–running 1 h no project — "support"`,
      ].join('\n'),
    );
    expect(data.entries.map((entry) => entry.id)).toEqual([ids.monday, ids.today, ids.running]);
    expect(data).toMatchObject({ total: 3, next_offset: null });
  });

  it('lists a range given, and only a project where one is named', async () => {
    const { run, ids } = await timesheet();
    const week = await run(listTimeEntries, { from: '2026-11-13', to: '2026-11-18', project: 'website' });
    expect(week.text.split('\n')).toEqual(['1 entry from 2026-11-13 to 2026-11-18.', `#${ids.monday} 2026-11-16 09:00–11:30 2 h 30 min "Website" — "layout"`]);
    expect(week.data).toMatchObject({ total: 1, next_offset: null });
    const friday = await run(listTimeEntries, { from: '2026-11-13', to: '2026-11-13' });
    expect(friday.data.entries.map((entry) => entry.id)).toEqual([ids.friday]);
  });

  it('pages with a limit, saying which entries it shows and the next offset', async () => {
    const { run, ids } = await timesheet();
    const first = await run(listTimeEntries, { limit: 2 });
    expect(first.text.split('\n')[0]).toBe('3 entries from 2026-11-16 to 2026-11-18 (showing 1–2; next offset 2).');
    expect(first.data).toMatchObject({ total: 3, next_offset: 2 });
    const second = await run(listTimeEntries, { limit: 2, offset: 2 });
    expect(second.data.entries.map((entry) => entry.id)).toEqual([ids.running]);
    expect(second.data.next_offset).toBeNull();
  });

  it('refuses a project the catalog does not have, naming the ones it does', async () => {
    const { run } = await timesheet();
    await expect(run(listTimeEntries, { project: 'Intranet' })).rejects.toThrow(/No project "Intranet"\. Known: "Website"/);
  });
});
