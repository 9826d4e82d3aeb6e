// Several trackers over Kimai (acme, the default) and Clockify (beta), through the engine in process against the two
// fakes (docs/several-trackers.md): every rule of how a call finds its connection, proved with the fakes' request logs.
// A refusal sends no write to either (reading catalogs and timers to find out is allowed); a write reaches only the
// connection it resolved to; each secret goes only to its own address; the timers' rule across the two.
import { describe, expect, it, vi } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, refusalOf, textOf } from '../../support/engine.ts';
import { ADA_KEY } from '../providers/clockify/fake-clockify.ts';
import { credentialsSent, KIMAI_ADA, startClockify, startKimai, startTrackers, writesSince } from './remote-trackers.ts';

const opened = closeAfterEach();

async function acmeAndBeta(more: Record<string, unknown> = {}) {
  const kimai = opened(await startKimai());
  const clockify = opened(await startClockify());
  const engine = opened(
    await startTrackers(
      {
        provider: { name: 'acme', type: 'kimai', url: `${kimai.url}/` },
        trackers: [{ name: 'beta', type: 'clockify', url: clockify.url, workspace: 'Acme' }],
        ...more,
      },
      { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_BETA_TOKEN: ADA_KEY },
    ),
  );
  // What each fake was asked from here on.
  const mark = () => {
    const from = { kimai: kimai.requests.length, clockify: clockify.requests.length };
    return { kimai: () => writesSince(kimai.requests, from.kimai), clockify: () => writesSince(clockify.requests, from.clockify) };
  };
  return { kimai, clockify, engine, mark };
}

/** The engine once Kimai's missing absence plugin and Clockify's time off were found (both learned in the background). */
async function onlyBetaOffersLeave(engine: InProcessEngineHandle): Promise<void> {
  await vi.waitFor(
    async () => {
      const trackers = (await engine.call('whoami')).structuredContent?.trackers as Array<{ tracker: string; capabilities: string[] }>;
      expect(trackers.find((each) => each.tracker === 'beta')?.capabilities).toContain('leave');
      expect(trackers.find((each) => each.tracker === 'acme')?.capabilities).not.toContain('leave');
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('Kimai (acme, default) and Clockify (beta)', () => {
  it('refuses a tracker there is none of, sending nothing to either', async () => {
    const { engine, mark } = await acmeAndBeta();
    const sent = mark();
    const result = await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'Website', activity: 'Development', tracker: 'zeta' });
    expect(refusalOf(result)).toEqual({ code: 'tracker_unknown', facts: { tracker: 'zeta', trackers: ['acme', 'beta'] } });
    expect(textOf(result)).toContain('Nothing was sent.');
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([]);
  });

  it('refuses a project both catalogs have, sending no write to either; a project only Clockify has goes to beta alone', async () => {
    const { engine, mark, clockify } = await acmeAndBeta();
    const ambiguous = mark();
    const refused = await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'website' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'log_time', why: 'ambiguous_project', trackers: ['acme', 'beta'] } });
    expect(textOf(refused)).toMatch(/tracker: "acme" or "beta"\. Nothing was sent\.$/);
    expect(ambiguous.kimai()).toEqual([]);
    expect(ambiguous.clockify()).toEqual([]);
    const implied = mark();
    const logged = await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'Internal', description: 'only beta has it' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(logged.structuredContent?.tracker).toBe('beta');
    expect(textOf(logged)).toMatch(/^beta: /);
    expect(implied.kimai()).toEqual([]);
    expect(implied.clockify()).toEqual([expect.stringMatching(/^POST \/api\/v1\/workspaces\/[0-9a-f]{24}\/time-entries$/)]);
    expect(clockify.state.entries.filter((entry) => entry.description === 'only beta has it')).toHaveLength(1);
  });

  it('sends a write naming beta to Clockify alone, and one naming nobody to the default alone', async () => {
    const { engine, mark, kimai } = await acmeAndBeta();
    const toBeta = mark();
    const beta = await engine.call('log_time', { date: '2026-11-16', duration: '2h', description: 'for beta', tracker: 'beta' });
    expect(beta.isError, textOf(beta)).toBeFalsy();
    expect(beta.structuredContent?.tracker).toBe('beta');
    expect(toBeta.kimai()).toEqual([]);
    expect(toBeta.clockify()).toHaveLength(1);
    const toAcme = mark();
    const acme = await engine.call('log_time', { date: '2026-11-16', duration: '1h', project: 'Kimai only', activity: 'Development', description: 'for acme' });
    expect(acme.isError, textOf(acme)).toBeFalsy();
    expect(acme.structuredContent?.tracker).toBe('acme');
    expect(toAcme.kimai()).toEqual(['POST /api/timesheets']);
    expect(toAcme.clockify()).toEqual([]);
    expect(kimai.state.timesheets.map((sheet) => sheet.description)).toEqual(['for acme']);
  });

  it('refuses a number both trackers handed out, sending no write to either', async () => {
    const { engine, mark } = await acmeAndBeta();
    const acme = await engine.call('log_time', { date: '2026-11-16', duration: '1h', project: 'Kimai only', activity: 'Development', description: 'acme' });
    const acmeId = (acme.structuredContent?.entry as { id: number }).id;
    // Clockify's numbers count up from 1 in the numbers file: beta logs until it hands out Kimai's timesheet's id too.
    let betaId = 0;
    for (let hour = 8; betaId < acmeId && hour < 18; hour++) {
      const beta = await engine.call('log_time', { start: `2026-11-16 ${hour}:00`, end: `2026-11-16 ${hour}:30`, description: 'beta', tracker: 'beta' });
      betaId = (beta.structuredContent?.entry as { id: number }).id;
    }
    expect(betaId).toBe(acmeId);
    const sent = mark();
    const refused = await engine.call('update_time_entry', { id: acmeId, description: 'which one?' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'update_time_entry', why: 'ambiguous_id', trackers: ['acme', 'beta'] } });
    const deleted = await engine.call('delete_time_entry', { id: acmeId });
    expect(refusalOf(deleted)?.code).toBe('tracker_required');
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([]);
    // Named, it goes to that one alone.
    const named = await engine.call('update_time_entry', { id: betaId, description: 'beta changed', tracker: 'beta' });
    expect(named.isError, textOf(named)).toBeFalsy();
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([expect.stringMatching(/^PUT \/api\/v1\/workspaces\/[0-9a-f]{24}\/time-entries\/[0-9a-f]{24}$/)]);
  });

  it('refuses request_leave where the default has no absences and beta has time off, sending nothing to beta', async () => {
    const { engine, mark } = await acmeAndBeta();
    await onlyBetaOffersLeave(engine);
    const sent = mark();
    const refused = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-22' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'request_leave', why: 'default_lacks_tool', trackers: ['beta'] } });
    expect(textOf(refused)).toContain('Nothing was sent.');
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([]);
    const named = await engine.call('request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-22', tracker: 'beta' });
    expect(named.isError, textOf(named)).toBeFalsy();
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([expect.stringMatching(/\/time-off\/policies\/[0-9a-f]{24}\/requests$/)]);
  });

  it("sends each tracker's secret to its own address only", async () => {
    const { engine, kimai, clockify } = await acmeAndBeta();
    await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' });
    await engine.call('log_time', { date: '2026-11-16', duration: '1h', description: 'beta', tracker: 'beta' });
    await engine.call('timer_status');
    expect(credentialsSent(kimai.requests)).toEqual([`Bearer ${KIMAI_ADA.token}`]);
    expect(credentialsSent(clockify.requests)).toEqual([ADA_KEY]);
  });

  it('one timer overall: clock_in on beta while acme runs is refused with nothing sent to Clockify; switch stops acme first', async () => {
    const { engine, mark, kimai, clockify } = await acmeAndBeta();
    const started = await engine.call('clock_in', { project: 'Kimai only', activity: 'Development', description: 'acme work' });
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(started.structuredContent?.tracker).toBe('acme');
    const refusedMark = mark();
    const refused = await engine.call('clock_in', { description: 'beta work', tracker: 'beta' });
    expect(refusalOf(refused)?.code).toBe('clock_in_timer_running');
    expect(refusalOf(refused)?.facts).toMatchObject({ tracker: 'acme', project: 'Kimai only', description: 'acme work' });
    expect(refusedMark.clockify()).toEqual([]);
    expect(refusedMark.kimai()).toEqual([]);
    const switchMark = { kimai: kimai.requests.length, clockify: clockify.requests.length };
    const switched = await engine.call('clock_in', { description: 'beta work', tracker: 'beta', switch: true });
    expect(switched.isError, textOf(switched)).toBeFalsy();
    const stop = kimai.requests.slice(switchMark.kimai).find((request) => request.method === 'PATCH' && /\/stop$/.test(request.path));
    const start = clockify.requests.slice(switchMark.clockify).find((request) => request.method === 'POST' && /\/time-entries$/.test(request.path));
    expect(stop, 'Kimai was asked to stop its timer').toBeDefined();
    expect(start, 'Clockify was asked to start one').toBeDefined();
    // Stopped in its own connection before the new one started.
    expect((stop?.receivedAt ?? 0) < (start?.receivedAt ?? 0)).toBe(true);
    expect(kimai.state.timesheets.every((sheet) => sheet.end !== null)).toBe(true);
    expect(textOf(switched)).toMatch(/acme/);
    expect(textOf(switched)).toMatch(/beta/);
    const status = await engine.call('timer_status');
    expect((status.structuredContent?.timers as Array<{ tracker: string }>).map((timer) => timer.tracker)).toEqual(['beta']);
  });

  it('one timer per tracker: both run; clock_out without tracker is refused with nothing stopped; with it, that one stops', async () => {
    const { engine, mark, kimai } = await acmeAndBeta({ timers: 'per_tracker' });
    await engine.call('clock_in', { project: 'Kimai only', activity: 'Development', description: 'acme work' });
    const second = await engine.call('clock_in', { description: 'beta work', tracker: 'beta' });
    expect(second.isError, textOf(second)).toBeFalsy();
    expect(textOf(second)).toContain("acme's timer still runs");
    const status = await engine.call('timer_status');
    expect((status.structuredContent?.timers as Array<{ tracker: string }>).map((timer) => timer.tracker).sort()).toEqual(['acme', 'beta']);
    const sent = mark();
    const refused = await engine.call('clock_out');
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'clock_out', why: 'several_timers', trackers: ['acme', 'beta'] } });
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toEqual([]);
    const out = await engine.call('clock_out', { tracker: 'beta' });
    expect(out.isError, textOf(out)).toBeFalsy();
    expect(sent.kimai()).toEqual([]);
    expect(sent.clockify()).toHaveLength(1);
    expect(kimai.state.timesheets.filter((sheet) => sheet.end === null)).toHaveLength(1);
  });
});
