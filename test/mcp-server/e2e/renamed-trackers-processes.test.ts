// Trackers renamed, each secret following its tracker, on the built server (docs/several-trackers.md, "Whose a
// connection is"): Punchcard processes over one data folder, as the app's engine and AI clients' share it, one
// started before the rename and others after. What was kept for one login goes out with that login's token; a
// number one Kimai handed out is changed on that Kimai, whatever each process calls it. The same cases in one
// process: test/mcp-server/connections/renamed-trackers.test.ts.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startEngine, textOf, writeSettings } from '../../support/engine.ts';
import { startNetworkSwitch } from '../../support/network-switch.ts';
import { KIMAI_ADA, NOW, startKimai, writesSince } from '../connections/remote-trackers.ts';
import { DEFAULT_USERS, type FakeUser } from '../providers/kimai/fake-kimai.ts';

const opened = closeAfterEach();
const TOM = { ...(DEFAULT_USERS[1] as FakeUser), role: 'ROLE_USER' } as FakeUser;

function kimaiTrackers(defaultName: string, defaultUrl: string, otherName: string, otherUrl: string) {
  return { provider: { name: defaultName, type: 'kimai', url: defaultUrl }, trackers: [{ name: otherName, type: 'kimai', url: otherUrl }] };
}

function serve(userDataDir: string, tokens: { acme: string; acme2: string }) {
  return startEngine({
    userDataDir,
    args: ['--all-tools'],
    env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TRACKER_ACME_TOKEN: tokens.acme, PUNCHCARD_TRACKER_ACME2_TOKEN: tokens.acme2 },
  });
}

describe('trackers renamed, on the built server', () => {
  it("a write one process kept for ada's login goes out from the next with ada's token, not with tom's, which has ada's old name", async () => {
    const kimai = opened(await startKimai({}, [KIMAI_ADA, TOM]));
    const network = opened(await startNetworkSwitch(kimai.url));
    const dir = makeUserDataDir(kimaiTrackers('acme', network.url, 'acme2', network.url));
    const first = opened(await serve(dir, { acme: KIMAI_ADA.token, acme2: TOM.token }));
    expect((await first.call('list_catalog', { tracker: 'acme' })).isError).toBeFalsy();
    expect((await first.call('timer_status', { tracker: 'acme2' })).isError).toBeFalsy();
    await network.cut();
    const kept = await first.call('log_time', {
      start: '2026-11-17T09:00:00+01:00',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'kept for ada',
    });
    expect(kept.structuredContent).toMatchObject({ tracker: 'acme', entry: { waiting_to_send: true } });
    await first.close();

    writeSettings(dir, kimaiTrackers('acme2', network.url, 'acme', network.url));
    await network.restore();
    const from = kimai.requests.length;
    const second = opened(await serve(dir, { acme: TOM.token, acme2: KIMAI_ADA.token }));
    const toms = await second.call('timer_status', { tracker: 'acme' });
    expect(kimai.state.timesheets.filter((sheet) => sheet.userId === TOM.id)).toEqual([]);
    expect(textOf(toms)).toContain('The write kept there waits for acme2, whose login it is');
    const adas = await second.call('timer_status', { tracker: 'acme2' });
    expect(textOf(adas)).toMatch(/Sent to Kimai from the outbox/);
    expect(kimai.state.timesheets.map((sheet) => [sheet.userId, sheet.description])).toEqual([[KIMAI_ADA.id, 'kept for ada']]);
    const posts = kimai.requests.slice(from).filter((request) => request.method === 'POST' && request.path === '/api/timesheets');
    expect(posts.map((request) => request.credential)).toEqual([`Bearer ${KIMAI_ADA.token}`]);
  });

  it('a process started before the rename deletes the number another process gave out after it on the Kimai that gave it out', async () => {
    const one = opened(await startKimai());
    const two = opened(await startKimai());
    const ada = { acme: KIMAI_ADA.token, acme2: KIMAI_ADA.token };
    const dir = makeUserDataDir(kimaiTrackers('acme', one.url, 'acme2', two.url));
    const older = opened(await serve(dir, ada));
    expect((await older.call('timer_status', { tracker: 'acme2' })).isError).toBeFalsy();

    writeSettings(dir, kimaiTrackers('acme2', one.url, 'acme', two.url));
    const newer = opened(await serve(dir, ada));
    const logged = await newer.call('log_time', {
      date: '2026-11-17',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'on two',
      tracker: 'acme',
    });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    const project = one.state.projects.find((each) => each.name === 'Kimai only');
    one.addTimesheet({
      userId: KIMAI_ADA.id,
      projectId: project?.id as number,
      activityId: one.state.activities[0]?.id as number,
      begin: Date.parse('2026-11-17T08:00:00Z'),
      end: Date.parse('2026-11-17T09:00:00Z'),
      description: 'on one',
    });
    expect(one.state.timesheets.map((sheet) => sheet.id)).toEqual([id]);

    const fromOne = one.requests.length;
    const deleted = await older.call('delete_time_entry', { id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(deleted.structuredContent?.tracker).toBe('acme2');
    expect(two.state.timesheets).toEqual([]);
    expect(one.state.timesheets.map((sheet) => sheet.description)).toEqual(['on one']);
    expect(writesSince(one.requests, fromOne)).toEqual([]);
  });
});
