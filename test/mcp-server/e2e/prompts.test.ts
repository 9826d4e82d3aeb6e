// Prompts through the SDK client and the engine in process (test/support/engine.ts, startInProcessEngine), in
// both protocol eras: the four are listed and rendered with exact days in the person's zone; their
// arguments complete from days around today and from the back end's own catalog (the local
// timesheet, and Kimai's through its fake); a prompt follows the tools it works through when the
// settings change, and the client hears of it; arguments that are not days are refused in words.
import { afterEach, describe, expect, it } from 'vitest';
import { type Era, type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, writeSettings } from '../../support/engine.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

// Wednesday 18 November 2026, afternoon in Berlin.
const NOW = '2026-11-18T15:00:00+01:00';
const PROMPTS = ['weekly_review', 'fill_my_day', 'plan_leave', 'month_close'];

let engine: InProcessEngineHandle | undefined;
let fake: FakeKimai | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await fake?.close();
  fake = undefined;
});

async function start(era: Era, settings: Record<string, unknown> = {}, extra: Partial<Parameters<typeof startInProcessEngine>[0]> = {}) {
  const userDataDir = makeUserDataDir({ timezone: 'Europe/Berlin', ...settings });
  engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW }, ...extra });
  return engine;
}

async function rendered(handle: InProcessEngineHandle, name: string, args: Record<string, string> = {}): Promise<string> {
  const { messages } = await handle.client.getPrompt({ name, arguments: args });
  expect(messages).toHaveLength(1);
  const content = messages[0]?.content as { type: string; text: string };
  expect(content.type).toBe('text');
  return content.text;
}

async function completions(handle: InProcessEngineHandle, prompt: string, argument: string, value: string, context?: Record<string, string>) {
  const { completion } = await handle.client.complete({
    ref: { type: 'ref/prompt', name: prompt },
    argument: { name: argument, value },
    ...(context ? { context: { arguments: context } } : {}),
  });
  return completion.values;
}

describe.each<Era>(['legacy', 'modern'])('prompts (%s era)', (era) => {
  it('lists the four with their arguments, and declares prompts and completions', async () => {
    const handle = await start(era);
    expect(handle.client.getServerCapabilities()).toMatchObject({ prompts: { listChanged: true }, completions: {} });
    const { prompts } = await handle.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(PROMPTS);
    expect(prompts.find((prompt) => prompt.name === 'fill_my_day')?.arguments?.map((argument) => argument.name)).toEqual([
      'date',
      'day',
      'project',
      'activity',
    ]);
    for (const prompt of prompts) {
      expect(prompt.title?.length).toBeGreaterThan(3);
      expect(prompt.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('weekly_review names last week’s exact days and asks before any fix', async () => {
    const text = await rendered(await start(era), 'weekly_review', { week: 'last' });
    expect(text).toContain('Monday 2026-11-09 to Sunday 2026-11-15 (today is Wednesday 2026-11-18, zone Europe/Berlin)');
    expect(text).toContain('Call time_report with from 2026-11-09, to 2026-11-15, group_by day');
    expect(text).toContain('Change nothing before I have answered');
  });

  it('fill_my_day carries the person’s words and the defaults, and logs only what is confirmed', async () => {
    const handle = await start(era);
    const text = await rendered(handle, 'fill_my_day', { date: 'yesterday', day: 'standup, then the invoice bug until lunch', project: 'Website' });
    expect(text).toContain('Fill in my time for Tuesday 2026-11-17');
    expect(text).toContain('"""\nstandup, then the invoice bug until lunch\n"""');
    expect(text).toContain('or else project "Website"');
    expect(text).toContain('Log nothing before I confirm.');
    // Without words, the model asks for them.
    expect(await rendered(handle, 'fill_my_day')).toContain('First ask me what I worked on');
  });

  it('plan_leave and month_close name their ranges; plan_leave files nothing without a yes', async () => {
    const handle = await start(era);
    const leave = await rendered(handle, 'plan_leave', { from: '2026-12-01', to: '2026-12-31', days: '5' });
    expect(leave).toContain('of 5 working days between Tuesday 2026-12-01 and Thursday 2026-12-31');
    expect(leave).toContain('File nothing before I say yes');
    const month = await rendered(handle, 'month_close', { month: 'last' });
    expect(month).toContain('for October 2026 (2026-10-01 to 2026-10-31)');
    expect(month).toContain('judge the days up to 2026-10-31');
  });

  it('refuses arguments that are not days, in words', async () => {
    const handle = await start(era);
    await expect(handle.client.getPrompt({ name: 'month_close', arguments: { month: 'Octember' } })).rejects.toThrow(
      /month_close: month: could not read "Octember"\. Use YYYY-MM such as 2026-11, or this or last\./,
    );
    await expect(handle.client.getPrompt({ name: 'plan_leave', arguments: { from: '2026-12-10', to: '2026-12-01' } })).rejects.toThrow(
      /to \(2026-12-01\) is before from \(2026-12-10\)/,
    );
    await expect(handle.client.getPrompt({ name: 'weekly_review', arguments: { week: 'x'.repeat(33) } })).rejects.toThrow(
      /Invalid arguments for prompt weekly_review/,
    );
  });

  it('completes days, weeks and months around today', async () => {
    const handle = await start(era);
    expect(await completions(handle, 'month_close', 'month', '')).toEqual([
      'this',
      'last',
      '2026-11',
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
      '2025-12',
    ]);
    expect(await completions(handle, 'weekly_review', 'week', 'l')).toEqual(['last']);
    expect((await completions(handle, 'weekly_review', 'week', '2026-11')).slice(0, 3)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(await completions(handle, 'fill_my_day', 'date', 'y')).toEqual(['yesterday']);
    expect((await completions(handle, 'plan_leave', 'to', '', { from: '2026-12-01' })).slice(0, 2)).toEqual(['2026-12-04', '2026-12-11']);
  });

  it('completes projects, activities and leave types from the timesheet’s own data', async () => {
    const handle = await start(era, { tools: { groups: { catalog: true } } });
    await handle.call('create_catalog_item', { kind: 'project', name: 'Website' });
    await handle.call('create_catalog_item', { kind: 'project', name: 'Intranet' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Meeting' });
    expect(await completions(handle, 'fill_my_day', 'project', '')).toEqual(['Intranet', 'Website']);
    expect(await completions(handle, 'fill_my_day', 'project', 'net')).toEqual(['Intranet']);
    expect(await completions(handle, 'fill_my_day', 'activity', '', { project: 'website' })).toEqual(['Design', 'Meeting']);
    expect(await completions(handle, 'fill_my_day', 'activity', '')).toEqual(['Meeting']);
    expect(await completions(handle, 'plan_leave', 'type', 's')).toEqual(['sick', 'personal']);
  });

  it('completes no names while list_catalog is switched off', async () => {
    const handle = await start(era, { tools: { enabled: { list_catalog: false } } });
    await handle.call('log_time', { date: 'today', duration: '1h' });
    expect(await completions(handle, 'fill_my_day', 'project', '')).toEqual([]);
  });

  it('follows the tools when the settings change, and tells the client', async () => {
    const dir = makeUserDataDir({ timezone: 'Europe/Berlin' });
    let changes = 0;
    const handle = await start(era, {}, { userDataDir: dir, promptsChanged: () => changes++ });
    expect((await handle.client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(PROMPTS);
    writeSettings(dir, { timezone: 'Europe/Berlin', tools: { readOnly: true, groups: { calendar: false } } });
    await expect.poll(() => changes).toBeGreaterThan(0);
    expect((await handle.client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(['weekly_review', 'plan_leave', 'month_close']);
    // plan_leave is still there for its balance, and no longer offers to file anything.
    expect(await rendered(handle, 'plan_leave')).toContain('Filing leave is switched off for you here');
    writeSettings(dir, { timezone: 'Europe/Berlin', tools: { groups: { reports: false, entries: false, leave: false, calendar: false } } });
    await expect.poll(async () => (await handle.client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual([]);
    await expect(handle.client.getPrompt({ name: 'weekly_review' })).rejects.toThrow(/disabled/);
  });
});

describe('completions from a remote back end', () => {
  it('Kimai: projects and the chosen project’s activities come from Kimai', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const ada = DEFAULT_USERS[0] as FakeUser;
    const handle = await start('legacy', { provider: { type: 'kimai', url: fake.url } }, { env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ada.token } });
    expect(await completions(handle, 'fill_my_day', 'project', 'we')).toEqual(['Website']);
    expect(await completions(handle, 'fill_my_day', 'activity', '', { project: 'Website' })).toEqual(['Design', 'Meeting']);
  });
});
