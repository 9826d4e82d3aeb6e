// The tools that change what is already recorded (off by default, switched on here), the listing
// tools, and the messages people get when a request cannot be carried out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';

const NOW = '2026-11-18T15:00:00+01:00';

describe('corrections and refusals', () => {
  let engine: InProcessEngineHandle;
  beforeAll(async () => {
    const userDataDir = makeUserDataDir({
      timezone: 'Europe/Berlin',
      tools: {
        groups: { entries: true, catalog: true, leave: true },
        enabled: { update_time_entry: true, delete_time_entry: true, archive_catalog_item: true, cancel_leave_request: true },
      },
    });
    engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW } });
    await engine.call('create_catalog_item', { kind: 'customer', name: 'Acme' });
    await engine.call('create_catalog_item', { kind: 'project', name: 'Website', parent: 'Acme' });
    await engine.call('create_catalog_item', { kind: 'project', name: 'Intranet' });
    await engine.call('create_catalog_item', { kind: 'activity', name: 'Meeting' });
  });
  afterAll(async () => engine?.close());

  it('lists the catalog with parents, and filters by name', async () => {
    const all = await engine.call('list_catalog');
    expect(all.structuredContent).toMatchObject({
      customers: [{ name: 'Acme', parent: null }],
      projects: [
        { name: 'Intranet', parent: null },
        { name: 'Website', parent: 'Acme' },
      ],
      activities: [{ name: 'Meeting', parent: null }],
    });
    const filtered = await engine.call('list_catalog', { search: 'web' });
    expect((filtered.structuredContent?.projects as unknown[]).length).toBe(1);
  });

  it('edits an entry: moves it, changes its project, clears its activity', async () => {
    const logged = await engine.call('log_time', { start: '10:00', end: '11:00', project: 'Website', activity: 'Meeting' });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    const updated = await engine.call('update_time_entry', { id, start: '09:30', project: 'Intranet', activity: '' });
    expect(updated.structuredContent).toMatchObject({
      entry: { id, start: '2026-11-18T09:30:00+01:00', end: '2026-11-18T11:00:00+01:00', minutes: 90, project: 'Intranet', activity: null },
    });
    expect(textOf(await engine.call('update_time_entry', { id }))).toMatch(/Nothing to change/);
    expect(textOf(await engine.call('update_time_entry', { id, end: '09:00' }))).toMatch(/end before it starts/);
  });

  it('deletes an entry and says so, and a second delete finds nothing', async () => {
    const logged = await engine.call('log_time', { date: 'today', duration: '30m' });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    const deleted = await engine.call('delete_time_entry', { id });
    expect(deleted.structuredContent).toMatchObject({ deleted: { id, minutes: 30 } });
    const again = await engine.call('delete_time_entry', { id });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toBe(`There is no time entry #${id}.`);
  });

  it('archives a project so it is no longer offered, and restores it', async () => {
    const archived = await engine.call('archive_catalog_item', { kind: 'project', id: 2 });
    expect(archived.structuredContent).toMatchObject({ name: 'Intranet', archived: true });
    const refused = await engine.call('clock_in', { project: 'Intranet' });
    expect(textOf(refused)).toMatch(/"Intranet" is archived/);
    await engine.call('archive_catalog_item', { kind: 'project', id: 2, archived: false });
    expect((await engine.call('clock_in', { project: 'intranet' })).isError).toBeFalsy();
    await engine.call('clock_out');
  });

  it('lists and cancels leave; a cancelled request frees its days', async () => {
    const filed = await engine.call('request_leave', { type: 'sick', first_day: '2026-11-16', last_day: '2026-11-17' });
    const id = (filed.structuredContent?.request as { id: number }).id;
    expect((await engine.call('list_leave_requests')).structuredContent).toMatchObject({ requests: [{ id, type: 'sick', days: 2 }] });
    const cancelled = await engine.call('cancel_leave_request', { id });
    expect(cancelled.structuredContent).toMatchObject({ request: { id, status: 'cancelled' } });
    expect((await engine.call('list_leave_requests')).structuredContent).toMatchObject({ requests: [] });
    expect((await engine.call('list_leave_requests', { include_cancelled: true })).structuredContent).toMatchObject({ requests: [{ id }] });
    expect((await engine.call('request_leave', { type: 'sick', first_day: '2026-11-17' })).isError).toBeFalsy();
  });

  it('counts half days', async () => {
    const half = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-03', last_day: '2026-12-04', first_day_part: 'afternoon' });
    expect(half.structuredContent).toMatchObject({ request: { days: 1.5 } });
    const weekend = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-05', last_day: '2026-12-06' });
    expect(textOf(weekend)).toMatch(/No working days in that range/);
  });

  it.each([
    ['clock_in', { start: '9am tomorrow' }, /start: Could not read "9am tomorrow"/],
    ['clock_in', { start: '23:00' }, /start is in the future/],
    ['clock_in', { project: 'Webshop' }, /No project "Webshop"\. Known: .*Create it with create_catalog_item/],
    ['log_time', { duration: '90' }, /duration: .*unit/i],
    ['log_time', { start: '10:00' }, /Give start and end, or a duration/],
    ['log_time', { start: '08:00', end: '07:00' }, /end must be after start/],
    ['log_time', { date: 'yesterday', duration: '1h', start: '2026-11-17T10:00' }, /With a date, give start and end as times of day/],
    ['list_time_entries', { from: '2026-11-18', to: '2026-11-01' }, /before from/],
    ['time_report', { from: '2026-02-30' }, /from: /],
    ['request_leave', { type: 'vacation', first_day: '2026-12-10', last_day: '2026-12-01' }, /./],
    ['absence_calendar', { from: '2026-01-01', to: '2026-12-31' }, /ask for at most 92 at a time/],
    ['create_catalog_item', { kind: 'project', name: 'Website' }, /already exists/],
    ['create_catalog_item', { kind: 'customer', name: 'Beta', parent: 'Acme' }, /A customer has no parent/],
    ['archive_catalog_item', { kind: 'activity', id: 99 }, /There is no activity #99/],
  ])('%s %j explains what to change', async (name, args, message) => {
    const result = await engine.call(name, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });

  it('rejects arguments of the wrong type before the tool runs', async () => {
    const result = await engine.call('delete_time_entry', { id: 'seven' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/id/);
  });
});
