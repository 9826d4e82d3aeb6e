// A spanning read where one tracker does not answer (docs/several-trackers.md, "A tracker that does not answer"):
// Kimai (acme, the default) answers, Clockify (beta) answers 500, never in time, or refuses the key (401). The read
// answers from acme, not as an error, with one tracker_missing notice naming beta and why, and none of beta's rows;
// a call resolved to beta alone answers as one back end would.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { refusalOf, textOf, type ToolResult } from '../../support/engine.ts';
import { ADA_KEY, addEntry, at, type FakeClockify, SEED } from '../providers/clockify/fake-clockify.ts';
import { KIMAI_ADA, startClockify, startKimai, startTrackers } from './remote-trackers.ts';

const opened = closeAfterEach();

/** How beta fails: Clockify answering 500 to everything, never answering in time, or refusing the key. */
type Failing = '500' | 'timeout' | '401';

async function betaFailing(how: Failing | 'none') {
  const kimai = opened(await startKimai());
  const clockify = opened(await startClockify());
  const website = kimai.state.projects.find((project) => project.name === 'Website');
  const development = kimai.state.activities.find((activity) => activity.name === 'Development');
  kimai.addTimesheet({
    userId: KIMAI_ADA.id,
    begin: Date.parse('2026-11-17T09:00:00+01:00'),
    end: Date.parse('2026-11-17T11:00:00+01:00'),
    projectId: website?.id ?? 0,
    activityId: development?.id ?? 0,
  });
  addEntry(clockify, { userId: SEED.users.ada, start: at('2026-11-17', '13:00'), end: at('2026-11-17', '14:00'), description: 'beta row' });
  const engine = opened(
    await startTrackers(
      {
        provider: { name: 'acme', type: 'kimai', url: `${kimai.url}/` },
        trackers: [{ name: 'beta', type: 'clockify', url: clockify.url, workspace: 'Acme' }],
      },
      {
        PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token,
        PUNCHCARD_TRACKER_BETA_TOKEN: how === '401' ? 'clockify-key-wrong-000000000' : ADA_KEY,
        // Clockify's requests give up soon (each back end's deadline), so a test of one that never answers waits little.
        PUNCHCARD_CLOCKIFY_TIMEOUT_MS: '300',
      },
    ),
  );
  if (how === '500') failEverything(clockify, { status: 500, body: { message: 'Internal server error', code: 500 } });
  if (how === 'timeout') failEverything(clockify, { delayMs: 5_000, status: 200, body: [] });
  return { kimai, clockify, engine };
}

function failEverything(fake: FakeClockify, failure: { status: number; body: unknown; delayMs?: number }): void {
  fake.failNext({ path: /^\/api\/v1\// }, { ...failure, times: 1_000 });
}

function missingOf(result: ToolResult): Array<{ code: string; facts: Record<string, unknown> }> {
  const notices = (result.structuredContent?.notices ?? []) as Array<{ code: string; facts: Record<string, unknown> }>;
  return notices.filter((notice) => notice.code === 'tracker_missing');
}

function expectAnsweredWithoutBeta(result: ToolResult): void {
  expect(result.isError, textOf(result)).toBeFalsy();
  const missing = missingOf(result);
  expect(missing).toEqual([{ code: 'tracker_missing', facts: { tracker: 'beta', reason: expect.any(String) } }]);
  expect(String(missing[0]?.facts.reason)).not.toBe('');
  expect(textOf(result)).toContain('beta did not answer');
  expect(textOf(result)).toContain('the totals exclude it');
  expect(JSON.stringify(result.structuredContent)).not.toContain(ADA_KEY);
}

it('with beta answering, its rows are there (what the tests below find missing)', async () => {
  const { engine } = await betaFailing('none');
  const entries = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' });
  expect((entries.structuredContent?.entries as Array<{ tracker: string }>).map((row) => row.tracker)).toEqual(['acme', 'beta']);
  expect(missingOf(entries)).toEqual([]);
});

describe.each<Failing>(['500', 'timeout', '401'])('beta failing (%s)', (how) => {
  it('list_time_entries, time_report and timer_status answer from acme with one tracker_missing and no row of beta', async () => {
    const { engine } = await betaFailing(how);
    const entries = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' });
    expectAnsweredWithoutBeta(entries);
    const rows = entries.structuredContent?.entries as Array<{ tracker: string; minutes: number }>;
    expect(rows.map((row) => [row.tracker, row.minutes])).toEqual([['acme', 120]]);
    expect(entries.structuredContent?.total).toBe(1);

    const report = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-18' });
    expectAnsweredWithoutBeta(report);
    expect(report.structuredContent?.total_minutes).toBe(120);
    expect((report.structuredContent?.groups as Array<{ tracker: string }>).every((group) => group.tracker === 'acme')).toBe(true);

    const status = await engine.call('timer_status');
    expectAnsweredWithoutBeta(status);
    expect((status.structuredContent?.by_tracker as Array<{ tracker: string }>).map((each) => each.tracker)).toEqual(['acme']);
  });

  it('a call resolved to beta alone is refused as one Clockify alone refuses it', async () => {
    const { engine, clockify } = await betaFailing(how);
    const args = { from: '2026-11-16', to: '2026-11-18' };
    const result = await engine.call('list_time_entries', { ...args, tracker: 'beta' });
    expect(result.isError).toBe(true);
    // The same Clockify, failing alike, behind an engine of one connection.
    const alone = opened(
      await startTrackers(
        { provider: { type: 'clockify', url: clockify.url, workspace: 'Acme' } },
        { PUNCHCARD_CLOCKIFY_TOKEN: how === '401' ? 'clockify-key-wrong-000000000' : ADA_KEY, PUNCHCARD_CLOCKIFY_TIMEOUT_MS: '300' },
      ),
    );
    const today = await alone.call('list_time_entries', args);
    expect(refusalOf(result)?.code).toBe(refusalOf(today)?.code);
    expect(textOf(result)).toBe(`beta: ${textOf(today)}`);
  });
});
