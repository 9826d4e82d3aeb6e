// How the Clockify tracker learns the person's role in its workspace (docs/back-ends/clockify.md,
// "Teams"): from getWorkspacesOfUser's `roles` filter, a question about the person's own workspaces
// any member may ask, never from the list of the workspace's members, which the fake (as Clockify may)
// refuses to everyone but admins. One answer per role, each deciding the team tools.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClockifyTracker } from '../../../../mcp-server/providers/clockify/tracker.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { ADA_KEY, BOB_KEY, type FakeClockify, MIA_KEY, OLGA_KEY, PIA_KEY, seedTeam, seedWorkspace, startFakeClockify, WES_KEY } from './fake-clockify.ts';

const NOW = '2026-11-19T15:00:00+01:00';
const opened = closeAfterEach();

async function workspace(): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

async function trackerFor(fake: FakeClockify, key: string): Promise<RemoteTracker> {
  const tracker = (await loadClockifyTracker())({
    profile: { type: 'clockify', url: fake.url } as never,
    secret: async () => key,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-role-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    teamToolsWanted: () => true,
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close?.() });
  return tracker;
}

const teamOf = (tracker: RemoteTracker) => [...tracker.capabilities].filter((capability) => capability.startsWith('team_')).sort();

describe('the role a Clockify key learns of its own person', () => {
  it.each([
    ['the owner', OLGA_KEY, ['team_hours', 'team_leave', 'team_projects']],
    ['an admin', BOB_KEY, ['team_hours', 'team_leave', 'team_projects']],
    ['a team manager, whom Clockify refuses the list of members', MIA_KEY, ['team_hours', 'team_leave', 'team_projects']],
    ['a project manager', PIA_KEY, ['team_projects']],
    ['a member', WES_KEY, []],
    ['the owner of another workspace, a member of this one', ADA_KEY, []],
  ])('gives %s the team tools the role allows, asked of their own workspaces only', async (_who, key, expected) => {
    const fake = await workspace();
    const tracker = await trackerFor(fake, key);
    await tracker.detectFeatures?.();
    expect(teamOf(tracker)).toEqual(expected);
    const asked = fake.requests.filter((request) => request.method === 'GET' && request.path === '/api/v1/workspaces' && /roles=/.test(request.query ?? ''));
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.length).toBeLessThanOrEqual(3);
    expect(fake.requests.filter((request) => request.path.endsWith('/users/info'))).toEqual([]);
  });

  it('asks a member one question: do they hold any leading role here', async () => {
    const fake = await workspace();
    await (await trackerFor(fake, WES_KEY)).detectFeatures?.();
    const asked = fake.requests.filter((request) => /roles=/.test(request.query ?? ''));
    expect(asked.map((request) => new URLSearchParams(request.query).get('roles'))).toEqual(['WORKSPACE_ADMIN,OWNER,TEAM_MANAGER,PROJECT_MANAGER']);
  });
});
