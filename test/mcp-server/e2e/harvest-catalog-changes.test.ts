// update_catalog_item on Harvest, through the engine in process against the fake Harvest (test/support/harvest-roles.ts):
// an administrator changes a project with a PATCH of the fields that differ, a budget in money replacing one in hours
// (said in the question); what a client or task keeps not, and a budget kept on a project's assignments, are refused
// before anything is sent; a project_creator changes the projects she manages and no other.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { refusalOf } from '../../support/engine.ts';
import { BOB, harvestRoles, MAX, requestsOf } from '../../support/harvest-roles.ts';
import type { FakeHarvest } from '../providers/harvest/fake-harvest.ts';

const CHANGES = ['update_catalog_item'];
const { company, connect } = harvestRoles({ admin: true });

const writesOf = (fake: FakeHarvest, userId: number) =>
  requestsOf(fake, userId)
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path} ${request.body}`);

describe('changes to the catalog on Harvest', () => {
  it("changes a project's fields that differ, one budget replacing the other, and refuses what Harvest keeps not", async () => {
    const { fake, website, internal, development } = await company();
    Object.assign(fake.state.projects.find((project) => project.id === website) ?? {}, { budgetBy: 'project', budget: 20 });
    Object.assign(fake.state.projects.find((project) => project.id === internal) ?? {}, { budgetBy: 'task' });
    const asked: string[] = [];
    const bob = await connect(
      fake,
      BOB,
      { tools: CHANGES, offered: CHANGES },
      (params: ElicitRequestFormParams) => (asked.push(params.message), accept(params)),
    );
    await bob.call('update_catalog_item', { kind: 'project', item: 'Website', budget_money: 5000, comment: 'Relaunch' });
    expect(writesOf(fake, BOB)).toEqual([`PATCH /v2/projects/${website} {"budget_by":"project_cost","cost_budget":5000,"budget":null,"notes":"Relaunch"}`]);
    expect(asked.join('\n')).toMatch(/20/);

    const refusals = [
      [{ kind: 'project', item: 'Internal', budget_hours: 10 }, 'harvest_budget_on_assignments'],
      [{ kind: 'customer', item: 'Acme', comment: 'Key account' }, 'harvest_field_not_kept'],
      [{ kind: 'activity', item: String(development), budget_hours: 3 }, 'harvest_field_not_kept'],
    ] as const;
    for (const [args, code] of refusals) expect(refusalOf(await bob.call('update_catalog_item', args))?.code).toBe(code);
    expect(writesOf(fake, BOB)).toHaveLength(1);
  });

  it('lets a project_creator change the project she manages, and refuses her another before anything of it is read', async () => {
    const { fake, website, internal } = await company();
    (fake.state.users.find((user) => user.id === MAX) as { access_roles: string[] }).access_roles.push('project_creator');
    const max = await connect(fake, MAX, { tools: CHANGES, offered: CHANGES }, accept);
    await max.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Website 2027' });
    expect(writesOf(fake, MAX)).toEqual([`PATCH /v2/projects/${website} {"name":"Website 2027"}`]);
    const other = await max.call('update_catalog_item', { kind: 'project', item: 'Internal', name: 'Mine now' });
    expect(refusalOf(other)).toMatchObject({ code: 'role_lacks', facts: { needs: 'an administrator, or the manager of that project' } });
    expect(requestsOf(fake, MAX).filter((request) => request.path === `/v2/projects/${internal}`)).toEqual([]);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });
});
