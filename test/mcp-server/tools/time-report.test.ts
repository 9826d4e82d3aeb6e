// time_report's handler on the real local timesheet, at a clock that stands still, with the default
// week of five 8-hour days: worked time by day against each day's target, overtime counted only up
// to today, leave taking a day's target, a project report without targets, and an unknown project.
import { describe, expect, it } from 'vitest';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import timeReport from '../../../mcp-server/tools/time-report.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin; the week runs from Monday the 16th to Sunday the 22nd.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Monday 9 h on Website, Tuesday 7 h 30 min without a project, today 2 h on Website; last Friday 8 h. */
async function timesheet() {
  const local = await openTimesheet();
  const { run } = local;
  await run(createCatalogItem, { kind: 'project', name: 'Website' });
  await run(logTime, { start: '2026-11-13 09:00', end: '2026-11-13 17:00' });
  await run(logTime, { start: '2026-11-16 08:00', end: '2026-11-16 17:00', project: 'Website' });
  await run(logTime, { start: '2026-11-17 09:00', end: '2026-11-17 16:30' });
  await run(logTime, { start: '09:00', end: '11:00', project: 'Website' });
  return local;
}

describe('time_report', () => {
  it('reports this whole week by day against the targets, the balance counted up to today', async () => {
    const { run } = await timesheet();
    const { text, data } = await run(timeReport, {});
    expect(text).toBe(
      [
        'Total 18 h 30 min from 2026-11-16 to 2026-11-22; target 40 h, 24 h of it up to today (2026-11-18); shortfall 5 h 30 min.',
        '2026-11-16: 9 h of 8 h',
        '2026-11-17: 7 h 30 min of 8 h',
        '2026-11-18: 2 h of 8 h',
        '2026-11-19: 0 min of 8 h',
        '2026-11-20: 0 min of 8 h',
        '2026-11-21: 0 min of 0 min',
        '2026-11-22: 0 min of 0 min',
      ].join('\n'),
    );
    expect(data).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-22',
      today: '2026-11-18',
      total_minutes: 1110,
      target_minutes: 2400,
      target_so_far_minutes: 1440,
      overtime_minutes: -330,
      back_end_balance: null,
    });
  });

  it('says overtime for a past range worked beyond its target', async () => {
    const { run } = await timesheet();
    const { text, data } = await run(timeReport, { from: '2026-11-16', to: '2026-11-16' });
    expect(text).toBe('Total 9 h from 2026-11-16 to 2026-11-16; target 8 h; overtime 1 h.\n2026-11-16: 9 h of 8 h');
    expect(data.overtime_minutes).toBe(60);
  });

  it("takes a day of vacation out of that day's target and names it", async () => {
    const { run } = await timesheet();
    await run(requestLeave, { type: 'vacation', first_day: '2026-11-20', last_day: '2026-11-20' });
    const { data } = await run(timeReport, {});
    expect(data.target_minutes).toBe(1920);
    expect(data.groups.find((group) => group.key === '2026-11-20')).toEqual({ key: '2026-11-20', minutes: 0, target_minutes: 0, leave: 'vacation' });
  });

  it("reports one project's time without targets", async () => {
    const { run } = await timesheet();
    const { text, data } = await run(timeReport, { project: 'Website' });
    expect(text).toBe('Total 11 h from 2026-11-16 to 2026-11-22.\n2026-11-16: 9 h\n2026-11-18: 2 h');
    expect(data).toMatchObject({ total_minutes: 660, target_minutes: null, overtime_minutes: null });
  });

  it('groups by project where asked, largest first, without targets per group', async () => {
    const { run } = await timesheet();
    const { text, data } = await run(timeReport, { group_by: 'project' });
    expect(data.groups).toEqual([
      { key: 'Website', minutes: 660 },
      { key: '(no project)', minutes: 450 },
    ]);
    expect(text.split('\n').slice(1)).toEqual(['"Website": 11 h', '(no project): 7 h 30 min']);
  });

  it('refuses a project the catalog does not have, naming the ones it does', async () => {
    const { run } = await timesheet();
    await expect(run(timeReport, { project: 'Intranet' })).rejects.toThrow(/No project "Intranet"\. Known: "Website"/);
  });
});
