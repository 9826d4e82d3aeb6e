// The Week app in Chromium inside the SDK's AppBridge, over stdio to the built engine with the
// official MCP client: an entry changed in place, a gap filled and an entry deleted after the
// app's question, each checked in the timesheet itself; on the local timesheet in both eras and on
// Kimai's fake. The timesheet's approval status: on Clockify's fake, submitted and then approved by
// the team manager, and on the local timesheet with the host answering list_timesheet_approvals for
// what Clockify does not show (a submitted week kept as it is, a rejection's note, a refused call).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, refusalOf, startEngine, startInProcessEngine, textOf } from '../../support/engine.ts';
import {
  ADA_KEY,
  addEntry,
  at,
  type FakeClockify,
  MIA_KEY,
  SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
} from '../../mcp-server/providers/clockify/fake-clockify.ts';
import {
  clockStartingAt,
  DEFAULT_USERS,
  type FakeKimai,
  type FakeUser,
  rememberPlugin,
  seedCatalog,
  startFakeKimai,
} from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { type AppHost, type ToolCall } from './app-host.ts';
import { appsInChromium } from './apps-in-chromium.ts';

// Wednesday 18 November 2026, Buß- und Bettag in Saxony.
const NOW = '2026-11-18T10:00:00+01:00';
const WRITING = new Set(['clock_in', 'clock_out', 'log_time', 'update_time_entry', 'delete_time_entry', 'request_leave', 'cancel_leave_request']);
const writes = (calls: ToolCall[]) => calls.filter((call) => WRITING.has(call.name));

const chromium = appsInChromium();
let host: AppHost;

type Listed = { id: number; start: string; end: string | null; description: string };
async function entries(engine: EngineHandle): Promise<Listed[]> {
  const listed = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-22' });
  return listed.structuredContent?.entries as Listed[];
}

async function seedWeek(engine: EngineHandle, project?: { project: string; activity: string }) {
  for (const [start, end, description] of [
    ['2026-11-16T09:00', '2026-11-16T12:00', 'Report'],
    ['2026-11-16T13:00', '2026-11-16T16:00', 'Reviews'],
    ['2026-11-17T09:00', '2026-11-17T17:00', 'Workshop'],
  ] as const) {
    const logged = await engine.call('log_time', { start, end, description, ...project });
    expect(logged.isError, JSON.stringify(logged.content)).toBeFalsy();
  }
}

describe.each<Era>(['legacy', 'modern'])('the Week app on the local timesheet (%s era)', (era) => {
  let engine: EngineHandle;
  beforeAll(async () => {
    const userDataDir = makeUserDataDir({
      holidays: { country: 'DE', state: 'SN' },
      tools: { enabled: { update_time_entry: true, delete_time_entry: true } },
    });
    engine = await startEngine({ era, apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
    await seedWeek(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('shows the week with targets, what is missing and the holiday by name; edits, fills and deletes through the tools', async () => {
    host = await chromium.open({ client: engine.client, tool: 'list_time_entries', theme: 'light' });
    const { app } = host;
    await app.getByRole('heading', { name: /^Week of Nov 16 – 22, 2026$/ }).waitFor();
    const monday = app.getByRole('listitem', { name: 'Monday, November 16' });
    await expect.poll(() => monday.locator('.sum').textContent()).toBe('6 h of 8 h · 2 h missing');
    await app.getByText('Day of Prayer and Repentance').or(app.getByText('Buß- und Bettag')).waitFor();
    expect(await host.axe()).toEqual([]);
    // The local timesheet has no approvals: the engine's answers say list_timesheet_approvals is not
    // offered here, so the page asks nothing of it (it would be refused at every draw), and shows no
    // status and no error for it.
    expect(host.calls.map((call) => call.name)).toEqual(['time_report', 'list_time_entries', 'absence_calendar']);
    expect(await app.getByRole('region', { name: 'Timesheet approval' }).count()).toBe(0);
    expect(await app.getByRole('alert').count()).toBe(0);

    // Changed in place: only the end moves.
    await app.getByRole('button', { name: 'Edit 09:00–12:00 No project — Report' }).click();
    const form = app.getByRole('form', { name: /^Change 09:00–12:00/ });
    await form.getByLabel('To').fill('12:30');
    await form.getByRole('button', { name: 'Save' }).click();
    await monday.getByText('09:00–12:30').waitFor();
    const report = (await entries(engine)).find((entry) => entry.description === 'Report');
    expect(report?.end).toBe('2026-11-16T12:30:00+01:00');

    // The gap filled: from where the day ended, for what is missing.
    await monday.getByRole('button', { name: 'Fill the gap on Monday, November 16' }).click();
    const fill = app.getByRole('form', { name: 'Add time on Monday, November 16' });
    expect(await fill.getByLabel('From').inputValue()).toBe('16:00');
    expect(await fill.getByLabel('To').inputValue()).toBe('17:30');
    await fill.getByLabel('Description').fill('Email');
    await fill.getByLabel('Description').press('Enter');
    await monday.getByText('16:00–17:30').waitFor();
    await expect.poll(() => monday.locator('.sum').textContent()).toBe('8 h of 8 h');
    expect((await entries(engine)).find((entry) => entry.description === 'Email')).toMatchObject({
      start: '2026-11-16T16:00:00+01:00',
      end: '2026-11-16T17:30:00+01:00',
    });

    // Deleting asks first; "Keep it" keeps it.
    await app.getByRole('button', { name: 'Delete 09:00–17:00 No project — Workshop' }).click();
    const question = app.getByRole('group', { name: 'Delete this entry?' });
    await question.getByRole('button', { name: 'Keep it' }).click();
    expect(writes(host.calls).map((call) => call.name)).toEqual(['update_time_entry', 'log_time']);
    await app.getByRole('button', { name: 'Delete 09:00–17:00 No project — Workshop' }).click();
    // The question takes the focus, so a keyboard confirms it.
    await question.getByRole('button', { name: 'Delete for good' }).press('Enter');
    await app.getByText('09:00–17:00', { exact: true }).waitFor({ state: 'detached' });
    expect((await entries(engine)).some((entry) => entry.description === 'Workshop')).toBe(false);

    const workshopId = host.calls.find((call) => call.name === 'delete_time_entry')?.arguments?.id;
    expect(writes(host.calls)).toEqual([
      { name: 'update_time_entry', arguments: { id: report?.id, end: '2026-11-16T12:30' } },
      { name: 'log_time', arguments: { start: '2026-11-16T16:00', end: '2026-11-16T17:30', description: 'Email' } },
      { name: 'delete_time_entry', arguments: { id: workshopId } },
    ]);
    const told = (await host.modelContext()).map((update) => update.content?.[0]?.text ?? '');
    expect(told).toHaveLength(3);
    expect(told[0]).toMatch(
      /^In Punchcard's Week app the person asked to change entry #\d+ \(09:00–12:00 No project — Report\) \(update_time_entry\)\. Punchcard answered: /,
    );
    // A host keeps only the last update: it says all three changes, oldest first.
    expect(told[2]?.split('\n').map((line) => /\((\w+)\)\. Punchcard answered/.exec(line)?.[1])).toEqual([
      'update_time_entry',
      'log_time',
      'delete_time_entry',
    ]);
    expect(told[2]).toMatch(/\(delete_time_entry\)\. Punchcard answered: Deleted #\d+/);
    expect(host.problems).toEqual([]);
  }, 90_000);

  it("says the engine's refusal and changes nothing when a tool is switched off", async () => {
    const userDataDir = makeUserDataDir({ tools: { enabled: { delete_time_entry: false } } });
    const strict = await startEngine({ era, apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
    try {
      await strict.call('log_time', { start: '2026-11-16T09:00', end: '2026-11-16T10:00', description: 'Kept' });
      host = await chromium.open({ client: strict.client, tool: 'time_report', theme: 'dark' });
      const { app } = host;
      await app.getByRole('button', { name: 'Delete 09:00–10:00 No project — Kept' }).click();
      await app.getByRole('button', { name: 'Delete for good' }).click();
      await expect.poll(() => app.getByRole('status').textContent()).toMatch(/delete_time_entry/);
      expect((await entries(strict)).map((entry) => entry.description)).toEqual(['Kept']);
      expect(await host.axe()).toEqual([]);
    } finally {
      await strict.close();
    }
  }, 60_000);
});

describe("the Week app on Kimai's fake", () => {
  const ADA = DEFAULT_USERS[0] as FakeUser;
  let fake: FakeKimai;
  let engine: EngineHandle;
  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({
      provider: { type: 'kimai', url: `${fake.url}/` },
      tools: { enabled: { update_time_entry: true, delete_time_entry: true } },
    });
    rememberPlugin(userDataDir, fake.url, false);
    engine = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } });
    await seedWeek(engine, { project: 'Website', activity: 'Design' });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('edits and deletes Kimai entries from the week', async () => {
    host = await chromium.open({ client: engine.client, tool: 'time_report', args: { from: '2026-11-16', to: '2026-11-22' }, theme: 'light' });
    const { app } = host;
    await app.getByRole('button', { name: 'Edit 09:00–12:00 Website · Design — Report' }).click();
    const form = app.getByRole('form', { name: /^Change 09:00–12:00/ });
    await form.getByLabel('Description').fill('Quarterly report');
    await form.getByRole('button', { name: 'Save' }).click();
    await app.getByText('Website · Design — Quarterly report', { exact: true }).waitFor();
    expect((await entries(engine)).map((entry) => entry.description)).toContain('Quarterly report');
    await app.getByRole('button', { name: 'Delete 13:00–16:00 Website · Design — Reviews' }).click();
    await app.getByRole('button', { name: 'Delete for good' }).click();
    await app.getByText('Website · Design — Reviews', { exact: true }).waitFor({ state: 'detached' });
    expect((await entries(engine)).map((entry) => entry.description)).toEqual(['Quarterly report', 'Workshop']);
    expect(writes(host.calls).map((call) => call.name)).toEqual(['update_time_entry', 'delete_time_entry']);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('shows a clock-in kept while Kimai is out of reach with no change offered, as the engine would refuse one', async () => {
    await fake.close();
    const kept = await engine.call('clock_in', { project: 'Website', activity: 'Design', description: 'On the train' });
    expect(kept.isError, JSON.stringify(kept.content)).toBeFalsy();
    expect(JSON.stringify(kept.content)).toMatch(/out of reach/);
    host = await chromium.open({ client: engine.client, tool: 'time_report', args: { from: '2026-11-16', to: '2026-11-22' }, theme: 'light' });
    const row = host.app.locator('li.entry').filter({ hasText: 'On the train' });
    await row.getByText('Kept while your time tracker was out of reach; it can be changed once it has been sent.').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    // An entry Kimai already has is still offered for change, from what the engine last read.
    expect(await host.app.getByRole('button', { name: /^Edit .*Workshop$/ }).count()).toBe(1);
    expect(host.problems).toEqual([]);
  }, 60_000);
});

/**
 * list_timesheet_approvals' answer about the person's own week, as the engine's contract describes it
 * (mcp-server/contract/tools/list-timesheet-approvals.ts). The local timesheet has no approvals, so the
 * host answers that one call itself; the entries, the targets and every write still go to the engine.
 */
function ownApprovals(submissions: Array<Record<string, unknown>>, more: Record<string, unknown> = {}) {
  const structuredContent = { whose: 'mine', submissions, more: false, from: '2026-11-16', to: '2026-11-22', rejection_note_kept: true, ...more };
  return () => ({ content: [{ type: 'text', text: 'Timesheet submissions of yours.' }], structuredContent });
}

function week(status: string, more: Record<string, unknown> = {}) {
  return {
    id: '65f0c1a2b3',
    person: 'Ada Lovelace',
    period: 'week',
    first_day: '2026-11-16',
    last_day: '2026-11-22',
    status,
    hours: 14,
    note: null,
    decided_by: null,
    ...more,
  };
}

/** Intl puts thin spaces around a range's dash; a person reads spaces. */
const plain = (text: string | null) => (text ?? '').replaceAll('\u2009', ' ');

describe("the Week app with the timesheet's approval status (local timesheet; the host answers list_timesheet_approvals)", () => {
  let engine: EngineHandle;
  beforeAll(async () => {
    const userDataDir = makeUserDataDir({ holidays: { country: 'DE', state: 'SN' }, tools: { enabled: { update_time_entry: true, delete_time_entry: true } } });
    engine = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
    await seedWeek(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('shows an approved week with who approved it, and keeps its entries as they are, saying why', async () => {
    host = await chromium.open({
      client: engine.client,
      tool: 'time_report',
      args: { from: '2026-11-16', to: '2026-11-22' },
      theme: 'light',
      hostAnswers: { list_timesheet_approvals: ownApprovals([week('approved', { decided_by: 'Bea Lead' })]) },
    });
    const { app } = host;
    const status = app.getByRole('region', { name: 'Timesheet approval' });
    await status.waitFor();
    expect(plain(await status.textContent())).toBe(
      'Timesheet for Nov 16 – 22, 2026: approved by Bea Lead. Its time is kept as approved: to change it, ask your approver or an administrator to withdraw the approval.',
    );
    const monday = app.getByRole('listitem', { name: 'Monday, November 16' });
    await monday.getByText('Kept as approved').first().waitFor();
    expect(await app.locator('li.entry').filter({ hasText: 'Kept as approved' }).count()).toBe(3);
    expect(await app.getByRole('button').count()).toBe(0);
    expect(host.calls.find((call) => call.name === 'list_timesheet_approvals')?.arguments).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it("follows the engine's locks: a week submitted from Sunday is kept as submitted, and the Sunday after it stays open", async () => {
    host = await chromium.open({
      client: engine.client,
      tool: 'time_report',
      args: { from: '2026-11-16', to: '2026-11-22' },
      theme: 'dark',
      hostAnswers: {
        list_timesheet_approvals: ownApprovals([week('pending', { first_day: '2026-11-15', last_day: '2026-11-21' })], {
          locks: [{ first_day: '2026-11-15', last_day: '2026-11-21', status: 'pending', reopened_by: 'the_person' }],
        }),
      },
    });
    const { app } = host;
    const status = app.getByRole('region', { name: 'Timesheet approval' });
    await status.waitFor();
    expect(plain(await status.textContent())).toBe(
      'Timesheet for Nov 15 – 21, 2026: submitted, waiting for approval. Its time is kept as submitted: to change it, withdraw the submission first.',
    );
    await app.getByText('Kept as submitted').first().waitFor();
    expect(await app.locator('li.entry').filter({ hasText: 'Kept as submitted' }).count()).toBe(3);
    expect(await app.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    // Monday to Saturday take no new time; Sunday, outside the submitted week, does.
    expect(await app.getByRole('button', { name: /^(Add time|Fill the gap) on / }).allTextContents()).toEqual(['Add time']);
    await app.getByRole('button', { name: 'Add time on Sunday, November 22' }).waitFor();
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it("shows a rejection with the approver's note as text, and the week's entries open to change", async () => {
    host = await chromium.open({
      client: engine.client,
      tool: 'time_report',
      args: { from: '2026-11-16', to: '2026-11-22' },
      theme: 'dark',
      hostAnswers: {
        list_timesheet_approvals: ownApprovals([
          week('rejected', { note: 'Put the <b>workshop</b> on its project, please.', decided_by: 'Bea Lead' }),
          week('withdrawn', { id: '65f0c1a2b4' }),
        ]),
      },
    });
    const { app } = host;
    const status = app.getByRole('region', { name: 'Timesheet approval' });
    await status.waitFor();
    expect(plain(await status.textContent())).toBe(
      'Timesheet for Nov 16 – 22, 2026: rejected by Bea Lead. Note: Put the <b>workshop</b> on its project, please.',
    );
    expect(await status.locator('b').count()).toBe(0);
    await app.getByRole('button', { name: 'Edit 09:00–17:00 No project — Workshop' }).waitFor();
    expect(await app.getByText(/^Kept as /).count()).toBe(0);
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('says where a rejection note went by e-mail, and that a week with no submission is not submitted', async () => {
    host = await chromium.open({
      client: engine.client,
      tool: 'time_report',
      args: { from: '2026-11-16', to: '2026-11-22' },
      theme: 'light',
      hostAnswers: { list_timesheet_approvals: ownApprovals([week('rejected')], { rejection_note_kept: false }) },
    });
    const status = host.app.getByRole('region', { name: 'Timesheet approval' });
    await status.waitFor();
    expect(plain(await status.textContent())).toBe('Timesheet for Nov 16 – 22, 2026: rejected. The note was sent to you by e-mail.');
    await host.close();

    host = await chromium.open({
      client: engine.client,
      tool: 'time_report',
      args: { from: '2026-11-16', to: '2026-11-22' },
      theme: 'light',
      hostAnswers: { list_timesheet_approvals: ownApprovals([week('approved', { first_day: '2026-11-09', last_day: '2026-11-15' })]) },
    });
    const none = host.app.getByRole('region', { name: 'Timesheet approval' });
    await none.waitFor();
    expect(await none.textContent()).toBe('Timesheet not submitted.');
    await host.app.getByRole('button', { name: 'Edit 09:00–12:00 No project — Report' }).waitFor();
    expect(host.problems).toEqual([]);
  }, 60_000);

  it("shows nothing of approvals, and no error, where the host refuses the call or hands on a lead's list", async () => {
    for (const answered of [
      () => {
        throw new Error('This host does not let apps call list_timesheet_approvals.');
      },
      ownApprovals([week('approved')], { whose: 'to_decide' }),
      () => ({ content: [{ type: 'text', text: 'The approvals group is switched off.' }], isError: true }),
    ]) {
      host = await chromium.open({
        client: engine.client,
        tool: 'time_report',
        args: { from: '2026-11-16', to: '2026-11-22' },
        theme: 'light',
        hostAnswers: { list_timesheet_approvals: answered },
      });
      const { app } = host;
      await app.getByRole('button', { name: 'Edit 09:00–12:00 No project — Report' }).waitFor();
      expect(host.calls.map((call) => call.name)).toContain('list_timesheet_approvals');
      expect(await app.getByRole('region', { name: 'Timesheet approval' }).count()).toBe(0);
      expect(await app.getByRole('alert').count()).toBe(0);
      expect(await app.getByText(/^Kept as /).count()).toBe(0);
      await host.close();
    }
  }, 90_000);
});

describe("the Week app on Clockify's fake, where a team manager decides the week", () => {
  // Thursday 19 November 2026; Ada's last week is 9 to 15 November, Mia Manager leads her team.
  const CLOCKIFY_NOW = '2026-11-19T15:00:00+01:00';
  let fake: FakeClockify;
  let ada: EngineHandle;
  const lastWeek = { from: '2026-11-09', to: '2026-11-15' };

  beforeAll(async () => {
    fake = await startFakeClockify({ now: clockStartingAt(CLOCKIFY_NOW) });
    seedWorkspace(fake);
    seedTeam(fake);
    const { website } = SEED.projects;
    addEntry(fake, { userId: SEED.users.ada, start: at('2026-11-09', '09:00'), end: at('2026-11-09', '12:00'), projectId: website, description: 'Mock-ups' });
    addEntry(fake, { userId: SEED.users.ada, start: at('2026-11-10', '10:00'), end: at('2026-11-10', '15:00'), projectId: website, description: 'Build' });
    const userDataDir = makeUserDataDir({
      provider: { type: 'clockify', url: fake.url },
      timezone: 'Europe/Berlin',
      tools: { groups: { approvals: true }, enabled: { update_time_entry: true, delete_time_entry: true } },
    });
    ada = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: CLOCKIFY_NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA_KEY } });
    await ada.call('whoami');
    // The group is offered once the engine has read the workspace's plan (after whoami).
    for (let tries = 0; !(await ada.client.listTools()).tools.some((tool) => tool.name === 'list_timesheet_approvals'); tries += 1) {
      if (tries === 50) throw new Error('Clockify was never offered the approvals group.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await ada?.close();
    await fake?.close();
  });

  it('shows the week waiting for approval with its entries open, then approved with them kept as approved', async () => {
    const submitted = await ada.call('submit_timesheet', { period_start: lastWeek.from });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();

    // The answers that open the Week tell it the approvals can be read here, so it asks.
    const report = await ada.client.callTool({ name: 'time_report', arguments: lastWeek });
    expect(report._meta?.['app.punchcard/offered']).toEqual(['list_timesheet_approvals']);
    host = await chromium.open({ client: ada.client, tool: 'time_report', args: lastWeek, theme: 'light' });
    const status = host.app.getByRole('region', { name: 'Timesheet approval' });
    await status.waitFor();
    expect(plain(await status.textContent())).toBe('Timesheet for Nov 9 – 15, 2026: submitted, waiting for approval.');
    // Clockify keeps a pending week open: its entries can still be changed.
    await host.app.getByRole('button', { name: /^Edit 09:00–12:00 Website/ }).waitFor();
    expect(host.problems).toEqual([]);
    await host.close();

    const mia = await startInProcessEngine({
      userDataDir: makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, timezone: 'Europe/Berlin', tools: { groups: { approvals: true } } }),
      env: { PUNCHCARD_NOW: CLOCKIFY_NOW, PUNCHCARD_CLOCKIFY_TOKEN: MIA_KEY },
    });
    try {
      await mia.call('whoami');
      await expect.poll(async () => (await mia.client.listTools()).tools.some((tool) => tool.name === 'decide_timesheet')).toBe(true);
      const id = (submitted.structuredContent as { submission: { id: string } }).submission.id;
      const approved = await mia.call('decide_timesheet', { id, decision: 'approve' });
      expect(approved.isError, textOf(approved)).toBeFalsy();
    } finally {
      await mia.close();
    }

    host = await chromium.open({ client: ada.client, tool: 'time_report', args: lastWeek, theme: 'dark' });
    const decided = host.app.getByRole('region', { name: 'Timesheet approval' });
    await decided.getByText(/approved/).waitFor();
    expect(plain(await decided.textContent())).toBe(
      'Timesheet for Nov 9 – 15, 2026: approved by Mia Manager. Its time is kept as approved: to change it, ask your approver or an administrator to withdraw the approval.',
    );
    expect(await host.app.locator('li.entry').filter({ hasText: 'Kept as approved' }).count()).toBe(2);
    expect(await host.app.getByRole('button').count()).toBe(0);
    // The engine keeps it too, whatever a page offers.
    const refused = await ada.call('log_time', { start: '2026-11-11T09:00', end: '2026-11-11T10:00', project: 'Website', description: 'Late' });
    expect(refusalOf(refused)?.code, textOf(refused)).toBe('timesheet_period_locked');
    expect(await host.axe()).toEqual([]);
    expect(host.problems).toEqual([]);
  }, 90_000);
});
