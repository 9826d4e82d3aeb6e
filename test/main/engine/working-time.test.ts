// The window's working time as main builds it, over the REAL engine bundle on a SQLite file with the
// ArbZG's rules: a long Monday without a break and a Tuesday begun too soon after it come back as
// findings with their facts checked against their codes; with the rules off, the same days and none.
// And a finding whose facts do not match its code fails loudly rather than being worded wrong.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../main/engine/engine-client.ts';
import { EngineError } from '../../../main/engine/engine-error.ts';
import { createWorkingTime } from '../../../main/engine/working-time.ts';
import { cleanUp, startTestEngine, type TestEngine } from './engine-setup.ts';

afterEach(cleanUp);

const SETTINGS = { timezone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BE' } };

async function seed(test: TestEngine): Promise<void> {
  await test.engine.callTool('create_catalog_item', { kind: 'project', name: 'Website' });
  // Monday 07:00 to 18:30 without a break; Tuesday from 04:00, 9 h 30 min after Monday's end.
  await test.engine.callTool('log_time', { start: '2026-11-16T07:00:00+01:00', end: '2026-11-16T18:30:00+01:00', project: 'Website' });
  await test.engine.callTool('log_time', { start: '2026-11-17T04:00:00+01:00', end: '2026-11-17T08:00:00+01:00', project: 'Website' });
}

describe('working time', () => {
  it('answers the days and what the ArbZG finds, each finding with the facts its code promises', async () => {
    const test = startTestEngine({ settings: { ...SETTINGS, workingTime: { rules: 'de', notify: true } } });
    await seed(test);
    const view = await createWorkingTime(test.engine).range('2026-11-16', '2026-11-17');
    expect(view.rules).toBe('de');
    expect(view.days.map((day) => [day.date, day.worked_minutes, day.break_minutes])).toEqual([
      ['2026-11-16', 690, 0],
      ['2026-11-17', 240, 0],
    ]);
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'wt_day_over_max', date: '2026-11-16', worked_minutes: 690, max_minutes: 600 }));
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'wt_break_short', date: '2026-11-16', break_minutes: 0, required_minutes: 45 }));
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'wt_rest_short', date: '2026-11-17', rest_minutes: 570, required_minutes: 660 }));
    expect(view.days[0]?.findings).toEqual(expect.arrayContaining(['wt_day_over_max', 'wt_break_short']));
  });

  it('with the rules off, answers the same days and finds nothing', async () => {
    const test = startTestEngine({ settings: SETTINGS });
    await seed(test);
    const view = await createWorkingTime(test.engine).range('2026-11-16', '2026-11-17');
    expect(view.rules).toBe('off');
    expect(view.days.map((day) => day.worked_minutes)).toEqual([690, 240]);
    expect(view.findings).toEqual([]);
  });

  it('refuses a finding whose facts are not its code’s, naming where', async () => {
    const test = startTestEngine({ settings: { ...SETTINGS, workingTime: { rules: 'de', notify: true } } });
    await seed(test);
    // The real answer with one fact taken away: what an engine of another version might send.
    const damaged: EngineClient = {
      ...test.engine,
      callTool: async (name, args) => {
        const result = await test.engine.callTool(name, args);
        const structured = result.structured as { findings: Array<Record<string, unknown>> };
        const over = structured.findings.find((finding) => finding.code === 'wt_day_over_max');
        delete over?.max_minutes;
        return result;
      },
    };
    const failure = await createWorkingTime(damaged)
      .range('2026-11-16', '2026-11-17')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).kind).toBe('protocol');
    expect((failure as EngineError).message).toMatch(/working_time.*findings\.\d+\.max_minutes/);
  });
});
