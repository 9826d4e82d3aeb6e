// A tool the person's Harvest role does not reach, called by name all the same, through the engine in process against
// the fake Harvest (test/support/harvest-roles.ts): `tool_withheld` with why `role`, the role as Harvest names it and
// the least one that has the tool among its facts, both in the sentence, and nothing sent. What Harvest has for nobody
// (submitting a timesheet) keeps why `back_end`, whatever the role.
import { describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { ADA, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';

const TOOLS = ['team_report', 'project_status', 'manage_people', 'manage_rates', 'list_timesheet_approvals'];
const { company, connect } = harvestRoles({ team: true, admin: true, approvals: true });

describe('tools a Harvest role does not reach, called by name', () => {
  it('says to Ada, a member, that team_report, manage_people and the approvals list need a manager with teammates; sends nothing', async () => {
    const { fake } = await company();
    const ada = await connect(fake, ADA);
    await expect.poll(() => requestsOf(fake, ADA).some((request) => request.path === '/v2/users/me/project_assignments')).toBe(true);
    await expect.poll(async () => refusalOf(await ada.call('team_report', {}))?.facts.why).toBe('role');
    const sent = requestsOf(fake, ADA).length;
    for (const [tool, args] of [
      ['team_report', {}],
      ['manage_people', { action: 'list' }],
      ['list_timesheet_approvals', {}],
    ] as const) {
      const result = await ada.call(tool, args);
      expect(result.isError).toBe(true);
      const back_end = refusalOf(result)?.facts.back_end as string;
      expect(back_end).toMatch(/^Harvest/);
      expect(refusalOf(result)).toEqual({ code: 'tool_withheld', facts: { tool, why: 'role', back_end, role: 'member', needs: 'manager (people_manager)' } });
      expect(textOf(result)).toBe(
        `${tool} needs the role "manager (people_manager)" (or one above it) in ${back_end}, and yours there is "member", so Punchcard does not offer it to you. Nothing was sent.`,
      );
    }
    expect(requestsOf(fake, ADA).slice(sent)).toEqual([]);
  });

  it('says to Max, a manager of a project without teammates, his role and the one team_report needs; project_status is his', async () => {
    const { fake } = await company();
    const max = await connect(fake, MAX, { tools: TOOLS, offered: ['project_status', 'list_timesheet_approvals'] });
    const sent = requestsOf(fake, MAX).length;
    expect(refusalOf(await max.call('team_report', {}))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'team_report', why: 'role', role: 'manager', needs: 'manager (people_manager)' },
    });
    expect(refusalOf(await max.call('manage_rates', { action: 'list', kind: 'workspace', item: 'Acme' }))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'manage_rates', why: 'role', role: 'manager', needs: 'manager (billable_rates_manager, people_manager)' },
    });
    // Harvest has no route to submit a timesheet for any role: the back end is why, in its own words.
    expect(refusalOf(await max.call('submit_timesheet', { week: 'this week' }))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'submit_timesheet', why: 'back_end' },
    });
    expect(requestsOf(fake, MAX).slice(sent)).toEqual([]);
  });

  it("names Lea's role with its permission: a manager with teammates lacks rates", async () => {
    const { fake } = await company();
    const lea = await connect(fake, LEA, { tools: TOOLS, offered: ['team_report', 'manage_people', 'list_timesheet_approvals'] });
    const sent = requestsOf(fake, LEA).length;
    expect(refusalOf(await lea.call('manage_rates', { action: 'list', kind: 'workspace', item: 'Acme' }))).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'manage_rates', why: 'role', role: 'manager (people_manager)', needs: 'manager (billable_rates_manager, people_manager)' },
    });
    expect(requestsOf(fake, LEA).slice(sent)).toEqual([]);
  });
});
