// update_catalog_item on Clockify, through the engine in process against the fake Clockify: a workspace
// admin (Bob), the owner (Olga), a team manager (Mia) and a worker (Wes). Who is offered it (from the
// role Clockify names), a client's name and note, a project's name, billable mark, note, client and
// estimates (ISO 8601 durations and cents, in total or monthly), a task's name, billable mark and
// estimates, refusals in words before anything is sent (dates, a task's comment or period, a client's
// budget, a period without a budget, a weekly reset, an amount finer than a cent), the question before
// a change in both protocol eras, a budget that failed after the project's own changes were made, and
// Clockify's 403 withdrawing the tool.
import { describe, expect, it } from 'vitest';
import { accept, type SessionOptions } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { BOB_KEY, type FakeClockify, MIA_KEY, OLGA_KEY, SEED, WES_KEY } from '../providers/clockify/fake-clockify.ts';

const { acmeWithTeam, connect, offered, session } = clockifyAdmin({ tool: 'update_catalog_item', answer: accept });
const ACME = SEED.workspaces.acme;
const GLOBEX = '64c777ddd3fcab07cfbb0099';

/** Acme with its team and a second client, Globex; Internal's time estimate resets weekly. */
async function workspace() {
  const fake = await acmeWithTeam();
  fake.state.clients.push({ id: GLOBEX, workspaceId: ACME, name: 'Globex', archived: false });
  const internal = fake.state.projects.find((project) => project.id === SEED.projects.internal);
  if (internal) internal.timeEstimate = { ms: 40 * 3_600_000, resetOption: 'WEEKLY' };
  return fake;
}

/** Bob's session, the workspace admin's, once the tool is offered. */
const admin = (fake: FakeClockify, options: SessionOptions = {}) => session(fake, BOB_KEY, options);

const project = (fake: FakeClockify, id: string) => fake.state.projects.find((item) => item.id === id);
/** The JSON bodies of the requests of one method, as the fake received them. */
const bodies = (fake: FakeClockify, method: string) =>
  fake.requests.filter((request) => request.method === method).map((request) => JSON.parse(String(request.body)) as unknown);

describe('update_catalog_item on Clockify', () => {
  it('is offered to a workspace admin and the owner, never to a team manager or a worker', async () => {
    const fake = await workspace();
    for (const key of [BOB_KEY, OLGA_KEY]) {
      const engine = await connect(fake, key);
      await expect.poll(() => offered(engine)).toBe(true);
    }
    for (const key of [MIA_KEY, WES_KEY]) {
      const engine = await connect(fake, key);
      await expect.poll(() => fake.requests.filter((request) => /[?&]roles=/.test(request.query)).length).toBeGreaterThan(0);
      expect(await offered(engine)).toBe(false);
      expect(refusalOf(await engine.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Site' }))).toMatchObject({
        code: 'tool_withheld',
        facts: { tool: 'update_catalog_item', why: 'back_end' },
      });
    }
  });

  it("changes a project's name, billable mark, note and client in one update that keeps the rest, after its question", async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await admin(fake, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const answer = await bob.call('update_catalog_item', {
      kind: 'project',
      item: 'Website',
      name: 'Web site',
      billable: false,
      comment: 'Relaunch',
      customer: 'Globex',
    });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    expect(project(fake, SEED.projects.website)).toMatchObject({
      name: 'Web site',
      billable: false,
      note: 'Relaunch',
      clientId: GLOBEX,
      archived: false,
      public: true,
    });
    expect(answer.structuredContent).toMatchObject({
      kind: 'project',
      name: 'Web site',
      before: { name: 'Website', billable: true, comment: '', customer: 'Acme Corp' },
      after: { name: 'Web site', billable: false, comment: 'Relaunch', customer: 'Globex' },
    });
    expect(asked).toEqual([
      expect.stringMatching(
        /^Change the project "Website" \(#\d+\): name "Website" → "Web site"; billable yes → no; comment none → "Relaunch"; customer "Acme Corp" \(#\d+\) → "Globex" \(#\d+\)\?$/,
      ),
    ]);
  });

  it("sets a project's estimates as ISO 8601 durations and cents, monthly or in total, and 0 clears one", async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const hours = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 120.5, budget_period: 'month' });
    expect(hours.isError, textOf(hours)).toBeFalsy();
    expect(project(fake, SEED.projects.website)?.timeEstimate).toEqual({ ms: 120.5 * 3_600_000, resetOption: 'MONTHLY' });
    expect(bodies(fake, 'PATCH').at(-1)).toEqual({ timeEstimate: { estimate: 'PT120H30M', active: true, type: 'MANUAL', resetOption: 'MONTHLY' } });
    expect(hours.structuredContent).toMatchObject({
      before: { budget_hours: null, budget_period: null },
      after: { budget_hours: 120.5, budget_period: 'month' },
    });
    const money = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', budget_money: 5000.5 });
    expect(money.isError, textOf(money)).toBeFalsy();
    expect(project(fake, SEED.projects.website)).toMatchObject({ budgetEstimate: 500050, budgetReset: 'MONTHLY' });
    const total = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', budget_period: 'total' });
    expect(total.isError, textOf(total)).toBeFalsy();
    expect(project(fake, SEED.projects.website)).toMatchObject({ timeEstimate: { ms: 120.5 * 3_600_000, resetOption: null }, budgetReset: null });
    const cleared = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', budget_hours: 0 });
    expect(textOf(cleared)).toMatch(/: time budget 120.5 h → 0 h\.$/);
    expect(project(fake, SEED.projects.website)?.timeEstimate).toBeUndefined();
    // A weekly reset is Clockify's own: a new budget with a period replaces it.
    const weekly = await bob.call('update_catalog_item', { kind: 'project', item: 'Internal', budget_hours: 30, budget_period: 'total' });
    expect(weekly.isError, textOf(weekly)).toBeFalsy();
    expect(project(fake, SEED.projects.internal)?.timeEstimate).toEqual({ ms: 30 * 3_600_000, resetOption: null });
  });

  it("changes a task's name, billable mark and estimates, and a client's name and note", async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const task = await bob.call('update_catalog_item', {
      kind: 'activity',
      item: 'Design',
      name: 'UX design',
      billable: false,
      budget_hours: 7.5,
      budget_money: 300,
    });
    expect(task.isError, textOf(task)).toBeFalsy();
    expect(fake.state.tasks.find((item) => item.id === SEED.tasks.design)).toMatchObject({
      name: 'UX design',
      billable: false,
      estimateMs: 7.5 * 3_600_000,
      budgetEstimate: 30_000,
      status: 'ACTIVE',
    });
    expect(task.structuredContent).toMatchObject({ after: { name: 'UX design', billable: false, budget_hours: 7.5, budget_money: 300 } });
    const client = await bob.call('update_catalog_item', { kind: 'customer', item: 'Acme Corp', name: 'ACME Corporation', comment: 'Since 2019' });
    expect(client.isError, textOf(client)).toBeFalsy();
    expect(fake.state.clients.find((item) => item.id === SEED.clients.acme)).toMatchObject({ name: 'ACME Corporation', note: 'Since 2019', archived: false });
  });

  it("says so when a project's own changes were made and its budget then failed: renamed in the fake, its estimate kept", async () => {
    const fake = await workspace();
    const website = project(fake, SEED.projects.website);
    if (website) website.timeEstimate = { ms: 100 * 3_600_000, resetOption: 'MONTHLY' };
    const bob = await admin(fake);
    fake.failNext(
      { method: 'PATCH', path: `/api/v1/workspaces/${ACME}/projects/${SEED.projects.website}/estimate` },
      { status: 500, body: { message: 'Internal server error', code: 500 } },
    );
    const answer = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Site', billable: false, budget_hours: 50 });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toBe(
      'Clockify had an internal error (500) trying to change the budget of the project "Website". Try again later. ' +
        'These were changed: name (now "Site"), billable (now no). Its budget is as it was.',
    );
    expect(project(fake, SEED.projects.website)).toMatchObject({
      name: 'Site',
      billable: false,
      timeEstimate: { ms: 100 * 3_600_000, resetOption: 'MONTHLY' },
    });
    // The person tries the budget again under the name the sentence said was made: the engine knows it by that name at once.
    const again = await bob.call('update_catalog_item', { kind: 'project', item: 'Site', budget_hours: 50 });
    expect(again.isError, textOf(again)).toBeFalsy();
    expect(project(fake, SEED.projects.website)?.timeEstimate).toEqual({ ms: 50 * 3_600_000, resetOption: 'MONTHLY' });
  });

  it('refuses in words what Clockify does not keep, sending nothing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const refusal = async (args: Record<string, unknown>) => {
      const answer = await bob.call('update_catalog_item', args);
      expect(answer.isError).toBe(true);
      return textOf(answer);
    };
    expect(await refusal({ kind: 'project', item: 'Website', start: '2026-01-01' })).toBe(
      "Clockify's projects have no start or end dates: leave start and end out. Nothing was sent.",
    );
    expect(await refusal({ kind: 'activity', item: 'Design', comment: 'x' })).toBe('A Clockify task has no comment: leave comment out. Nothing was sent.');
    expect(await refusal({ kind: 'activity', item: 'Design', budget_hours: 5, budget_period: 'month' })).toBe(
      "A Clockify task's estimates run in total and never reset: leave budget_period out. Nothing was sent.",
    );
    expect(await refusal({ kind: 'customer', item: 'Acme Corp', budget_money: 100 })).toBe(
      'A Clockify client keeps a name and a note (comment) only: no budget and no billable mark. Nothing was sent.',
    );
    expect(await refusal({ kind: 'project', item: 'Secret', budget_period: 'month' })).toBe(
      'The project "Secret" has no budget for a period to apply to: give budget_hours or budget_money with it. Nothing was sent.',
    );
    expect(await refusal({ kind: 'project', item: 'Website', budget_money: 10.005 })).toBe(
      'Clockify keeps a budget in whole cents: 10.005 is finer than that; give at most two decimals. Nothing was sent.',
    );
    expect(await refusal({ kind: 'project', item: 'Internal', budget_hours: 30 })).toBe(
      'Clockify resets the budget of the project "Internal" every week, which Punchcard does not set: give budget_period (month or total) with the new budget. Nothing was sent.',
    );
    expect(fake.writes).toEqual([]);
  });

  it('withdraws update_catalog_item at once when Clockify refuses it (403), saying which right is missing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const user = fake.state.users.find((item) => item.key === BOB_KEY);
    if (user) user.roles = {};
    const answer = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Site' });
    expect(textOf(answer)).toBe(
      'Clockify did not let you change the project "Website" (403): only the workspace\'s admins and its owner change its clients, projects and tasks through Punchcard, and your account is not one now. Nothing was changed; update_catalog_item is switched off.',
    );
    await expect.poll(() => offered(bob)).toBe(false);
    expect(project(fake, SEED.projects.website)?.name).toBe('Website');
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a Clockify catalog item changes (%s era)', (era) => {
  it('changes it once accepted', async () => {
    const fake = await workspace();
    const bob = await admin(fake, { era });
    const answer = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', billable: false });
    expect(textOf(answer)).toMatch(/^Changed the project "Website" \(#\d+\): billable yes → no\.$/);
    expect(project(fake, SEED.projects.website)?.billable).toBe(false);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const fake = await workspace();
    const bob = await admin(fake, { era, elicitation: () => answer });
    const changed = await bob.call('update_catalog_item', { kind: 'project', item: 'Website', name: 'Site', budget_hours: 10 });
    expect(textOf(changed)).toMatch(/^The project "Website" \(#\d+\) was not changed: /);
    expect(textOf(changed)).toMatch(words);
    expect(fake.writes).toEqual([]);
    expect(project(fake, SEED.projects.website)).toMatchObject({ name: 'Website' });
  });
});
