// The offline outbox per tracker (docs/several-trackers.md, "Folders"): Clockify (beta) behind a relay the test cuts,
// Kimai (acme, the default) reachable. A write to beta while it is out of reach waits in beta's outbox
// (trackers/beta/outbox.db), never in acme's, and is sent to beta once, when it answers; writes to acme go straight
// out meanwhile and never receive beta's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { textOf } from '../../support/engine.ts';
import { startNetworkSwitch } from '../../support/network-switch.ts';
import { noticedCut } from '../e2e/outbox-harness.ts';
import { ADA_KEY } from '../providers/clockify/fake-clockify.ts';
import { KIMAI_ADA, startClockify, startKimai, startTrackers, writesSince } from './remote-trackers.ts';

const opened = closeAfterEach();

/** The writes an outbox file holds, waiting or `all` (its rows stay once sent); none where there is no file. */
function keptIn(file: string, which: 'waiting' | 'all' = 'waiting'): number {
  if (!existsSync(file)) return 0;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const where = which === 'waiting' ? " WHERE state IN ('queued', 'sending')" : '';
    return (db.prepare(`SELECT COUNT(*) AS n FROM outbox${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the outbox with several trackers', () => {
  it("keeps beta's write in beta's outbox while it is out of reach, sends it to beta alone once it answers; acme's go straight out", async () => {
    const kimai = opened(await startKimai());
    const clockify = opened(await startClockify());
    const network = noticedCut(opened(await startNetworkSwitch(clockify.url)));
    const engine = opened(
      await startTrackers(
        {
          provider: { name: 'acme', type: 'kimai', url: `${kimai.url}/` },
          trackers: [{ name: 'beta', type: 'clockify', url: network.url, workspace: 'Acme' }],
        },
        { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_BETA_TOKEN: ADA_KEY },
      ),
    );
    // What the engine knows of beta before it goes away: its timer and catalog.
    expect((await engine.call('timer_status', { tracker: 'beta' })).isError).toBeFalsy();
    expect((await engine.call('list_catalog', { tracker: 'beta' })).isError).toBeFalsy();
    const betaOutbox = join(engine.userDataDir, 'trackers', 'beta', 'outbox.db');
    const acmeOutbox = join(engine.userDataDir, 'outbox.db');
    const before = { kimai: kimai.requests.length, clockify: clockify.requests.length };

    await network.cut();
    const kept = await engine.call('log_time', { date: '2026-11-17', duration: '1h', description: 'kept for beta', tracker: 'beta' });
    expect(kept.isError, textOf(kept)).toBeFalsy();
    expect(kept.structuredContent).toMatchObject({ tracker: 'beta', entry: { waiting_to_send: true } });
    expect(textOf(kept)).toMatch(/Clockify is out of reach/);
    expect(keptIn(betaOutbox)).toBe(1);
    expect(keptIn(acmeOutbox, 'all')).toBe(0);

    // acme meanwhile: straight out, never held behind beta, never handed beta's write.
    const straight = await engine.call('log_time', {
      date: '2026-11-17',
      duration: '2h',
      project: 'Kimai only',
      activity: 'Development',
      description: 'for acme',
    });
    expect(straight.isError, textOf(straight)).toBeFalsy();
    expect(straight.structuredContent?.entry).not.toHaveProperty('waiting_to_send');
    expect(writesSince(kimai.requests, before.kimai)).toEqual(['POST /api/timesheets']);
    expect(kimai.state.timesheets.map((sheet) => sheet.description)).toEqual(['for acme']);
    expect(writesSince(clockify.requests, before.clockify)).toEqual([]);

    await network.restore();
    const back = await engine.call('timer_status', { tracker: 'beta' });
    expect(back.isError, textOf(back)).toBeFalsy();
    expect(textOf(back)).toMatch(/Sent to Clockify from the outbox/);
    expect(writesSince(clockify.requests, before.clockify)).toEqual([expect.stringMatching(/^POST \/api\/v1\/workspaces\/[0-9a-f]{24}\/time-entries$/)]);
    expect(clockify.state.entries.map((entry) => entry.description)).toEqual(['kept for beta']);
    expect(keptIn(betaOutbox)).toBe(0);
    expect(keptIn(acmeOutbox, 'all')).toBe(0);
    // Sent once: a later call sends nothing again, and acme never received it.
    await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect(writesSince(clockify.requests, before.clockify)).toHaveLength(1);
    expect(writesSince(kimai.requests, before.kimai)).toEqual(['POST /api/timesheets']);
  });
});
