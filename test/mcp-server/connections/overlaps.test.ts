// The same hours booked to two trackers (docs/several-trackers.md, "Overlaps between trackers"): Kimai's (acme)
// 09:00–11:00 and Clockify's (beta) 10:00–12:00 on one day cover the same hour. A spanning list_time_entries and
// time_report carry one trackers_overlap notice naming both entries and the minutes, and say so; entries that only
// touch, or overlap inside one tracker, are not this notice's.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { textOf, type ToolResult } from '../../support/engine.ts';
import { ADA_KEY, addEntry, at, SEED } from '../providers/clockify/fake-clockify.ts';
import { KIMAI_ADA, startClockify, startKimai, startTrackers } from './remote-trackers.ts';

const opened = closeAfterEach();

async function bookedTwice() {
  const kimai = opened(await startKimai());
  const clockify = opened(await startClockify());
  const website = kimai.state.projects.find((project) => project.name === 'Website');
  const development = kimai.state.activities.find((activity) => activity.name === 'Development');
  const sheet = (begin: string, end: string) =>
    kimai.addTimesheet({ userId: KIMAI_ADA.id, begin: Date.parse(begin), end: Date.parse(end), projectId: website?.id ?? 0, activityId: development?.id ?? 0 });
  sheet('2026-11-17T09:00:00+01:00', '2026-11-17T11:00:00+01:00');
  // Inside acme alone: two of its own that overlap are not the notice's.
  sheet('2026-11-16T09:00:00+01:00', '2026-11-16T10:00:00+01:00');
  sheet('2026-11-16T09:30:00+01:00', '2026-11-16T10:30:00+01:00');
  addEntry(clockify, { userId: SEED.users.ada, start: at('2026-11-17', '10:00'), end: at('2026-11-17', '12:00'), description: 'beta' });
  // Touching acme's 10:30 end: no overlap.
  addEntry(clockify, { userId: SEED.users.ada, start: at('2026-11-16', '10:30'), end: at('2026-11-16', '11:00'), description: 'beta after' });
  const engine = opened(
    await startTrackers(
      {
        provider: { name: 'acme', type: 'kimai', url: `${kimai.url}/` },
        trackers: [{ name: 'beta', type: 'clockify', url: clockify.url, workspace: 'Acme' }],
      },
      { PUNCHCARD_TRACKER_ACME_TOKEN: KIMAI_ADA.token, PUNCHCARD_TRACKER_BETA_TOKEN: ADA_KEY },
    ),
  );
  return { engine };
}

function overlapsOf(result: ToolResult) {
  return ((result.structuredContent?.notices ?? []) as Array<{ code: string; facts: Record<string, unknown> }>).filter(
    (notice) => notice.code === 'trackers_overlap',
  );
}

const THE_OVERLAP = {
  code: 'trackers_overlap',
  facts: {
    entries: [
      { tracker: 'acme', id: expect.any(Number), start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T11:00:00+01:00' },
      { tracker: 'beta', id: expect.any(Number), start: '2026-11-17T10:00:00+01:00', end: '2026-11-17T12:00:00+01:00' },
    ],
    minutes: 60,
  },
};

describe('entries of two trackers covering the same time', () => {
  it('list_time_entries carries one trackers_overlap and says so', async () => {
    const { engine } = await bookedTwice();
    const listed = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect(overlapsOf(listed)).toEqual([THE_OVERLAP]);
    expect(textOf(listed)).toMatch(/acme's entry #\d+ 09:00–11:00 and beta's entry #\d+ 10:00–12:00 on .* cover the same 1 h/);
  });

  it('time_report carries the same notice, with the ids its list would give', async () => {
    const { engine } = await bookedTwice();
    const report = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-18' });
    expect(report.isError, textOf(report)).toBeFalsy();
    expect(overlapsOf(report)).toEqual([THE_OVERLAP]);
    expect(textOf(report)).toContain('cover the same 1 h');
    const listed = await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' });
    expect(overlapsOf(report)).toEqual(overlapsOf(listed));
  });

  it('a report of days without the overlap carries none', async () => {
    const { engine } = await bookedTwice();
    const report = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-16' });
    expect(report.isError, textOf(report)).toBeFalsy();
    expect(overlapsOf(report)).toEqual([]);
  });
});
