// What Punchcard refuses on Clockodo, and in which words, through the engine in process
// (test/support/engine.ts, startInProcessEngine) against the fake Clockodo: colleagues' records stay untouched
// even where Clockodo would let a manager's key reach them; an approval takes a manager to cancel;
// a booking needs a project and a service; overtime in hours is filed in Clockodo; a collision
// names the absence it meets, in whichever year; a timer stopped elsewhere is said to be gone. Each
// sentence is asserted whole, and what reached Clockodo.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_USERS, type FakeUser, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';

// Wednesday morning, 08:00 in Berlin.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const BOB = DEFAULT_USERS[1] as FakeUser;
const MIA = DEFAULT_USERS[2] as FakeUser;
const opened = closeAfterEach();

/** The seeded company, and the server as `user` with the change tools on. */
async function clockodoAs(user: FakeUser) {
  const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
  const ids = seedCompany(fake);
  const dir = makeUserDataDir({
    provider: { type: 'clockodo', email: user.email, url: fake.url },
    tools: { enabled: { update_time_entry: true, delete_time_entry: true, cancel_leave_request: true } },
  });
  const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: user.apiKey } }));
  /** The requests from the `from`-th on, as "METHOD /path status". */
  const sentSince = (from: number) => fake.requests.slice(from).map((request) => `${request.method} ${request.path.replace(/^\/api/, '')} ${request.status}`);
  return { fake, ids, engine, sentSince };
}

describe("a manager's key reaches colleagues' records; Punchcard does not", () => {
  // Mia manages: Clockodo hands her Bob's entry and absence, so the refusal must be Punchcard's own.
  it("refuses to change or delete a colleague's time entry, and sends no change", async () => {
    expect(MIA.role).toBe('manager');
    const { fake, ids, engine, sentSince } = await clockodoAs(MIA);
    const bobs = fake.addEntry({
      usersId: BOB.id,
      customersId: ids.customers.acme as number,
      projectsId: ids.projects.website as number,
      servicesId: ids.services.development as number,
      timeSince: Date.parse('2026-11-16T09:00:00+01:00'),
      timeUntil: Date.parse('2026-11-16T10:00:00+01:00'),
    });
    const before = JSON.stringify(bobs);
    const sent = fake.requests.length;
    for (const [tool, args] of [
      ['update_time_entry', { id: bobs.id, description: 'mine now' }],
      ['delete_time_entry', { id: bobs.id }],
    ] as const) {
      const result = await engine.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toBe(`Time entry #${bobs.id} is not yours; Punchcard only reads and changes your own entries.`);
    }
    // Clockodo let her read it (the second call may reuse the first read); nothing was written.
    expect(new Set(sentSince(sent).filter((request) => request.includes(`/v2/entries/${bobs.id}`)))).toEqual(new Set([`GET /v2/entries/${bobs.id} 200`]));
    expect(sentSince(sent).filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(JSON.stringify(fake.state.entries.find((entry) => entry.id === bobs.id))).toBe(before);
  });

  it("refuses to cancel a colleague's absence, and sends no change", async () => {
    const { fake, engine, sentSince } = await clockodoAs(MIA);
    const bobs = fake.addAbsence({ usersId: BOB.id, dateSince: '2026-12-07', dateUntil: '2026-12-08', type: 1, status: 0 });
    const sent = fake.requests.length;
    const result = await engine.call('cancel_leave_request', { id: bobs.id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`Absence #${bobs.id} is not yours; Punchcard only cancels your own requests.`);
    expect(sentSince(sent).filter((request) => request.includes('/v4/absences'))).toEqual([`GET /v4/absences/${bobs.id} 200`]);
    expect(sentSince(sent).filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(fake.state.absences.find((absence) => absence.id === bobs.id)?.status).toBe(0);
  });

  it('withdraws her own pending request by deleting it, where Clockodo will not let a manager set "request cancelled"', async () => {
    const { fake, engine, sentSince } = await clockodoAs(MIA);
    const own = fake.addAbsence({ usersId: MIA.id, dateSince: '2026-12-07', dateUntil: '2026-12-08', type: 1, status: 0 });
    const sent = fake.requests.length;
    const result = await engine.call('cancel_leave_request', { id: own.id });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      request: { id: own.id, type: 'vacation', first_day: '2026-12-07', last_day: '2026-12-08', status: 'cancelled' },
    });
    expect(textOf(result)).toBe(`Cancelled #${own.id} vacation 2026-12-07 to 2026-12-08 (2 days, cancelled).`);
    expect(sentSince(sent).filter((request) => request.includes('/v4/absences'))).toEqual([
      `GET /v4/absences/${own.id} 200`,
      `PUT /v4/absences/${own.id} 422`,
      `DELETE /v4/absences/${own.id} 200`,
    ]);
    expect(fake.state.absences.some((absence) => absence.id === own.id)).toBe(false);
  });
});

describe('refusals in words', () => {
  it('a worker may not cancel an approved absence: said, and nothing sent', async () => {
    const { fake, engine, sentSince } = await clockodoAs(ADA);
    const approved = fake.addAbsence({ usersId: ADA.id, dateSince: '2026-12-07', dateUntil: '2026-12-07', type: 1, status: 1 });
    const sent = fake.requests.length;
    const result = await engine.call('cancel_leave_request', { id: approved.id });
    expect(textOf(result)).toBe(`Absence #${approved.id} is already approved; only a manager can cancel it in Clockodo. Ask whoever approved it.`);
    expect(sentSince(sent).filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(fake.state.absences.find((absence) => absence.id === approved.id)?.status).toBe(1);
  });

  it('clock_in without names and no earlier entry to resume: says what may be booked', async () => {
    const { fake, engine } = await clockodoAs(ADA);
    const result = await engine.call('clock_in');
    expect(result.isError).toBe(true);
    // The completed project Legacy is not offered.
    expect(textOf(result)).toBe(
      'There is no earlier Clockodo entry to resume, and Clockodo needs a project and a service to start a timer. You may book on "Website"; name one (and an activity).',
    );
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('log_time needs a project, and a service where more than one is open', async () => {
    const { fake, engine } = await clockodoAs(MIA);
    const noProject = await engine.call('log_time', { date: 'yesterday', duration: '1h' });
    expect(textOf(noProject)).toBe('Clockodo books time on a customer\'s project; name one, e.g. "Rocket", "Website".');
    // Mia may book every service: Development and Meeting are open (Travel is archived).
    const noService = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website' });
    expect(textOf(noService)).toBe('Clockodo books time on a service too; name one as the activity, e.g. "Development", "Meeting".');
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('a timer stopped elsewhere meanwhile is said to be gone', async () => {
    const { fake, engine } = await clockodoAs(ADA);
    const started = await engine.call('clock_in', { project: 'Website', activity: 'Development' });
    expect(started.isError, textOf(started)).toBeFalsy();
    const running = fake.state.entries.find((entry) => entry.usersId === ADA.id && entry.timeUntil === null) as { id: number };
    fake.failNext(
      { method: 'DELETE', path: `/api/v2/clock/${running.id}` },
      { status: 404, body: { error: { code: 404, message: 'The running entry does not exist.', fields: [] } } },
    );
    const out = await engine.call('clock_out');
    expect(out.isError).toBe(true);
    expect(textOf(out)).toBe(`The running timer #${running.id} is gone from Clockodo; it was probably stopped or deleted meanwhile.`);
  });

  it('a reduction of overtime is booked in hours: refused before anything is filed', async () => {
    const { fake, engine } = await clockodoAs(ADA);
    const result = await engine.call('request_leave', { type: 'Reduction of overtime', first_day: '2026-12-07' });
    expect(textOf(result)).toBe('Clockodo books a reduction of overtime in hours; Punchcard files leave in days. File it in Clockodo.');
    expect(fake.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('an overlap two years ahead names the absence it meets', async () => {
    const { fake, engine, sentSince } = await clockodoAs(ADA);
    // Filed in 2026 for 2028: the colliding absence is looked up in 2028, not around today.
    const existing = fake.addAbsence({ usersId: ADA.id, dateSince: '2028-03-06', dateUntil: '2028-03-10', type: 1, status: 0 });
    const sent = fake.requests.length;
    const result = await engine.call('request_leave', { type: 'vacation', first_day: '2028-03-08', last_day: '2028-03-09' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `That overlaps your absence #${existing.id} (2028-03-06 to 2028-03-10, pending). Nothing was filed; change the dates or cancel the other request first.`,
    );
    // The year's absences, read for the balance before filing, also name what the refused absence meets.
    expect(sentSince(sent).filter((request) => request.includes('/v4/absences'))).toEqual(['GET /v4/absences 200', 'POST /v4/absences 422']);
    expect(fake.requests.findLast((request) => request.method === 'GET' && request.path === '/api/v4/absences')?.query).toMatch(
      /filter%5Byear%5D(%5B%5D)?=2028(&|$)/,
    );
    expect(fake.state.absences.filter((absence) => absence.usersId === ADA.id)).toHaveLength(1);
  });
});
