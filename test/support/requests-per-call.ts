// The request tests every remote back end shares: a scripted session with the engine (in the test's
// process: what is counted is the engine's requests, whichever process runs it), each step held to the requests it may cost (at most: a cache that outlives the step before
// only saves requests); a warm timer to two requests a call; every offered tool covered by a step;
// nothing asked before the first step nor while idle; and a fresh process's first calls, each exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEngineHandle } from './engine.ts';
import { type Measured, measureSteps, type Step } from './request-counting.ts';

export interface CountedSession {
  fake: { requests: ReadonlyArray<{ method: string; path: string; status: number }> };
  engine: AnyEngineHandle;
  resolve?: (value: unknown) => unknown;
  close: () => Promise<void>;
}

export interface RequestPlan {
  /** The back end's name, as the test titles say it. */
  backEnd: string;
  start: (options: { running?: boolean }) => Promise<CountedSession>;
  steps: Step[];
  /** Each a fresh process's first call; a timer runs unless the step clocks in. */
  coldSteps: Step[];
  /** The tools the session must cover, and who gets them ('a worker gets on Clockodo'). */
  offered: { tools: string[]; who: string };
  /** The warm steps' tools: each at most two requests. */
  warmTools: string[];
}

export function describeRequestsPerCall(plan: RequestPlan): void {
  describe(`HTTP requests per tool call on ${plan.backEnd}`, () => {
    let session: CountedSession;
    let measured: Measured[];
    beforeAll(async () => {
      session = await plan.start({});
      measured = await measureSteps(session.engine, session.fake.requests, plan.steps, session.resolve);
    });
    afterAll(async () => session?.close());

    it.each(plan.steps.map((step, index) => [step.label, index] as const))('%s', (_label, index) => {
      const step = measured[index] as Measured;
      expect(step.isError, step.text).toBe(false);
      expect(step.requests.length, step.requests.join('\n')).toBeLessThanOrEqual(step.expected);
    });

    it(`keeps a warm ${plan.warmTools.join(', ')} to two requests each`, () => {
      const warm = measured.filter((step) => /\(warm\)/.test(step.label));
      expect([...new Set(warm.map((step) => step.tool))].sort()).toEqual([...plan.warmTools].sort());
      for (const step of warm) expect(step.requests.length, step.label).toBeLessThanOrEqual(2);
    });

    it(`covers every tool ${plan.offered.who} (a new tool needs a step here)`, () => {
      expect([...new Set(measured.map((step) => step.tool))].sort()).toEqual([...plan.offered.tools].sort());
    });

    it('asked nothing before the first step, and asks nothing while idle', async () => {
      expect(session.fake.requests.length).toBe(measured.reduce((sum, step) => sum + step.requests.length, 0));
      const asked = session.fake.requests.length;
      await session.engine.client.listTools();
      await new Promise((done) => setTimeout(done, 1_000));
      expect(session.fake.requests.length).toBe(asked);
    });
  });

  describe(`the first call of a fresh process on ${plan.backEnd}`, () => {
    it.each(plan.coldSteps.map((step) => [step.label, step] as const))('%s', async (_label, step) => {
      const session = await plan.start({ running: step.tool !== 'clock_in' });
      try {
        const [result] = await measureSteps(session.engine, session.fake.requests, [step]);
        expect(result?.isError, result?.text).toBe(false);
        expect(result?.requests, result?.requests.join('\n')).toHaveLength(step.expected);
        expect(session.fake.requests).toHaveLength(step.expected);
      } finally {
        await session.close();
      }
    });
  });
}
