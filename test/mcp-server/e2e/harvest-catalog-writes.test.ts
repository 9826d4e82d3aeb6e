// The catalog's writes on Harvest, through the engine in process against the fake Harvest, on each person's own token
// (test/support/harvest-roles.ts): Bob the administrator makes and archives customers, projects and tasks; a manager
// without project_creator or client_and_task_manager (Lea, Max) and a member (Ada) are offered neither tool. Archiving
// is is_active false, never a deletion; a project without its customer is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { refusalOf } from '../../support/engine.ts';
import { ADA, BOB, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';
import type { FakeHarvest } from '../providers/harvest/fake-harvest.ts';

const CATALOG_WRITES = ['archive_catalog_item', 'create_catalog_item'];
const { company, connect } = harvestRoles({ admin: true }, { archive_catalog_item: true });

const writesOf = (fake: FakeHarvest, userId: number) =>
  requestsOf(fake, userId)
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path} ${request.body}`);

describe("the catalog's writes on Harvest", () => {
  it('offers them to an administrator, and to no manager without the permissions nor a member', async () => {
    const { fake } = await company();
    await connect(fake, BOB, { tools: CATALOG_WRITES, offered: CATALOG_WRITES });
    await connect(fake, LEA, { tools: CATALOG_WRITES, offered: [] });
    await connect(fake, MAX, { tools: CATALOG_WRITES, offered: [] });
    await connect(fake, ADA, { tools: CATALOG_WRITES, offered: [] });
  });

  it('offers a client-and-task manager both, and refuses her a project, which needs project_creator, before anything is sent', async () => {
    const { fake } = await company();
    (fake.state.users.find((user) => user.id === MAX) as { access_roles: string[] }).access_roles.push('client_and_task_manager');
    const max = await connect(fake, MAX, { tools: CATALOG_WRITES, offered: CATALOG_WRITES }, accept);
    await max.call('create_catalog_item', { kind: 'customer', name: 'Globex' });
    expect(writesOf(fake, MAX)).toEqual(['POST /v2/clients {"name":"Globex"}']);
    const project = await max.call('create_catalog_item', { kind: 'project', name: 'Relaunch', parent: 'Globex' });
    expect(refusalOf(project)).toMatchObject({ code: 'role_lacks', facts: { needs: 'an administrator, or a manager with project_creator' } });
    expect(writesOf(fake, MAX)).toHaveLength(1);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('archives a project as is_active false, never a deletion, and makes a project under its customer', async () => {
    const { fake, website } = await company();
    const bob = await connect(fake, BOB, { tools: CATALOG_WRITES, offered: CATALOG_WRITES }, accept);
    await bob.call('archive_catalog_item', { kind: 'project', id: website });
    expect(writesOf(fake, BOB)).toEqual([`PATCH /v2/projects/${website} {"is_active":false}`]);
    expect(fake.state.projects.find((project) => project.id === website)?.isActive).toBe(false);

    const orphan = await bob.call('create_catalog_item', { kind: 'project', name: 'Relaunch' });
    expect(refusalOf(orphan)?.code).toBe('harvest_project_needs_customer');
    await bob.call('create_catalog_item', { kind: 'project', name: 'Relaunch', parent: 'Acme' });
    const made = writesOf(fake, BOB).at(-1) ?? '';
    expect(made).toMatch(/^POST \/v2\/projects /);
    expect(JSON.parse(made.slice(made.indexOf('{')))).toMatchObject({ name: 'Relaunch', is_billable: true, bill_by: 'People', budget_by: 'none' });
    expect(fake.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
  });
});
