// What Toggl Track does not have, said in its own words when a tool is called by name all the same
// (docs/back-ends/toggl.md, "Not offered"): leave (its API has no time off), timesheet approvals (a Premium feature:
// the Starter workspace here has none), breaks, the team and administration tools; each `tool_withheld` with why `back_end` and the back end's reason among its
// facts, before anything is sent. Where a back end gives no reason, the generic words stay (test/mcp-server/tools/offer.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_TOKEN, type FakeToggl, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const LEAVE = "Toggl Track's API has no time off, so Punchcard can neither file nor read leave there; the calendar shows your settings' public holidays";
const EVERY_GROUP = { groups: { approvals: true, team: true, admin: true, agents: true } };

describe('tools Toggl Track does not have, called by name', () => {
  let fake: FakeToggl;
  let engine: InProcessEngineHandle;
  beforeAll(async () => {
    fake = await startFakeToggl({ now: clockStartingAt(NOW) });
    seedWorld(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin', tools: EVERY_GROUP });
    engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it.each([
    ['request_leave', { type: 'vacation', first_day: '2026-12-01' }, LEAVE],
    ['leave_balance', {}, LEAVE],
    [
      'submit_timesheet',
      { week: 'this week' },
      "Toggl's timesheet approvals are a Premium feature, for the people a timesheet setup names (its member or an approver) and workspace admins: otherwise submit and approve timesheets in Toggl Track itself",
    ],
    ['start_break', {}, 'Toggl Track has no breaks: stop the timer for a break and start it again after'],
    ['team_report', {}, "Toggl Track's API shows Punchcard nobody's time but your own"],
    [
      'manage_tags',
      { action: 'list' },
      "Punchcard administers a Toggl Track workspace's people, rates and catalog for a workspace admin alone, and not its tags, groups, corrections or invoices yet",
    ],
  ])('%s: withheld in Toggl’s words, why back_end, nothing sent', async (tool, args, reason) => {
    const before = fake.requests.length;
    const result = await engine.call(tool, args);
    expect(result.isError).toBe(true);
    expect(refusalOf(result)).toEqual({ code: 'tool_withheld', facts: { tool, why: 'back_end', back_end: expect.stringMatching(/^Toggl Track/), reason } });
    expect(textOf(result)).toBe(`${refusalOf(result)?.facts.back_end} does not offer ${tool} through Punchcard: ${reason}. Nothing was done.`);
    expect(fake.requests.length).toBe(before);
  });
});
