// One Clockify key, two workspaces, two trackers (docs/several-trackers.md, "Clockify: one key, several
// workspaces"): beta is the workspace Acme, gamma the Side project. Each tracker's requests go to its own workspace's
// paths only, each numbers its own entries, and a number both handed out is refused unless a tracker is named.
import { describe, expect, it, vi } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { refusalOf, textOf } from '../../support/engine.ts';
import { ADA_KEY, type FakeClockify, SEED } from '../providers/clockify/fake-clockify.ts';
import { credentialsSent, startClockify, startTrackers, writesSince } from './remote-trackers.ts';

const opened = closeAfterEach();

async function betaAndGamma() {
  const clockify = opened(await startClockify());
  const engine = opened(
    await startTrackers(
      {
        provider: { name: 'beta', type: 'clockify', url: clockify.url, workspace: 'Acme' },
        trackers: [{ name: 'gamma', type: 'clockify', url: clockify.url, workspace: SEED.workspaces.side }],
      },
      // Both at one account: Clockify's variable serves both.
      { PUNCHCARD_CLOCKIFY_TOKEN: ADA_KEY },
    ),
  );
  await settled(clockify);
  return { clockify, engine };
}

/**
 * Once each tracker asked its workspace in the background whether it has time off (the balance it probes, answered),
 * the last request it sends on its own until the hourly check: from then on only the calls' own requests follow.
 */
async function settled(clockify: FakeClockify): Promise<void> {
  const probed = (workspace: string) =>
    clockify.requests.some((request) => request.path.startsWith(`/api/v1/workspaces/${workspace}/time-off/balance/user/`) && request.status !== 0);
  await vi.waitFor(() => expect(probed(SEED.workspaces.acme) && probed(SEED.workspaces.side)).toBe(true), { timeout: 10_000, interval: 20 });
}

/** The workspaces the requests from `from` on went to (by the id in their path). */
function workspacesOf(requests: ReadonlyArray<{ path: string }>, from: number): string[] {
  return [...new Set(requests.slice(from).flatMap((request) => /\/workspaces\/([0-9a-f]{24})\//.exec(request.path)?.[1] ?? []))];
}

describe('one Clockify key, two workspaces', () => {
  it("sends each tracker's requests to its own workspace's paths only", async () => {
    const { clockify, engine } = await betaAndGamma();
    const toGamma = clockify.requests.length;
    const gamma = await engine.call('log_time', { date: '2026-11-17', duration: '1h', description: 'side work', tracker: 'gamma' });
    expect(gamma.isError, textOf(gamma)).toBeFalsy();
    await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18', tracker: 'gamma' });
    expect(workspacesOf(clockify.requests, toGamma)).toEqual([SEED.workspaces.side]);
    expect(writesSince(clockify.requests, toGamma)).toEqual([`POST /api/v1/workspaces/${SEED.workspaces.side}/time-entries`]);
    const toBeta = clockify.requests.length;
    const beta = await engine.call('log_time', { date: '2026-11-17', duration: '2h', description: 'acme work' });
    expect(beta.structuredContent?.tracker).toBe('beta');
    expect(workspacesOf(clockify.requests, toBeta)).toEqual([SEED.workspaces.acme]);
    expect(writesSince(clockify.requests, toBeta)).toEqual([`POST /api/v1/workspaces/${SEED.workspaces.acme}/time-entries`]);
    expect(clockify.state.entries.map((entry) => [entry.workspaceId, entry.description]).sort()).toEqual([
      [SEED.workspaces.acme, 'acme work'],
      [SEED.workspaces.side, 'side work'],
    ]);
    expect(credentialsSent(clockify.requests)).toEqual([ADA_KEY]);
  });

  it("whoami names each tracker's workspace by its name, also where the settings give its id", async () => {
    const { engine } = await betaAndGamma();
    const who = await engine.call('whoami');
    const trackers = who.structuredContent?.trackers as Array<{ tracker: string; workspace?: string; default: boolean }>;
    expect(trackers.map((each) => [each.tracker, each.workspace, each.default])).toEqual([
      ['beta', 'Acme', true],
      ['gamma', 'Side project', false],
    ]);
  });

  it('numbers each workspace apart; a number both handed out is refused without a tracker, sending nothing', async () => {
    const { clockify, engine } = await betaAndGamma();
    const beta = await engine.call('log_time', { date: '2026-11-17', duration: '1h', description: 'acme work' });
    const gamma = await engine.call('log_time', { date: '2026-11-17', duration: '1h', description: 'side work', tracker: 'gamma' });
    const betaId = (beta.structuredContent?.entry as { id: number }).id;
    const gammaId = (gamma.structuredContent?.entry as { id: number }).id;
    expect([betaId, gammaId]).toEqual([1, 1]);
    const from = clockify.requests.length;
    const refused = await engine.call('update_time_entry', { id: 1, description: 'which?' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'update_time_entry', why: 'ambiguous_id', trackers: ['beta', 'gamma'] } });
    expect(writesSince(clockify.requests, from)).toEqual([]);
    const named = await engine.call('update_time_entry', { id: 1, description: 'side changed', tracker: 'gamma' });
    expect(named.isError, textOf(named)).toBeFalsy();
    expect(writesSince(clockify.requests, from)).toEqual([expect.stringContaining(`/workspaces/${SEED.workspaces.side}/time-entries/`)]);
    expect(clockify.state.entries.find((entry) => entry.workspaceId === SEED.workspaces.side)?.description).toBe('side changed');
    expect(clockify.state.entries.find((entry) => entry.workspaceId === SEED.workspaces.acme)?.description).toBe('acme work');
    // The spanning list names each row's tracker with its own number.
    const listed = await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect((listed.structuredContent?.entries as Array<{ tracker: string; id: number }>).map((row) => [row.tracker, row.id]).sort()).toEqual([
      ['beta', 1],
      ['gamma', 1],
    ]);
  });
});
