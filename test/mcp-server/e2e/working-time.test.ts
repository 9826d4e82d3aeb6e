// working_time through the built server over stdio (docs/working-time.md): on the local timesheet, on the fake Kimai
// and on the fake Tempo Timesheets (worklogs on a Jira issue, booked by key), a day's entries as the person logs them give the ArbZG's findings, each said with its law; a log
// that creates a finding is recorded as asked and says it; time_report carries the findings of its range.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { ADA as TEMPO_ADA, addIssues, type FakeTempo, startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import { ADA_TOKENS as TEMPO_TOKENS, tempoProvider } from '../providers/tempo/request-scenario.ts';

// Wednesday 18 November 2026, 12:00 in Berlin.
const NOW = '2026-11-18T12:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;

const engines: EngineHandle[] = [];
const fakes: Array<FakeKimai | FakeTempo> = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function local(): Promise<EngineHandle> {
  const engine = await startEngine({
    userDataDir: makeUserDataDir({ timezone: 'Europe/Berlin', workingTime: { rules: 'de' } }),
    env: { PUNCHCARD_NOW: NOW },
  });
  engines.push(engine);
  return engine;
}

async function kimai(): Promise<EngineHandle> {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  fakes.push(fake);
  seedCatalog(fake);
  const engine = await startEngine({
    userDataDir: makeUserDataDir({ provider: { type: 'kimai', url: `${fake.url}/` }, timezone: 'Europe/Berlin', workingTime: { rules: 'de' } }),
    env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token },
  });
  engines.push(engine);
  return engine;
}

async function tempo(): Promise<EngineHandle> {
  const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
  fakes.push(fake);
  // An issue of Ada's and no worklogs yet: the day is what the test logs.
  addIssues(fake, { key: 'WEB', name: 'Acme' }, [{ summary: 'Website', assignee: TEMPO_ADA }]);
  const engine = await startEngine({
    userDataDir: makeUserDataDir({ provider: tempoProvider(fake), timezone: 'Europe/Berlin', workingTime: { rules: 'de' } }),
    env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TEMPO_PER_SECOND: '1000', ...TEMPO_TOKENS },
  });
  engines.push(engine);
  return engine;
}

type Finding = { code: string; date: string };

// Kimai books every entry on a project and activity, Tempo every worklog on an issue (by its key); the local timesheet
// takes an entry without.
const KIMAI_BOOKING = { project: 'Website', activity: 'Design' };
const TEMPO_BOOKING = { project: 'WEB-1' };

describe.each([
  ['the local timesheet', local, {}],
  ['Kimai', kimai, KIMAI_BOOKING],
  ['Tempo Timesheets', tempo, TEMPO_BOOKING],
])('working_time on %s', (_name, open, booking) => {
  it('finds a day over ten hours and a short rest, says a log that created one, and time_report carries them', async () => {
    const engine = await open();
    // Monday 16: 08:00 to 19:00 with an hour's break at noon, ten hours' work (the most section 3 allows); then an
    // hour and a half more in the evening.
    for (const [start, end] of [
      ['2026-11-16 08:00', '2026-11-16 12:00'],
      ['2026-11-16 13:00', '2026-11-16 19:00'],
    ]) {
      const logged = await engine.call('log_time', { start, end, ...booking });
      expect(logged.isError, textOf(logged)).toBeFalsy();
    }
    const late = await engine.call('log_time', { start: '2026-11-16 20:00', end: '2026-11-16 21:30', ...booking });
    expect(late.isError, textOf(late)).toBeFalsy();
    expect(late.structuredContent?.notices).toEqual([
      { code: 'working_time', facts: { rules: 'de', created: true, findings: [expect.objectContaining({ code: 'wt_day_over_max', worked_minutes: 690 })] } },
    ]);
    expect(textOf(late)).toContain("This created a working-time finding, recorded as asked: On 2026-11-16 the day's work was 11 h 30 min");
    // Tuesday from 06:00: eight and a half hours after Monday's end.
    const early = await engine.call('log_time', { start: '2026-11-17 06:00', end: '2026-11-17 09:00', ...booking });
    expect((early.structuredContent?.notices as Array<{ facts: { findings: Finding[] } }>)[0]?.facts.findings.map((finding) => finding.code)).toEqual([
      'wt_rest_short',
    ]);

    const checked = await engine.call('working_time', { from: '2026-11-16', to: '2026-11-17' });
    expect(checked.isError, textOf(checked)).toBeFalsy();
    expect((checked.structuredContent?.findings as Finding[]).map((finding) => [finding.code, finding.date])).toEqual([
      ['wt_day_over_max', '2026-11-16'],
      ['wt_rest_short', '2026-11-17'],
    ]);
    expect(textOf(checked)).toContain('The rest before 2026-11-17T06:00:00+01:00 was 8 h 30 min, shorter than the 11 h section 5 ArbZG asks for.');

    const report = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-16' });
    expect(report.isError, textOf(report)).toBeFalsy();
    expect(report.structuredContent?.notices).toEqual([
      { code: 'working_time', facts: { rules: 'de', findings: [expect.objectContaining({ code: 'wt_day_over_max', date: '2026-11-16' })] } },
    ]);
  });
});

describe('the weekly_review prompt', () => {
  /** The prompt's one message, as a client gets it. */
  async function weeklyReview(engine: EngineHandle): Promise<string> {
    // The opening answers before the engine has loaded; a call waits for it.
    await engine.call('timer_status', {});
    const { messages } = await engine.client.getPrompt({ name: 'weekly_review', arguments: { week: 'last' } });
    const content = messages[0]?.content;
    return content?.type === 'text' ? content.text : '';
  }

  it("asks for the working-time findings time_report carries, under the organisation's rules where its policy sets them", async () => {
    const withRules = await local();
    expect(await weeklyReview(withRules)).toContain(
      "Where time_report's answer carries working-time findings (a notice), report each with its law (the ArbZG)",
    );
    // The person's settings say nothing; the policy sets the Directive's rules for the fleet.
    const dir = makeUserDataDir({ timezone: 'Europe/Berlin' });
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ schemaVersion: 1, workingTime: { rules: 'eu' } }));
    const underPolicy = await startEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_POLICY_FILE: policy } });
    engines.push(underPolicy);
    expect(await weeklyReview(underPolicy)).toContain('report each with its law (the Working Time Directive)');
    const without = await startEngine({ userDataDir: makeUserDataDir({ timezone: 'Europe/Berlin' }), env: { PUNCHCARD_NOW: NOW } });
    engines.push(without);
    expect(await weeklyReview(without)).not.toContain('working-time');
  });
});
