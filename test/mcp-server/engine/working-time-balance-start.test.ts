// Where working_time's balance starts when the settings do not say (docs/working-time.md, "The balance"): at the
// later of the first of the year and the first day with work recorded, never at a first of January before the
// person recorded anything (a fresh install was told it owed 1,896 hours). Through the engine in this process, on
// the local timesheet, at Wednesday 18 November 2026, 15:00 in Berlin.
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';

const handles: InProcessEngineHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

async function start(workingTime: Record<string, unknown> = { rules: 'de' }): Promise<InProcessEngineHandle> {
  const handle = await startInProcessEngine({
    userDataDir: makeUserDataDir({ timezone: 'Europe/Berlin', workingTime }),
    args: ['--all-tools'],
    env: { PUNCHCARD_NOW: '2026-11-18T14:00:00Z' },
  });
  handles.push(handle);
  return handle;
}

async function balanceOf(engine: InProcessEngineHandle) {
  const answer = await engine.call('working_time', { from: '2026-11-16', to: '2026-11-17' });
  expect(answer.isError, textOf(answer)).toBeFalsy();
  return { balance: answer.structuredContent?.balance, text: textOf(answer) };
}

async function log(engine: InProcessEngineHandle, start: string, end: string): Promise<void> {
  const logged = await engine.call('log_time', { start, end });
  expect(logged.isError, textOf(logged)).toBeFalsy();
}

describe('the working-time balance without balance.since', () => {
  it('on a fresh timesheet owes nothing: it starts today, and says no work is recorded yet', async () => {
    const { balance, text } = await balanceOf(await start());
    expect(balance).toEqual({ since: '2026-11-18', since_reason: 'no_work', opening_minutes: 0, minutes: 0 });
    expect(text).toContain(
      "Balance starts today, 2026-11-18, no work being recorded this year yet (the settings' workingTime.balance.since sets another start): +0 min.",
    );
  });

  it('with entries from March, starts on the first day with work and counts the days from it', async () => {
    const engine = await start();
    // Tuesday 10 March 2026: the first work this year, nine hours; then Monday 16 November, eight.
    await log(engine, '2026-03-10 08:00', '2026-03-10 17:00');
    await log(engine, '2026-11-16 08:00', '2026-11-16 16:00');
    const { balance, text } = await balanceOf(engine);
    // 540 + 480 worked against the 181 weekdays of 8 hours from Tuesday 10 March to Tuesday 17 November (the settings
    // name no holiday region); the 48 weekdays of January to 9 March are owed nothing.
    expect(balance).toEqual({ since: '2026-03-10', since_reason: 'first_work', opening_minutes: 0, minutes: 540 + 480 - 181 * 480 });
    expect(text).toContain(
      "Balance since 2026-03-10, the first day with work recorded this year (the settings' workingTime.balance.since sets another start): -1431 h.",
    );
  });

  it('counts from the first of the year where the settings say so, as ever', async () => {
    const engine = await start({ rules: 'de', balance: { since: '2026-01-01', openingMinutes: 0 } });
    await log(engine, '2026-03-10 08:00', '2026-03-10 17:00');
    const { balance, text } = await balanceOf(engine);
    expect(balance).toEqual({ since: '2026-01-01', since_reason: 'setting', opening_minutes: 0, minutes: 540 - (48 + 181) * 480 });
    expect(text).toContain('Balance since 2026-01-01: -1823 h.');
  });
});
