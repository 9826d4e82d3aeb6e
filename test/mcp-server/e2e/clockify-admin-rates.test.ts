// manage_rates on Clockify, through the engine in process against the fake Clockify: a workspace admin
// (Bob), the owner (Olga), a team manager (Mia) and a worker (Wes). Who is offered it (from the role
// Clockify names), the workspace's default and a member's rate, a project's own and a member's in the
// project, cents on the wire and currency units to the person both ways, refusals in words before
// anything is sent (fixed rates, removal, client rates, amounts finer than a cent, a private project's
// non-member), the question before a change in both protocol eras, a cost rate that failed after the
// hourly rate was set (said with both values), and Clockify's 403 withdrawing the tool.
import { describe, expect, it } from 'vitest';
import { accept, type SessionOptions } from '../../support/admin-engine.ts';
import { clockifyAdmin } from '../../support/clockify-admin.ts';
import { type Era, refusalOf, textOf } from '../../support/engine.ts';
import { BOB_KEY, type FakeClockify, MIA_KEY, OLGA_KEY, SEED, TEAM, WES_KEY } from '../providers/clockify/fake-clockify.ts';

const { acmeWithTeam, connect, offered, session } = clockifyAdmin({ tool: 'manage_rates', answer: accept });
const ACME = SEED.workspaces.acme;
const { ada } = SEED.users;
const { website, secret } = SEED.projects;

/** Acme billing 50 "EUR" an hour (cost 30), Ada 60 across the workspace; Website 80 of its own, Ada 95.50 there (cost 40). */
async function workspace() {
  const fake = await acmeWithTeam();
  const site = fake.state.projects.find((project) => project.id === website);
  if (site) site.memberIds = [ada, TEAM.users.wes];
  fake.state.rates.workspaces[ACME] = { hourly: 5000, cost: 3000, currency: 'EUR' };
  fake.state.rates.projects[website] = { hourly: 8000, cost: null };
  fake.state.rates.members.push({ targetId: ACME, userId: ada, hourly: 6000, cost: null }, { targetId: website, userId: ada, hourly: 9550, cost: 4000 });
  return fake;
}

/** Bob's session, the workspace admin's, once the tool is offered. */
const admin = (fake: FakeClockify, options: SessionOptions = {}) => session(fake, BOB_KEY, options);

const rateWrites = (fake: FakeClockify) => fake.writes.filter((write) => /rate|\/projects\/[^/]+$/.test(write.path));
const memberRate = (fake: FakeClockify, targetId: string, userId: string) =>
  fake.state.rates.members.find((item) => item.targetId === targetId && item.userId === userId);

describe('manage_rates on Clockify', () => {
  it('is offered to a workspace admin and the owner, never to a team manager or a worker', async () => {
    const fake = await workspace();
    for (const key of [BOB_KEY, OLGA_KEY]) {
      const engine = await connect(fake, key);
      await expect.poll(() => offered(engine)).toBe(true);
    }
    for (const [key, role] of [
      [MIA_KEY, 'team manager'],
      [WES_KEY, 'regular user'],
    ] as const) {
      const engine = await connect(fake, key);
      // The role is learned in the background; once it is, a call by name hears it and the role rates need.
      await expect.poll(() => fake.requests.filter((request) => /[?&]roles=/.test(request.query)).length).toBeGreaterThan(0);
      expect(await offered(engine)).toBe(false);
      await expect
        .poll(async () => refusalOf(await engine.call('manage_rates', { action: 'list', kind: 'workspace', item: 'Acme' })))
        .toMatchObject({
          code: 'tool_withheld',
          facts: { tool: 'manage_rates', why: 'role', role, needs: 'admin' },
        });
    }
  });

  it("lists the workspace's default and a member's own rate in currency units, from Clockify's cents", async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const list = await bob.call('manage_rates', { action: 'list', kind: 'workspace', item: 'acme' });
    expect(list.isError, textOf(list)).toBeFalsy();
    const data = list.structuredContent as { item: { id: number }; rates: Array<{ id: number; person: { id: number } | null }> };
    const adaNumber = data.rates[1]?.person?.id as number;
    expect(list.structuredContent).toEqual({
      action: 'list',
      kind: 'workspace',
      item: { id: data.item.id, name: 'Acme' },
      currency: 'EUR',
      rates: [
        { id: 0, person: null, hourly: 50, fixed: null, internal: 30 },
        { id: adaNumber, person: { id: adaNumber, name: 'Ada Lovelace' }, hourly: 60, fixed: null, internal: null },
      ],
    });
    expect(textOf(list)).toBe(
      `Rates of the workspace "Acme" (#${data.item.id}):\n#0 everyone: 50 "EUR" an hour, internal 30 "EUR"\n#${adaNumber} "Ada Lovelace" (#${adaNumber}): 60 "EUR" an hour`,
    );
    const project = await bob.call('manage_rates', { action: 'list', kind: 'project', item: 'Website' });
    expect((project.structuredContent as { rates: unknown[] }).rates).toEqual([
      { id: 0, person: null, hourly: 80, fixed: null, internal: null },
      { id: adaNumber, person: { id: adaNumber, name: 'Ada Lovelace' }, hourly: 95.5, fixed: null, internal: 40 },
    ]);
    expect(rateWrites(fake)).toEqual([]);
  });

  it('sets the default, a member across the workspace, a project and a member in it: cents sent, units read back', async () => {
    const fake = await workspace();
    const asked: string[] = [];
    const bob = await admin(fake, { elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    const workspaceDefault = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', hourly: 52.5 });
    expect(workspaceDefault.isError, textOf(workspaceDefault)).toBeFalsy();
    expect(fake.state.rates.workspaces[ACME]).toEqual({ hourly: 5250, cost: 3000, currency: 'EUR' });
    const wes = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'wes@acme.example', hourly: 45, internal: 25.1 });
    expect(wes.isError, textOf(wes)).toBeFalsy();
    expect(memberRate(fake, ACME, TEAM.users.wes)).toMatchObject({ hourly: 4500, cost: 2510 });
    const project = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', internal: 61.25 });
    expect(project.isError, textOf(project)).toBeFalsy();
    expect(fake.state.rates.projects[website]).toEqual({ hourly: 8000, cost: 6125 });
    // The project's update carried the project as it was: its billable mark and client stay.
    expect(fake.state.projects.find((item) => item.id === website)).toMatchObject({ billable: true, clientId: SEED.clients.acme, archived: false });
    const adaThere = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'Ada Lovelace', hourly: 99.99 });
    expect(adaThere.isError, textOf(adaThere)).toBeFalsy();
    expect(memberRate(fake, website, ada)).toMatchObject({ hourly: 9999, cost: 4000 });
    expect(adaThere.structuredContent).toMatchObject({
      before: { hourly: 95.5, fixed: null, internal: 40 },
      after: { hourly: 99.99, fixed: null, internal: 40 },
    });
    expect(asked).toEqual([
      expect.stringMatching(
        /^Set the rate of the workspace "Acme" \(#\d+\) for everyone: 50 "EUR" an hour, internal 30 "EUR" → 52.50 "EUR" an hour, internal 30 "EUR"\?$/,
      ),
      expect.stringMatching(/^Set the rate of the workspace "Acme" \(#\d+\) for "Wes Worker" \(#\d+\): none → 45 "EUR" an hour, internal 25.10 "EUR"\?$/),
      expect.stringMatching(/^Set the rate of the project "Website" \(#\d+\) for everyone: 80 "EUR" an hour → 80 "EUR" an hour, internal 61.25 "EUR"\?$/),
      expect.stringMatching(
        /^Set the rate of the project "Website" \(#\d+\) for "Ada Lovelace" \(#\d+\): 95.50 "EUR" an hour, internal 40 "EUR" → 99.99 "EUR" an hour, internal 40 "EUR"\?$/,
      ),
    ]);
    // Only what changed was sent: the default's hourly rate alone, then the project member's hourly rate alone.
    expect(rateWrites(fake).map((write) => write.path.replace(/^\/api\/v1\/workspaces\/[^/]+/, ''))).toEqual([
      '/hourly-rate',
      `/users/${TEAM.users.wes}/hourly-rate`,
      `/users/${TEAM.users.wes}/cost-rate`,
      `/projects/${website}`,
      `/projects/${website}/users/${ada}/hourly-rate`,
    ]);
    // Round trip: what was sent in cents reads back in units.
    const again = await bob.call('manage_rates', { action: 'list', kind: 'workspace', item: 'Acme', person: 'Wes Worker' });
    expect((again.structuredContent as { rates: unknown[] }).rates).toEqual([expect.objectContaining({ hourly: 45, internal: 25.1 })]);
  });

  it('refuses in words what Clockify cannot keep, sending nothing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const refusal = async (args: Record<string, unknown>) => {
      const answer = await bob.call('manage_rates', args);
      expect(answer.isError).toBe(true);
      return textOf(answer);
    };
    expect(await refusal({ action: 'set', kind: 'project', item: 'Website', fixed: 500 })).toBe(
      'Clockify keeps hourly rates only, no fixed amount per time entry: give hourly instead. Nothing was sent.',
    );
    expect(await refusal({ action: 'remove', kind: 'project', item: 'Website', person: 'Ada Lovelace' })).toBe(
      "Clockify removes no rate: set the person's rate to the project's or the workspace's default instead (manage_rates set). Nothing was sent.",
    );
    expect(await refusal({ action: 'set', kind: 'customer', item: 'Acme Corp', hourly: 10 })).toMatch(
      /^Clockify \(.*\) keeps no rates per customer: only per project, workspace\. Nothing was sent\.$/,
    );
    expect(await refusal({ action: 'list', kind: 'activity', item: 'Design' })).toMatch(/keeps no rates per activity/);
    expect(await refusal({ action: 'set', kind: 'workspace', item: 'Acme', hourly: 80.555 })).toBe(
      'Clockify keeps rates in whole cents: hourly 80.555 "EUR" is finer than that; give at most two decimals. Nothing was sent.',
    );
    expect(await refusal({ action: 'set', kind: 'project', item: 'Secret', person: 'Wes Worker', hourly: 10 })).toMatch(
      /^"Wes Worker" \(#\d+\) is no member of the private project "Secret", so Clockify keeps no rate for them there: add them to the project in Clockify first\. Nothing was sent\.$/,
    );
    expect(await refusal({ action: 'set', kind: 'workspace', item: 'Side project', hourly: 10 })).toMatch(
      /^Punchcard works in the Clockify workspace "Acme" \(#\d+\), not "Side project": name it as item for its default rates\. Nothing was sent\.$/,
    );
    expect(await refusal({ action: 'set', kind: 'workspace', item: 'Acme', person: 'Nobody', hourly: 10 })).toMatch(/^There is nobody called "Nobody"/);
    expect(fake.writes).toEqual([]);
    expect(fake.state.projects.find((project) => project.id === secret)?.memberIds).not.toContain(TEAM.users.wes);
  });

  it('says both values when the hourly rate was set and the cost rate then failed, and the fake holds exactly that', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const costRate = (path: string) => ({ method: 'PUT', path: `/api/v1/workspaces/${ACME}${path}/cost-rate` });
    const internalError = { status: 500, body: { message: 'Internal server error', code: 500 } };
    // Ada in Website had a cost rate of her own (40 "EUR"): the sentence names it as what stayed.
    fake.failNext(costRate(`/projects/${website}/users/${ada}`), internalError);
    const adaThere = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'Ada Lovelace', hourly: 99, internal: 42 });
    expect(adaThere.isError).toBe(true);
    const adaNumber = /"Ada Lovelace" \(#(\d+)\)/.exec(textOf(adaThere))?.[1];
    expect(textOf(adaThere)).toBe(
      `Clockify had an internal error (500) trying to set the rate of the project "Website" for "Ada Lovelace" (#${adaNumber}). Try again later. ` +
        `The hourly rate of the project "Website" for "Ada Lovelace" (#${adaNumber}) is 99 "EUR" now; its internal (cost) rate stayed 40 "EUR".`,
    );
    expect(memberRate(fake, website, ada)).toMatchObject({ hourly: 9900, cost: 4000 });
    // Asked again, only the cost rate is still to send, and it is sent alone.
    const writesBefore = rateWrites(fake).length;
    const again = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', person: 'Ada Lovelace', hourly: 99, internal: 42 });
    expect(again.isError, textOf(again)).toBeFalsy();
    expect(memberRate(fake, website, ada)).toMatchObject({ hourly: 9900, cost: 4200 });
    expect(
      rateWrites(fake)
        .slice(writesBefore)
        .map((write) => write.path),
    ).toEqual([`/api/v1/workspaces/${ACME}/projects/${website}/users/${ada}/cost-rate`]);
    // Wes had no rate of his own across the workspace: his cost rate stayed unset, and the sentence says so.
    fake.failNext(costRate(`/users/${TEAM.users.wes}`), internalError);
    const wes = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'wes@acme.example', hourly: 45, internal: 25 });
    expect(wes.isError).toBe(true);
    expect(textOf(wes)).toMatch(
      /^Clockify had an internal error \(500\) trying to set "Wes Worker" \(#\d+\)'s cost rate\. Try again later\. The hourly rate of the workspace "Acme" for "Wes Worker" \(#\d+\) is 45 "EUR" now; its internal \(cost\) rate stayed unset\.$/,
    );
    expect(memberRate(fake, ACME, TEAM.users.wes)).toMatchObject({ hourly: 4500, cost: null });
  });

  it('withdraws manage_rates at once when Clockify refuses it (403), saying which right is missing', async () => {
    const fake = await workspace();
    const bob = await admin(fake);
    const user = fake.state.users.find((item) => item.key === BOB_KEY);
    if (user) user.roles = {};
    const set = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', hourly: 70 });
    expect(textOf(set)).toBe(
      "Clockify did not let you set the rate of the workspace \"Acme\" for everyone (403): rates are the workspace's admins' and its owner's to see and set, and your account is not one of them now. Nothing was changed; manage_rates is switched off.",
    );
    await expect.poll(() => offered(bob)).toBe(false);
    expect(fake.state.rates.workspaces[ACME]?.hourly).toBe(5000);
  });
});

describe.each<Era>(['legacy', 'modern'])('the question before a Clockify rate changes (%s era)', (era) => {
  it('changes the rate once accepted', async () => {
    const fake = await workspace();
    const bob = await admin(fake, { era });
    const set = await bob.call('manage_rates', { action: 'set', kind: 'project', item: 'Website', hourly: 81 });
    expect(textOf(set)).toMatch(/^Set the rate of the project "Website" \(#\d+\) for everyone: 80 "EUR" an hour → 81 "EUR" an hour\.$/);
    expect(fake.state.rates.projects[website]?.hourly).toBe(8100);
  });

  it.each([
    ['declined', { action: 'decline' } as const, /you said no when asked\. Nothing was changed\./],
    ['dismissed', { action: 'cancel' } as const, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('%s, changes nothing and says so', async (_label, answer, words) => {
    const fake = await workspace();
    const bob = await admin(fake, { era, elicitation: () => answer });
    const rates = JSON.stringify(fake.state.rates);
    const set = await bob.call('manage_rates', { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', hourly: 61 });
    expect(textOf(set)).toMatch(/^The rate of the workspace "Acme" \(#\d+\) for "Ada Lovelace" \(#\d+\) was not changed: /);
    expect(textOf(set)).toMatch(words);
    expect(JSON.stringify(fake.state.rates)).toBe(rates);
    expect(fake.writes).toEqual([]);
  });
});
