// The fake Kimai's ApprovalBundle plugin (fake-kimai-approvals.ts), checked with plain HTTP requests and the users'
// tokens: each route, each refusal, the order of submission, the per-user lockdown, and the plugin absent.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from './fake-kimai.ts';

const [ADA, TOM, ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const BOB: FakeUser = { id: 4, username: 'bob', alias: null, timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-bob-0123456789' };
const NOW = Date.parse('2026-07-15T10:00:00Z'); // a Wednesday
let fake: FakeKimai | undefined;
afterEach(async () => fake?.close());

async function call(path: string, who: FakeUser = ADA, init: RequestInit = {}) {
  const response = await fetch(`${fake?.url}${path}`, { ...init, headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' } });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}
/** `user` is named only for someone else: the plugin checks the right to act for others whenever it is given, oneself included. */
const whose = (user: FakeUser, who: FakeUser) => (user.id === who.id ? '' : `user=${user.id}&`);
const submit = (user: FakeUser, date: string, who: FakeUser = user) =>
  call(`/api/approval-bundle/add_to_approve?${whose(user, who)}date=${date}`, who, { method: 'POST' });
const weekStatus = (user: FakeUser, date: string, who: FakeUser = user) => call(`/api/approval-bundle/week-status?${whose(user, who)}date=${date}`, who);

/** Ada with one record in each of the weeks of 29 June, 6 July and 13 July 2026; Tom leads a team with Ada, Bob is in none. */
async function seeded(approvalPlugin = true) {
  fake = await startFakeKimai({ users: [...DEFAULT_USERS, BOB], now: () => NOW, config: { approvalPlugin } });
  const customer = fake.addCustomer('ACME');
  const project = fake.addProject('Website', customer.id);
  const activity = fake.addActivity('Design', project.id);
  const sheets = ['2026-06-30', '2026-07-07', '2026-07-14'].map((day) =>
    (fake as FakeKimai).addTimesheet({
      userId: ADA.id,
      begin: Date.parse(`${day}T07:00:00Z`),
      end: Date.parse(`${day}T09:00:00Z`),
      projectId: project.id,
      activityId: activity.id,
    }),
  );
  fake.addTimesheet({
    userId: BOB.id,
    begin: Date.parse('2026-07-07T07:00:00Z'),
    end: Date.parse('2026-07-07T08:00:00Z'),
    projectId: project.id,
    activityId: activity.id,
  });
  fake.addTeam('Crew', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
  return { fake, project, activity, sheets };
}

describe('the fake Kimai with the ApprovalBundle plugin', () => {
  it('submits the weeks in order, Monday-based, answering the week URL, and refuses a week twice', async () => {
    await seeded();
    expect(await call('/api/approval-bundle/next-week')).toEqual({ status: 200, json: '2026-06-29' });
    expect(await weekStatus(ADA, '2026-07-01')).toEqual({ status: 200, json: 'Not submitted' });
    // An earlier week is still open: refused, and nothing changed.
    expect(await submit(ADA, '2026-07-08')).toMatchObject({ status: 400, json: 'Please add previous weeks to approve' });
    expect(await weekStatus(ADA, '2026-07-06')).toMatchObject({ json: 'Not submitted' });
    // A Sunday belongs to the week that began the Monday before.
    const first = await submit(ADA, '2026-07-05');
    expect(first).toEqual({ status: 200, json: `${fake?.url}/en/approval/week_by_user?user=${ADA.id}&date=2026-06-29` });
    expect(await weekStatus(ADA, '2026-06-29')).toMatchObject({ json: 'Submitted' });
    expect(await submit(ADA, '2026-06-30')).toMatchObject({ status: 400, json: 'Approval already exists' });
    expect(await call('/api/approval-bundle/next-week')).toMatchObject({ json: '2026-07-06' });
    expect((await submit(ADA, '2026-07-06')).status).toBe(200);
    expect(await call(`/api/approval-bundle/next-week?user=${ADA.id}`, ROOT)).toMatchObject({ json: '2026-07-13' });
    // A plain user who names themselves is refused as for anyone else.
    expect(await call(`/api/approval-bundle/next-week?user=${ADA.id}`)).toMatchObject({ status: 400, json: 'Access denied' });
  });

  it('lets a person act for others only with view_team_approval in a team of theirs, or view_all_approval, refusing with a 400 as the plugin does', async () => {
    await seeded();
    // A plain user for someone else: the plugin's 400, and the week stays open.
    expect(await submit(BOB, '2026-07-06', ADA)).toMatchObject({ status: 400, json: 'Access denied' });
    expect(await weekStatus(BOB, '2026-07-06', ADA)).toMatchObject({ status: 400 });
    expect(await call(`/api/approval-bundle/next-week?user=${BOB.id}`, ADA)).toMatchObject({ status: 400 });
    // The team lead for a member of their team: allowed; for Bob, who is in none of their teams: 400.
    expect(await submit(ADA, '2026-06-29', TOM)).toMatchObject({ status: 200 });
    expect(await submit(BOB, '2026-07-06', TOM)).toMatchObject({ status: 400, json: 'User not from your team' });
    expect(await call(`/api/approval/timesheets?user=${BOB.id}`, TOM)).toMatchObject({ status: 400 });
    // The administrator for anyone.
    expect(await submit(BOB, '2026-07-06', ROOT)).toMatchObject({ status: 200 });
    expect(await weekStatus(BOB, '2026-07-06', ROOT)).toMatchObject({ json: 'Submitted' });
    expect(await weekStatus(BOB, '2026-07-06')).toMatchObject({ status: 200, json: 'Submitted' });
    // An unknown person and a malformed date.
    expect(await call('/api/approval-bundle/week-status?user=99&date=2026-07-06', ROOT)).toMatchObject({ status: 404 });
    expect(await weekStatus(ADA, '06.07.2026')).toMatchObject({ status: 400 });
  });

  it('locks the submitted weeks for their owner: editing or deleting in them is a 403, moving or creating into them a 400', async () => {
    const { project, activity, sheets } = await seeded();
    const [june, july, current] = sheets as [(typeof sheets)[0], (typeof sheets)[0], (typeof sheets)[0]];
    // Before submitting, the record is editable.
    expect((await call(`/api/timesheets/${june.id}`, ADA, { method: 'PATCH', body: JSON.stringify({ description: 'before' }) })).status).toBe(200);
    expect((await submit(ADA, '2026-06-29')).status).toBe(200);
    expect(await call(`/api/timesheets/${june.id}`, ADA, { method: 'PATCH', body: JSON.stringify({ description: 'after' }) })).toMatchObject({ status: 403 });
    expect(await call(`/api/timesheets/${june.id}`, ADA, { method: 'DELETE' })).toMatchObject({ status: 403 });
    // A team lead is locked out too; the administrator's role overrides the lockdown.
    expect(await call(`/api/timesheets/${june.id}`, TOM, { method: 'PATCH', body: JSON.stringify({ description: 'lead' }) })).toMatchObject({ status: 403 });
    expect(await call(`/api/timesheets/${june.id}`, ROOT, { method: 'PATCH', body: JSON.stringify({ description: 'admin' }) })).toMatchObject({ status: 200 });
    expect(fake?.state.timesheets.find((sheet) => sheet.id === june.id)?.description).toBe('admin');
    // Moving a record of an open week into the locked one, or creating one there: Kimai's form-level 400.
    const locked = { children: { begin: { errors: ['This period is locked, please choose a later date.'] } } };
    const moved = await call(`/api/timesheets/${july.id}`, ADA, {
      method: 'PATCH',
      body: JSON.stringify({ begin: '2026-07-01T09:00:00', end: '2026-07-01T10:00:00' }),
    });
    expect(moved).toMatchObject({ status: 400, json: { code: 400, errors: locked } });
    expect(fake?.state.timesheets.find((sheet) => sheet.id === july.id)?.begin).toBe(Date.parse('2026-07-07T07:00:00Z'));
    const booking = { project: project.id, activity: activity.id, begin: '2026-07-03T09:00:00', end: '2026-07-03T10:00:00' };
    expect(await call('/api/timesheets', ADA, { method: 'POST', body: JSON.stringify(booking) })).toMatchObject({ status: 400, json: { errors: locked } });
    // Open weeks stay writable, and another person's records are not locked by Ada's submission.
    expect((await call(`/api/timesheets/${current.id}`, ADA, { method: 'PATCH', body: JSON.stringify({ description: 'open' }) })).status).toBe(200);
    expect((await call('/api/timesheets', BOB, { method: 'POST', body: JSON.stringify(booking) })).status).toBe(200);
  });

  it('approves and denies only through the test function; denying reopens that week and resets every later week', async () => {
    const { sheets } = await seeded();
    const june = sheets[0] as (typeof sheets)[0];
    for (const week of ['2026-06-29', '2026-07-06', '2026-07-13']) expect((await submit(ADA, week)).status).toBe(200);
    fake?.approvals.decide(ADA.id, '2026-06-30', 'approved');
    expect(await weekStatus(ADA, '2026-06-29')).toMatchObject({ json: 'Approved' });
    // An approved week stays locked.
    expect((await call(`/api/timesheets/${june.id}`, ADA, { method: 'DELETE' })).status).toBe(403);
    expect(() => fake?.approvals.decide(BOB.id, '2026-07-06', 'approved')).toThrow(/not submitted/);
    fake?.approvals.decide(ADA.id, '2026-07-08', 'denied');
    // The plugin writes the denial and, right after it, "not submitted": its API reads the week as open again.
    expect(await weekStatus(ADA, '2026-07-06')).toMatchObject({ json: 'Not submitted' });
    expect(fake?.approvals.status(ADA.id, '2026-07-06')).toBe('not_submitted');
    expect(await weekStatus(ADA, '2026-07-13')).toMatchObject({ json: 'Not submitted' });
    expect(await call('/api/approval-bundle/next-week')).toMatchObject({ json: '2026-07-06' });
    // The denied week is open again: its record is editable, and it can be submitted anew (but the week after it not before).
    const july = sheets[1] as (typeof sheets)[0];
    expect((await call(`/api/timesheets/${july.id}`, ADA, { method: 'PATCH', body: JSON.stringify({ description: 'fixed' }) })).status).toBe(200);
    expect((await submit(ADA, '2026-07-13')).status).toBe(400);
    expect((await submit(ADA, '2026-07-06')).status).toBe(200);
    // There is no HTTP route to approve.
    expect((await call(`/api/approval-bundle/approve?user=${ADA.id}&date=2026-07-06`, ROOT, { method: 'POST' })).status).toBe(404);
  });

  it('lists the timesheets with their approval, filtered by approved=0|1', async () => {
    const { sheets } = await seeded();
    expect((await submit(ADA, '2026-06-29')).status).toBe(200);
    fake?.approvals.decide(ADA.id, '2026-06-29', 'approved');
    const approved = await call('/api/approval/timesheets?approved=1');
    expect(approved).toMatchObject({ status: 200, json: [{ id: sheets[0]?.id, approved: true, begin: '2026-06-30T09:00:00+0200' }] });
    const open = await call('/api/approval/timesheets?approved=0');
    expect((open.json as Array<{ id: number; approved: boolean }>).map((sheet) => [sheet.id, sheet.approved])).toEqual([
      [sheets[2]?.id, false],
      [sheets[1]?.id, false],
    ]);
    expect(((await call('/api/approval/timesheets')).json as unknown[]).length).toBe(3);
    expect(await call(`/api/approval/timesheets?user=${ADA.id}&approved=1`, TOM)).toMatchObject({ status: 200, json: [{ id: sheets[0]?.id }] });
    expect((await call('/api/approval/timesheets?approved=yes')).status).toBe(400);
  });
});

describe('the fake Kimai without the ApprovalBundle plugin', () => {
  it('answers its routes 404 as Kimai answers an unknown route, lists no such plugin and locks nothing', async () => {
    const { sheets } = await seeded(false);
    const unknown = { status: 404, json: { code: 404, message: 'Not Found' } };
    expect(await submit(ADA, '2026-06-29')).toEqual(unknown);
    expect(await weekStatus(ADA, '2026-06-29')).toEqual(unknown);
    expect(await call('/api/approval-bundle/next-week')).toEqual(unknown);
    expect(await call('/api/approval/timesheets?approved=1')).toEqual(unknown);
    expect(await call('/api/plugins')).toEqual({ status: 200, json: [] });
    expect((await call(`/api/timesheets/${sheets[0]?.id}`, ADA, { method: 'DELETE' })).status).toBe(204);
  });

  it('names the plugin in /api/plugins when installed', async () => {
    await seeded();
    expect(await call('/api/plugins')).toEqual({ status: 200, json: [{ name: 'ApprovalBundle', version: '2.2.3' }] });
  });
});
