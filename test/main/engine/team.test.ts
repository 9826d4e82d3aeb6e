// The window's Team screen as main builds it, over the REAL engine bundle and the fake Kimai as it
// ships (no view_team for a lead): a team lead (Tom, leading Ada) sees the week's hours of his team
// and Ada's request waiting for him, and approves it; the status says the Team screen is there. A
// worker's status says it is not.
import { afterEach, describe, expect, it } from 'vitest';
import { createTeam } from '../../../main/engine/team.ts';
import { createTimesheet } from '../../../main/engine/timesheet.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import { cleanUp, NOW, startTestEngine } from './engine-setup.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
let fake: FakeKimai | undefined;

afterEach(async () => {
  await cleanUp();
  await fake?.close();
  fake = undefined;
});

async function kimaiTeam() {
  fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
  const { website, design } = seedCatalog(fake);
  fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
  // Ada: Monday 09:00–17:00 in Berlin; her note is hers.
  fake.addTimesheet({
    userId: ADA.id,
    begin: Date.parse('2026-11-16T09:00:00+01:00'),
    end: Date.parse('2026-11-16T17:00:00+01:00'),
    projectId: website.id,
    activityId: design.id,
    description: 'private note',
  });
  const request = fake.addAbsence({ userId: ADA.id, date: '2026-12-07', endDate: '2026-12-11', type: 'holiday', status: 'new', comment: 'Family visit' });
  return { fake, request };
}

function engineAs(server: FakeKimai, user: FakeUser, settings: Record<string, unknown> = {}) {
  // The team tools stay switched off for AI clients: the app's own engine lists them all the same.
  const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: server.url }, timezone: 'Europe/Berlin', ...settings });
  rememberPlugin(userDataDir, server.url, true);
  return startTestEngine({ userDataDir, env: { PUNCHCARD_KIMAI_TOKEN: user.token } });
}

describe("the Team screen's data, through the engine's team tools", () => {
  it("gives each person the week's working-time findings by code where the rules are on", async () => {
    const { fake: kimai } = await kimaiTeam();
    const under = engineAs(kimai, TOM, { workingTime: { rules: 'de' } });
    const timesheet = createTimesheet(under.engine, { launch: under.launch, log: () => {} });
    await expect.poll(async () => (await timesheet.getStatus()).teamAvailable).toBe(true);
    // Ada's Monday: eight hours in a row from 09:00, no break (section 4 ArbZG asks for 30 minutes after six hours).
    const ada = (await createTeam(under.engine).hours('2026-11-16', 0)).people.find((person) => person.name === ADA.alias);
    expect(ada?.workingTime).toEqual({ wt_break_short: 1, wt_stretch_over_max: 1 });
  });

  it('gives no working-time counts with the rules off', async () => {
    const { fake: kimai } = await kimaiTeam();
    const off = engineAs(kimai, TOM);
    const timesheet = createTimesheet(off.engine, { launch: off.launch, log: () => {} });
    await expect.poll(async () => (await timesheet.getStatus()).teamAvailable).toBe(true);
    const ada = (await createTeam(off.engine).hours('2026-11-16', 0)).people.find((person) => person.name === ADA.alias);
    expect(ada).toBeDefined();
    expect(ada).not.toHaveProperty('workingTime');
  });

  it("gives a lead the week's hours of his team and the request waiting for him, and approves it in Kimai", async () => {
    const { fake: kimai, request } = await kimaiTeam();
    const test = engineAs(kimai, TOM);
    // The first call reads Kimai's profile, which says he leads a team: the tools follow at once.
    const timesheet = createTimesheet(test.engine, { launch: test.launch, log: () => {} });
    await expect.poll(async () => (await timesheet.getStatus()).teamAvailable).toBe(true);

    const team = createTeam(test.engine);
    const hours = await team.hours('2026-11-16', 0);
    // A Kimai as it ships shows a team lead no team's member list (view_team): the people are those
    // who recorded time that week, Ada; Tom recorded nothing, and the words say who is missing.
    expect(hours).toMatchObject({ from: '2026-11-16', to: '2026-11-22', total: 1, offset: 0, nextOffset: null });
    expect(hours.covers).toMatch(/teams you lead.*view_team/);
    const ada = hours.people.find((person) => person.name === ADA.alias);
    expect(ada).toMatchObject({ minutes: 480, byProject: [{ project: 'Website', activity: 'Design', minutes: 480 }], running: null });
    expect(JSON.stringify(hours)).not.toContain('private note');

    const pending = await team.pending(0);
    expect(pending.requests).toEqual([
      expect.objectContaining({
        id: request.id,
        person: ADA.alias,
        type: 'vacation',
        firstDay: '2026-12-07',
        lastDay: '2026-12-11',
        days: 5,
        comment: 'Family visit',
        alsoAway: [],
      }),
    ]);
    // For people: no tool names, no record numbers.
    const outcome = await team.decide(request.id, 'approve', undefined);
    expect(outcome).toMatch(/^Approved .*vacation/);
    expect(outcome).not.toMatch(/#\d|decide_leave_request/);
    expect(kimai.state.absences.find((absence) => absence.id === request.id)?.status).toBe('approved');
    expect((await team.pending(0)).requests).toEqual([]);
  });

  it("tells a worker's window there is no Team screen, and refuses the hours in words naming her role", async () => {
    const { fake: kimai } = await kimaiTeam();
    const test = engineAs(kimai, ADA);
    const status = await createTimesheet(test.engine, { launch: test.launch, log: () => {} }).getStatus();
    expect(status.teamAvailable).toBe(false);
    await expect
      .poll(() =>
        createTeam(test.engine)
          .hours('2026-11-16', 0)
          .then(
            () => 'answered',
            (error: Error) => error.message,
          ),
      )
      .toMatch(
        /^This needs the role "ROLE_TEAMLEAD" \(or one above it\) in Kimai \(http:\/\/127\.0\.0\.1:\d+\), and yours there is "ROLE_USER", so Punchcard does not offer it to you\. Nothing was sent\.$/,
      );
  });
});
