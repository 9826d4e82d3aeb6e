// Trackers renamed, each secret following its tracker (docs/several-trackers.md, "Whose a connection is"): what was
// kept for one login and the numbers one tracker handed out stay that login's and that tracker's, whatever the names
// say now. One Kimai with two logins (ada's tracker acme, the default; tom's acme2) and two Kimai servers that
// number their entries alike; engines started before and after the rename over one data folder, as the app's and an
// AI client's share it.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { refusalOf, startInProcessEngine, textOf, writeSettings } from '../../support/engine.ts';
import { startNetworkSwitch } from '../../support/network-switch.ts';
import { noticedCut } from '../e2e/outbox-harness.ts';
import { DEFAULT_USERS, type FakeUser } from '../providers/kimai/fake-kimai.ts';
import { KIMAI_ADA, NOW, startKimai, startTrackers, writesSince } from './remote-trackers.ts';

const opened = closeAfterEach();

const TOM = { ...(DEFAULT_USERS[1] as FakeUser), role: 'ROLE_USER' } as FakeUser;

/** The timesheets of a fake Kimai user, by description. */
function sheetsOf(kimai: Awaited<ReturnType<typeof startKimai>>, user: FakeUser): string[] {
  return kimai.state.timesheets.filter((sheet) => sheet.userId === user.id).map((sheet) => sheet.description ?? '');
}

describe('trackers renamed, each secret following its tracker', () => {
  it("a write kept for ada's login goes out with ada's token, never tom's, once tom's tracker has the name ada's had", async () => {
    const kimai = opened(await startKimai({}, [KIMAI_ADA, TOM]));
    const network = noticedCut(opened(await startNetworkSwitch(kimai.url)));
    const before = {
      provider: { name: 'acme', type: 'kimai', url: network.url },
      trackers: [{ name: 'acme2', type: 'kimai', url: network.url }],
    };
    const first = opened(await startTrackers(before, { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_ACME2_TOKEN: TOM.token }));
    // Both logins answered once; acme's catalog is known, so a write by project name can be kept.
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
    expect(kept.isError, textOf(kept)).toBeFalsy();
    expect(kept.structuredContent).toMatchObject({ tracker: 'acme', entry: { waiting_to_send: true } });
    await first.close();

    // Renamed: tom's tracker is acme now, ada's acme2; the default is still ada's. Each secret follows its tracker.
    const after = {
      provider: { name: 'acme2', type: 'kimai', url: network.url },
      trackers: [{ name: 'acme', type: 'kimai', url: network.url }],
    };
    writeSettings(first.userDataDir, after);
    await network.restore();
    const writesBefore = kimai.requests.length;
    const second = opened(
      await startTrackers(after, { PUNCHCARD_TRACKER_ACME_TOKEN: TOM.token, PUNCHCARD_TRACKER_ACME2_TOKEN: KIMAI_ADA.token }, first.userDataDir),
    );
    const toms = await second.call('timer_status', { tracker: 'acme' });
    expect(toms.isError, textOf(toms)).toBeFalsy();
    // Nothing of ada's went out with tom's token; tom hears whose the write is.
    expect(sheetsOf(kimai, TOM)).toEqual([]);
    expect(toms.structuredContent?.notices).toContainEqual({
      code: 'tracker_writes_of_another_login',
      facts: { tracker: 'acme', service: 'Kimai', writes: 1, belongs_to: 'acme2' },
    });
    expect(textOf(toms)).toContain('The write kept there waits for acme2, whose login it is');

    // Ada's tracker, called acme2 now, sends it with ada's token.
    const adas = await second.call('timer_status', { tracker: 'acme2' });
    expect(textOf(adas)).toMatch(/Sent to Kimai from the outbox/);
    expect(sheetsOf(kimai, KIMAI_ADA)).toEqual(['kept for ada']);
    expect(sheetsOf(kimai, TOM)).toEqual([]);
    const posts = kimai.requests.slice(writesBefore).filter((request) => request.method === 'POST' && request.path === '/api/timesheets');
    expect(posts.map((request) => request.credential)).toEqual([`Bearer ${KIMAI_ADA.token}`]);
  });

  it("a write kept before any back end said whose the secret is, where two trackers share the address, waits for the person; sent again, it goes with that tracker's login", async () => {
    const kimai = opened(await startKimai({}, [KIMAI_ADA, TOM]));
    const network = noticedCut(opened(await startNetworkSwitch(kimai.url)));
    const settings = { provider: { name: 'acme', type: 'kimai', url: network.url }, trackers: [{ name: 'acme2', type: 'kimai', url: network.url }] };
    const env = { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_ACME2_TOKEN: TOM.token };
    const online = opened(await startTrackers(settings, env));
    expect((await online.call('list_catalog', { tracker: 'acme' })).isError).toBeFalsy();
    await online.close();
    // An engine that never reached Kimai keeps a write: it cannot know which login acme's secret is.
    await network.cut();
    const offline = opened(await startTrackers(settings, env, online.userDataDir));
    const kept = await offline.call('log_time', {
      start: '2026-11-17T09:00:00+01:00',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'whose?',
    });
    expect(kept.structuredContent).toMatchObject({ tracker: 'acme', entry: { waiting_to_send: true } });
    await offline.close();

    await network.restore();
    const app = opened(
      await startInProcessEngine({ userDataDir: online.userDataDir, env: { PUNCHCARD_NOW: NOW, ...env }, appEngine: true, args: ['--all-tools'] }),
    );
    const back = await app.call('timer_status', { tracker: 'acme' });
    expect(back.structuredContent?.notices).toContainEqual(
      expect.objectContaining({
        code: 'kept_writes_to_decide',
        facts: expect.objectContaining({ writes: [expect.objectContaining({ code: 'kept_write_login_unknown' })] }),
      }),
    );
    expect(textOf(back)).toContain('it was kept before Punchcard knew which of your Kimai logins it was for (two trackers are at this address)');
    expect(kimai.state.timesheets).toEqual([]);
    const listed = await app.call('kept_write_decisions', {});
    const decision = (listed.structuredContent?.writes as Array<{ id: number; tracker: string; choices: Array<{ label: string }> }>)[0];
    expect(decision).toMatchObject({ tracker: 'acme', choices: [{ label: 'Send with this login' }, { label: 'Keep Kimai as it is' }] });
    const sent = await app.call('decide_kept_write', { id: decision?.id, choice: 'send_again', tracker: 'acme' });
    expect(sent.isError, textOf(sent)).toBeFalsy();
    expect(sheetsOf(kimai, KIMAI_ADA)).toEqual(['whose?']);
    expect(sheetsOf(kimai, TOM)).toEqual([]);
  });

  it('a number ada handed out on one Kimai is changed there after the rename, never on the other Kimai, which numbers alike', async () => {
    const one = opened(await startKimai());
    const two = opened(await startKimai());
    const env = { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_ACME2_TOKEN: KIMAI_ADA.token };
    const before = { provider: { name: 'acme', type: 'kimai', url: one.url }, trackers: [{ name: 'acme2', type: 'kimai', url: two.url }] };
    const first = opened(await startTrackers(before, env));
    const logged = await first.call('log_time', {
      date: '2026-11-17',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'on one',
      tracker: 'acme',
    });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    // The other Kimai has an entry of that number too, which this Punchcard never listed.
    const project = two.state.projects.find((each) => each.name === 'Kimai only');
    const activity = two.state.activities[0];
    two.addTimesheet({
      userId: KIMAI_ADA.id,
      projectId: project?.id as number,
      activityId: activity?.id as number,
      begin: Date.parse('2026-11-17T08:00:00Z'),
      end: Date.parse('2026-11-17T09:00:00Z'),
      description: 'on two',
    });
    expect(two.state.timesheets.map((sheet) => sheet.id)).toEqual([id]);
    await first.close();

    const after = { provider: { name: 'acme2', type: 'kimai', url: one.url }, trackers: [{ name: 'acme', type: 'kimai', url: two.url }] };
    writeSettings(first.userDataDir, after);
    const second = opened(await startTrackers(after, env, first.userDataDir));
    const twoBefore = two.requests.length;
    const changed = await second.call('update_time_entry', { id, description: 'changed' });
    expect(changed.isError, textOf(changed)).toBeFalsy();
    expect(changed.structuredContent?.tracker).toBe('acme2');
    expect(one.state.timesheets.map((sheet) => sheet.description)).toEqual(['changed']);
    expect(two.state.timesheets.map((sheet) => sheet.description)).toEqual(['on two']);
    expect(writesSince(two.requests, twoBefore)).toEqual([]);
  });

  it('an engine started before the rename reads a number handed out after it as the tracker that handed it out, not by its old name', async () => {
    const one = opened(await startKimai());
    const two = opened(await startKimai());
    const env = { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_ACME2_TOKEN: KIMAI_ADA.token };
    const before = { provider: { name: 'acme', type: 'kimai', url: one.url }, trackers: [{ name: 'acme2', type: 'kimai', url: two.url }] };
    const older = opened(await startTrackers(before, env));
    expect((await older.call('timer_status', { tracker: 'acme2' })).isError).toBeFalsy();

    // Renamed while the older engine runs: the Kimai called acme is the second server now.
    const after = { provider: { name: 'acme2', type: 'kimai', url: one.url }, trackers: [{ name: 'acme', type: 'kimai', url: two.url }] };
    writeSettings(older.userDataDir, after);
    const newer = opened(await startTrackers(after, env, older.userDataDir));
    const logged = await newer.call('log_time', {
      date: '2026-11-17',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'on two',
      tracker: 'acme',
    });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    const id = (logged.structuredContent?.entry as { id: number }).id;
    const project = one.state.projects.find((each) => each.name === 'Kimai only');
    const activity = one.state.activities[0];
    one.addTimesheet({
      userId: KIMAI_ADA.id,
      projectId: project?.id as number,
      activityId: activity?.id as number,
      begin: Date.parse('2026-11-17T08:00:00Z'),
      end: Date.parse('2026-11-17T09:00:00Z'),
      description: 'on one',
    });
    expect(one.state.timesheets.map((sheet) => sheet.id)).toEqual([id]);

    // The older engine still calls the second server acme2: the number goes there, as the newer one gave it out.
    const oneBefore = one.requests.length;
    const deleted = await older.call('delete_time_entry', { id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(deleted.structuredContent?.tracker).toBe('acme2');
    expect(two.state.timesheets).toEqual([]);
    expect(one.state.timesheets.map((sheet) => sheet.description)).toEqual(['on one']);
    expect(writesSince(one.requests, oneBefore)).toEqual([]);
  });

  it('a number handed out by a tracker that is no longer configured is refused without tracker, not sent to the default', async () => {
    const one = opened(await startKimai());
    const two = opened(await startKimai());
    const env = { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_ACME2_TOKEN: KIMAI_ADA.token };
    const before = { provider: { name: 'acme', type: 'kimai', url: one.url }, trackers: [{ name: 'acme2', type: 'kimai', url: two.url }] };
    const first = opened(await startTrackers(before, env));
    const logged = await first.call('log_time', {
      date: '2026-11-17',
      duration: '1h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'on two',
      tracker: 'acme2',
    });
    const id = (logged.structuredContent?.entry as { id: number }).id;
    await first.close();

    // acme2 pointed at the first server: it is another tracker now, whatever it is called.
    const after = { provider: { name: 'acme', type: 'kimai', url: one.url }, trackers: [{ name: 'acme2', type: 'kimai', url: `${one.url}/other` }] };
    writeSettings(first.userDataDir, after);
    const second = opened(await startTrackers(after, env, first.userDataDir));
    const oneBefore = one.requests.length;
    const refused = await second.call('update_time_entry', { id, description: 'changed' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'update_time_entry', why: 'id_elsewhere', trackers: ['acme', 'acme2'] } });
    expect(textOf(refused)).toContain('that number was given out by a tracker that is not among these now');
    expect(writesSince(one.requests, oneBefore)).toEqual([]);
    expect(two.state.timesheets.map((sheet) => sheet.description)).toEqual(['on two']);
  });
});
