// working_time across connections (docs/working-time.md, "What counts"): the law adds up the hours worked for
// every employer, so two local timesheets whose days are lawful each make, together, a day over the ArbZG's ten
// hours; naming one tracker is that employer's view alone, and each connection's balance stands apart.
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';

const handles: InProcessEngineHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

const TWO = {
  timezone: 'Europe/Berlin',
  provider: { name: 'acme', type: 'local' },
  trackers: [{ name: 'beta', type: 'local' }],
  workingTime: { rules: 'de' },
};

async function start(settings: Record<string, unknown> = TWO): Promise<InProcessEngineHandle> {
  const handle = await startInProcessEngine({
    userDataDir: makeUserDataDir(settings),
    args: ['--all-tools'],
    env: { PUNCHCARD_NOW: '2026-11-04T12:00:00Z' },
  });
  handles.push(handle);
  return handle;
}

type Finding = { code: string; date: string; worked_minutes?: number; trackers?: string[] };

describe('working_time across two connections', () => {
  it('adds up the hours of both into a finding neither has alone, naming both', async () => {
    const engine = await start();
    // Monday: six hours for acme in the morning, five for beta after a half-hour break: 11 hours in all.
    for (const [tracker, start, end] of [
      ['acme', '2026-11-02 08:00', '2026-11-02 14:00'],
      ['beta', '2026-11-02 14:30', '2026-11-02 19:30'],
    ] as const) {
      const logged = await engine.call('log_time', { start, end, tracker });
      expect(logged.isError, textOf(logged)).toBeFalsy();
    }
    const together = await engine.call('working_time', { from: '2026-11-02', to: '2026-11-02' });
    expect(together.isError, textOf(together)).toBeFalsy();
    const findings = together.structuredContent?.findings as Finding[];
    expect(findings).toContainEqual({ code: 'wt_day_over_max', date: '2026-11-02', worked_minutes: 660, max_minutes: 600, trackers: ['acme', 'beta'] });
    expect(textOf(together)).toContain("the day's work was 11 h, more than the 10 h a day section 3 ArbZG allows. ");
    // Two local timesheets share the settings' week, and so one balance, listed once with both names.
    const balances = together.structuredContent?.balances as Array<{ tracker: string; trackers?: string[]; since: string }>;
    expect(balances.map((balance) => [balance.tracker, balance.trackers, balance.since])).toEqual([['acme', ['acme', 'beta'], '2026-01-01']]);
    for (const tracker of ['acme', 'beta']) {
      const alone = await engine.call('working_time', { from: '2026-11-02', to: '2026-11-02', tracker });
      expect(alone.isError, textOf(alone)).toBeFalsy();
      expect(
        (alone.structuredContent?.findings as Finding[]).map((finding) => finding.code),
        tracker,
      ).not.toContain('wt_day_over_max');
    }
  });

  /** Monday 2 November: six hours for acme, five for beta; nothing on Tuesday. The balances from Monday, acme's opening an hour. */
  async function mondayOnBoth(settings: Record<string, unknown>) {
    const engine = await start({ ...settings, workingTime: { rules: 'de', balance: { since: '2026-11-02', openingMinutes: 60 } } });
    for (const [tracker, from, to] of [
      ['acme', '2026-11-02 08:00', '2026-11-02 14:00'],
      ['beta', '2026-11-02 14:30', '2026-11-02 19:30'],
    ] as const) {
      const logged = await engine.call('log_time', { start: from, end: to, tracker });
      expect(logged.isError, textOf(logged)).toBeFalsy();
    }
    const answer = await engine.call('working_time', { from: '2026-11-02', to: '2026-11-03' });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    return answer;
  }

  it("gives connections that share the settings' week one balance: their hours together against the one target", async () => {
    const answer = await mondayOnBoth(TWO);
    // 60 + (360 + 300 − 480) + (0 − 480): the week's eight hours a day once, not once each.
    expect(answer.structuredContent?.balance).toEqual({ since: '2026-11-02', opening_minutes: 60, minutes: -240 });
    expect(answer.structuredContent?.balances).toEqual([
      { tracker: 'acme', trackers: ['acme', 'beta'], since: '2026-11-02', opening_minutes: 60, minutes: -240 },
    ]);
    expect(textOf(answer)).toContain("acme and beta share the settings' week, and one balance since 2026-11-02: -4 h.");
  });

  it("keeps a balance apart for a connection with a week of its own, the opening the default's alone", async () => {
    const answer = await mondayOnBoth({
      ...TWO,
      trackers: [{ name: 'beta', type: 'local', workWeek: { mon: 5, tue: 5, wed: 5, thu: 5, fri: 5, sat: 0, sun: 0 } }],
    });
    expect(answer.structuredContent?.balances).toEqual([
      // 60 + (360 − 480) + (0 − 480)
      { tracker: 'acme', since: '2026-11-02', opening_minutes: 60, minutes: -540 },
      // (300 − 300) + (0 − 300)
      { tracker: 'beta', since: '2026-11-02', opening_minutes: 0, minutes: -300 },
    ]);
    expect(textOf(answer)).toContain("beta's balance since 2026-11-02: -5 h.");
  });
});
