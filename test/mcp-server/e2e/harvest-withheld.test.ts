// What Harvest does not have, said in its own words when a tool is called by name all the same
// (docs/back-ends/harvest.md, "What Harvest does not have"): leave and the absence calendar (its API keeps no time
// off), timesheet approvals' workflow (none in its API), breaks, tags and teams; each `tool_withheld` with why `back_end`
// and the back end's reason among its facts, before anything is sent. What a role does not reach is said with the role
// (harvest-role-withheld.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ACME, ADA_TOKEN, type FakeHarvest, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme } from '../providers/harvest/request-scenario.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const LEAVE = "Harvest's API keeps no time off, so Punchcard can neither file nor read leave there: record it as your company does in Harvest";
const EVERY_GROUP = { groups: { approvals: true, team: true, admin: true, agents: true } };

describe('tools Harvest does not have, called by name', () => {
  let fake: FakeHarvest;
  let engine: InProcessEngineHandle;
  beforeAll(async () => {
    fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
    seedAcme(fake, 'durations');
    const userDataDir = makeUserDataDir({
      provider: { type: 'harvest', url: fake.url, account_id: String(ACME) },
      timezone: 'Europe/Berlin',
      tools: EVERY_GROUP,
    });
    engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it.each([
    ['request_leave', { type: 'vacation', first_day: '2026-12-01' }, LEAVE],
    ['leave_balance', {}, LEAVE],
    ['absence_calendar', {}, "Harvest's API keeps no time off, so there is nobody's absence to show"],
    [
      'submit_timesheet',
      { week: 'this week' },
      "Harvest's API has no timesheet approvals: submit and approve timesheets in Harvest itself; listed entries show their approval status",
    ],
    ['start_break', {}, 'Harvest has no breaks: stop the timer for a break and start it again after'],
    ['manage_tags', { action: 'list' }, 'Harvest has no tags: an entry keeps its project, task and notes'],
    ['manage_teams', { action: 'list' }, 'Harvest keeps no teams: a manager leads the teammates assigned to her in Harvest itself'],
  ])('%s: withheld in Harvest’s words, why back_end, nothing sent', async (tool, args, reason) => {
    const before = fake.requests.length;
    const result = await engine.call(tool, args);
    expect(result.isError).toBe(true);
    expect(refusalOf(result)).toEqual({ code: 'tool_withheld', facts: { tool, why: 'back_end', back_end: expect.stringMatching(/^Harvest/), reason } });
    expect(textOf(result)).toBe(`${refusalOf(result)?.facts.back_end} does not offer ${tool} through Punchcard: ${reason}. Nothing was done.`);
    expect(fake.requests.length).toBe(before);
  });
});
