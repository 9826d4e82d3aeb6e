// The outbox across processes (issue 33), on the built server over stdio against each remote back
// end's fake behind a relay (outbox-harness.ts): two engines that share the outbox send each kept
// write once, in order; an engine killed after its send reached the back end but before it recorded
// it leaves the next engine to find it there. The rest of the outbox runs in process (outbox.test.ts).
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type EngineHandle, startEngine, textOf } from '../../support/engine.ts';
import { at, dataFolder as folderFor, type Harness, LATER, NOW, outboxHarnesses, until } from './outbox-harness.ts';

const opened = closeAfterEach();
const HARNESSES = outboxHarnesses(opened);
const dataFolder = (harness: Harness) => folderFor(harness, opened);

async function engineFor(harness: Harness, now: string, userDataDir: string, env: Record<string, string> = {}): Promise<EngineHandle> {
  return opened(await startEngine({ userDataDir, env: { PUNCHCARD_NOW: now, ...harness.env, ...env } }));
}

/** Whether the process runs (a killed child counts as running until this process has reaped it). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(Object.keys(HARNESSES))('the outbox on %s', (name) => {
  it('an engine killed after its send reached the back end but before it recorded it: the next engine finds it there and does not send it again', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const engine = await engineFor(harness, NOW, dir);
    expect((await engine.call('timer_status')).isError).toBeFalsy();
    expect((await engine.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await engine.call('clock_in', { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) }))).toMatch(
      /out of reach; clocked in/,
    );
    // The clock-in reaches the back end; its answer never comes back, and the engine is killed waiting.
    await harness.network.swallow(harness.clockInRequest);
    void engine.call('timer_status').catch(() => {});
    await until(() => harness.entries().length === 1);
    const pid = engine.transport.pid as number;
    process.kill(pid, 'SIGKILL');
    await until(() => !running(pid));
    await harness.network.restore();

    const next = await engineFor(harness, LATER, dir);
    const told = textOf(await next.call('timer_status'));
    expect(told).toMatch(
      new RegExp(`Sent to ${harness.service} from the outbox .*Clocked in at 09:0[23] on "${harness.project}".* \\(${harness.service} already had it\\)\\.`),
    );
    expect(harness.entries()).toHaveLength(1);
  });

  it('two engines sending at once send each kept write once, in order', async () => {
    const harness = await (HARNESSES[name] as () => Promise<Harness>)();
    const dir = dataFolder(harness);
    const first = await engineFor(harness, NOW, dir);
    const second = await engineFor(harness, NOW, dir);
    const what = { project: harness.project, ...(harness.activity ? { activity: harness.activity } : {}) };
    expect((await first.call('timer_status')).isError).toBeFalsy();
    expect((await first.call('list_catalog')).isError).toBeFalsy();
    await harness.network.cut();
    expect(textOf(await first.call('log_time', { ...what, start: '07:00', end: '07:30' }))).toMatch(/out of reach; logged/);
    expect(textOf(await second.call('log_time', { ...what, start: '07:30', end: '08:00' }))).toMatch(/out of reach; logged/);
    expect(textOf(await first.call('clock_in', { ...what, start: '08:15' }))).toMatch(/out of reach; clocked in at 08:15/);
    await harness.network.restore();
    const answers = await Promise.all([first.call('timer_status'), second.call('timer_status'), first.call('list_time_entries'), second.call('timer_status')]);
    expect(answers.every((answer) => !answer.isError)).toBe(true);
    await until(() => harness.entries().length >= 3);
    const entries = harness.entries().sort((a, b) => a.start - b.start);
    expect(entries.map((entry) => [entry.start, entry.end])).toEqual([
      [at('07:00'), at('07:30')],
      [at('07:30'), at('08:00')],
      [at('08:15'), null],
    ]);
  });
});
