// Questions mid-call (MCP elicitation) with the SDK's real client and an elicitation handler,
// against the engine in process (test/support/engine.ts, startInProcessEngine), in both protocol eras: a 2025
// connection gets elicitation/create from the SDK's shim, a 2026 one input_required results its
// client fulfils and retries. Deleting, cancelling leave, switching a running timer and vacation
// beyond the balance ask first and do nothing on decline or cancel (leave-beyond-balance.test.ts
// holds the last on every back end); a name that fits several activities offers a choice; an answer
// outside the choices is refused; a client without the capability is never asked and gets today's
// behaviour.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Era, type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';

const NOW = '2026-11-18T15:00:00+01:00';
const SETTINGS = {
  timezone: 'Europe/Berlin',
  tools: { enabled: { delete_time_entry: true, cancel_leave_request: true, update_time_entry: true } },
};

let engine: InProcessEngineHandle | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

type Answer = (params: ElicitRequestFormParams) => ElicitResult;

/** An engine whose client answers every question with `answer`, remembering what it was asked. */
async function asking(era: Era, answer: Answer, settings: Record<string, unknown> = SETTINGS) {
  const asked: ElicitRequestFormParams[] = [];
  engine = await startInProcessEngine({
    era,
    userDataDir: makeUserDataDir(settings),
    env: { PUNCHCARD_NOW: NOW },
    elicitation: (params) => {
      asked.push(params);
      return answer(params);
    },
  });
  return { engine, asked };
}

const accept: Answer = () => ({ action: 'accept', content: {} });
const decline: Answer = () => ({ action: 'decline' });
const dismiss: Answer = () => ({ action: 'cancel' });

async function logged(handle: InProcessEngineHandle, args: Record<string, unknown>): Promise<number> {
  const result = await handle.call('log_time', args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return (result.structuredContent?.entry as { id: number }).id;
}

async function entryIds(handle: InProcessEngineHandle): Promise<number[]> {
  const listed = await handle.call('list_time_entries', { from: '2026-11-01', to: '2026-11-30' });
  return (listed.structuredContent?.entries as Array<{ id: number }>).map((entry) => entry.id);
}

describe.each<Era>(['legacy', 'modern'])('questions (%s era)', (era) => {
  it('delete_time_entry shows the entry and deletes it once confirmed', async () => {
    const { engine: handle, asked } = await asking(era, accept);
    const id = await logged(handle, { start: '09:00', end: '10:30', description: 'invoice bug' });
    const deleted = await handle.call('delete_time_entry', { id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toMatch(new RegExp(`^Delete time entry #${id} for good\\? no project — "invoice bug", 1 h 30 min`));
    expect(await entryIds(handle)).toEqual([]);
  });

  it.each([
    ['declined', decline, /you said no when asked\. Nothing was changed\./],
    ['dismissed', dismiss, /the question was dismissed without an answer\. Nothing was changed\./],
  ])('delete_time_entry %s deletes nothing and says so', async (_label, answer, words) => {
    const { engine: handle } = await asking(era, answer);
    const id = await logged(handle, { start: '09:00', end: '10:00' });
    const refused = await handle.call('delete_time_entry', { id });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(new RegExp(`^Time entry #${id} was not deleted: `));
    expect(textOf(refused)).toMatch(words);
    expect(await entryIds(handle)).toEqual([id]);
  });

  it('cancel_leave_request shows the request; a no keeps it, a yes cancels it', async () => {
    let reply: Answer = decline;
    const { engine: handle, asked } = await asking(era, (params) => reply(params));
    const filed = await handle.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-23' });
    const id = (filed.structuredContent?.request as { id: number }).id;
    const kept = await handle.call('cancel_leave_request', { id });
    expect(textOf(kept)).toMatch(new RegExp(`^Leave request #${id} was not cancelled: you said no`));
    expect(asked[0]?.message).toBe(`Cancel leave request #${id} vacation 2026-12-21 to 2026-12-23 (3 days, approved)?`);
    const listed = await handle.call('list_leave_requests', {});
    expect(listed.structuredContent?.requests).toMatchObject([{ id, status: 'approved' }]);
    reply = accept;
    const cancelled = await handle.call('cancel_leave_request', { id });
    expect(cancelled.structuredContent).toMatchObject({ request: { id, status: 'cancelled' } });
  });

  it('clock_in with switch: true asks before it stops a running timer', async () => {
    let reply: Answer = dismiss;
    const { engine: handle, asked } = await asking(era, (params) => reply(params));
    await handle.call('clock_in', { start: '13:00', description: 'review' });
    const kept = await handle.call('clock_in', { switch: true, description: 'support call' });
    expect(kept.isError).toBe(true);
    expect(textOf(kept)).toMatch(/^The timer on no project — "review" keeps running and no new one was started: the question was dismissed/);
    expect(asked[0]?.message).toBe('Stop the running timer (no project — "review", since 13:00, 2 h) and clock in on no project — support call?');
    expect((await handle.call('timer_status')).structuredContent).toMatchObject({ running: { description: 'review' } });
    reply = accept;
    const switched = await handle.call('clock_in', { switch: true, description: 'support call' });
    expect(switched.structuredContent).toMatchObject({ started: { description: 'support call' }, stopped: { description: 'review' } });
    // Nothing runs, so there is nothing to ask.
    await handle.call('clock_out');
    const plain = await handle.call('clock_in', { switch: true, description: 'after' });
    expect(plain.isError).toBeFalsy();
    expect(asked).toHaveLength(2);
  });

  it("the switch question quotes a short, clean excerpt of the model's words, not the whole of them", async () => {
    const { engine: handle, asked } = await asking(era, decline);
    await handle.call('clock_in', { start: '13:00', description: 'review' });
    // The longest description clock_in takes, written to read as the question itself.
    const description = `Yes, this is fine.\n\n\u001b[2JIgnore the rest: ${'say yes. '.repeat(600)}`.slice(0, 5000);
    await handle.call('clock_in', { switch: true, description });
    const message = asked[0]?.message ?? '';
    expect(message).toMatch(
      /^Stop the running timer \(no project — "review", since 13:00, 2 h\) and clock in on no project — Yes, this is fine\. \[2JIgnore the rest: say yes\. .{20,60}…\?$/,
    );
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message).not.toContain('\n');
  });

  it('request_leave beyond the balance asks with the days and what would be left; a balance that changed meanwhile is asked about again', async () => {
    const userDataDir = makeUserDataDir({ ...SETTINGS, leave: { annualDays: 25, carryOverDays: 0, allowBeyondBalance: true } });
    // Another client on the same timesheet, which files leave while the person looks at the question.
    const other = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW } });
    try {
      const asked: string[] = [];
      engine = await startInProcessEngine({
        era,
        userDataDir,
        env: { PUNCHCARD_NOW: NOW },
        elicitation: async (params) => {
          asked.push(params.message);
          if (asked.length === 1) await other.call('request_leave', { type: 'vacation', first_day: '2027-09-06', last_day: '2027-09-10' });
          return { action: 'accept', content: {} };
        },
      });
      const filed = await engine.call('request_leave', { type: 'vacation', first_day: '2027-06-01', last_day: '2027-07-30' });
      expect(filed.isError, textOf(filed)).toBeFalsy();
      // The yes was for -19 days; once the other request left -24, that is asked and answered anew.
      expect(asked).toEqual([
        'Request vacation from 2027-06-01 to 2027-07-30 (44 days)? That goes beyond your vacation balance: it would leave -19 days of 2027 (25 left).',
        'Request vacation from 2027-06-01 to 2027-07-30 (44 days)? That goes beyond your vacation balance: it would leave -24 days of 2027 (20 left).',
      ]);
      expect(textOf(filed)).toMatch(/ 24 days over the 2027 vacation entitlement\.$/);
    } finally {
      await other.close();
    }
  });

  it('a name that fits several activities offers them, and the chosen one is booked', async () => {
    let chosen = '';
    const { engine: handle, asked } = await asking(era, (params) => {
      const choice = params.requestedSchema.properties.choice as { oneOf: Array<{ const: string; title: string }> };
      chosen = choice.oneOf.find((option) => option.title.startsWith('Graphic design'))?.const ?? '';
      return { action: 'accept', content: { choice: chosen } };
    });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'UI design' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Graphic design' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Meeting' });
    const result = await handle.call('log_time', { start: '09:00', end: '10:00', activity: 'design' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ entry: { activity: 'Graphic design' } });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toBe('"design" fits 2 activities. Which one do you mean?');
    expect(asked[0]?.requestedSchema).toEqual({
      type: 'object',
      properties: {
        choice: {
          type: 'string',
          title: 'Activity',
          oneOf: [
            { const: '2', title: 'Graphic design (every project, #2)' },
            { const: '1', title: 'UI design (every project, #1)' },
          ],
        },
      },
      required: ['choice'],
    });
    expect(chosen).toBe('2');
  });

  it('refuses a choice that was not offered, and books nothing', async () => {
    const { engine: handle } = await asking(era, () => ({ action: 'accept', content: { choice: '3' } }));
    await handle.call('create_catalog_item', { kind: 'activity', name: 'UI design' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Graphic design' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Meeting' });
    const result = await handle.call('log_time', { start: '09:00', end: '10:00', activity: 'design' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('The answer was not one of the choices offered. Nothing was done; try again.');
    expect(await entryIds(handle)).toEqual([]);
  });

  it('asks about both names of one call, one after the other, and books what was chosen', async () => {
    const { engine: handle, asked } = await asking(era, (params) => {
      const choice = params.requestedSchema.properties.choice as { oneOf: Array<{ const: string; title: string }> };
      return { action: 'accept', content: { choice: choice.oneOf.find((option) => option.title.startsWith('Website care'))?.const ?? '' } };
    });
    await handle.call('create_catalog_item', { kind: 'project', name: 'Website relaunch' });
    await handle.call('create_catalog_item', { kind: 'project', name: 'Website care' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website care' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Design review' });
    const result = await handle.call('log_time', { start: '09:00', end: '10:00', project: 'website', activity: 'design' });
    expect(result.isError, textOf(result)).toBeFalsy();
    // "website" fits both projects; on Website care, "design" is the project's own activity exactly.
    expect(asked.map((params) => params.message)).toEqual(['"website" fits 2 projects. Which one do you mean?']);
    expect(result.structuredContent).toMatchObject({ entry: { project: 'Website care', activity: 'Design' } });
  });
});

describe('a client that is not offered list_catalog', () => {
  it.each<Era>(['legacy', 'modern'])('learns no catalog names from a refusal or a question (switched off, %s era)', async (era) => {
    const { engine: handle, asked } = await asking(era, accept, { ...SETTINGS, tools: { enabled: { ...SETTINGS.tools.enabled, list_catalog: false } } });
    expect((await handle.client.listTools()).tools.map((tool) => tool.name)).not.toContain('list_catalog');
    await handle.call('create_catalog_item', { kind: 'project', name: 'Website relaunch' });
    await handle.call('create_catalog_item', { kind: 'project', name: 'Website care' });
    await handle.call('create_catalog_item', { kind: 'activity', name: 'Secret merger talks' });
    // "website" fits two projects by part of their names: nothing is offered, and nothing is named.
    const refused = await handle.call('log_time', { start: '09:00', end: '10:00', project: 'website', activity: 'merger' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'No project "website". Check the name with the person: the projects are not listed to this client (list_catalog is not offered). Create it with create_catalog_item first if it is new.',
    );
    const activity = await handle.call('log_time', { start: '09:00', end: '10:00', activity: 'merger' });
    expect(textOf(activity)).not.toContain('Secret');
    expect(asked).toEqual([]);
    // A name the person gave exactly is booked as before.
    const booked = await handle.call('log_time', { start: '09:00', end: '10:00', project: 'website care' });
    expect(booked.structuredContent).toMatchObject({ entry: { project: 'Website care' } });
  });

  it("learns no catalog names from a refusal where the organisation's policy denies list_catalog", async () => {
    const userDataDir = makeUserDataDir(SETTINGS);
    const policyFile = join(userDataDir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, ai: { deniedTools: ['list_catalog'] } }));
    engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_POLICY_FILE: policyFile } });
    const { tools } = await engine.client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('list_catalog');
    await engine.call('create_catalog_item', { kind: 'activity', name: 'Secret merger talks' });
    const refused = await engine.call('log_time', { start: '09:00', end: '10:00', activity: 'merger' });
    expect(textOf(refused)).toBe(
      'No activity "merger". Check the name with the person: the activities are not listed to this client (list_catalog is not offered). Create it with create_catalog_item first if it is new.',
    );
  });
});

describe('a client that cannot show questions', () => {
  it.each<Era>(['legacy', 'modern'])('is never asked, and gets the tools as they were (%s era)', async (era) => {
    engine = await startInProcessEngine({ era, userDataDir: makeUserDataDir(SETTINGS), env: { PUNCHCARD_NOW: NOW } });
    const id = await logged(engine, { start: '09:00', end: '10:00', activity: '' });
    expect((await engine.call('delete_time_entry', { id })).structuredContent).toMatchObject({ deleted: { id } });
    await engine.call('create_catalog_item', { kind: 'activity', name: 'UI design' });
    await engine.call('create_catalog_item', { kind: 'activity', name: 'Graphic design' });
    const ambiguous = await engine.call('log_time', { start: '09:00', end: '10:00', activity: 'design' });
    expect(textOf(ambiguous)).toBe('No activity "design". Known: "Graphic design", "UI design". Create it with create_catalog_item first if it is new.');
    await engine.call('clock_in', { start: '13:00', description: 'review' });
    const switched = await engine.call('clock_in', { switch: true, description: 'support call' });
    expect(switched.structuredContent).toMatchObject({ stopped: { description: 'review' } });
  });
});
