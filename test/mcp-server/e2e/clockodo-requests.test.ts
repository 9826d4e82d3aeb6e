// Requests per tool call on Clockodo (the aim: at most two for a warm timer_status, clock_in
// and clock_out): a scripted session through the built server over stdio, the fake Clockodo counting
// what arrives; and what a fresh process pays for its first call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockodoCapabilities } from '../../../mcp-server/providers/clockodo/capabilities.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { type Measured, measureSteps } from '../../support/request-counting.ts';
import { ADA, COLD_STEPS, type CountingSession, startCountingSession, STEPS } from '../providers/clockodo/request-scenario.ts';

describe('HTTP requests per tool call on Clockodo', () => {
  let session: CountingSession;
  let measured: Measured[];
  beforeAll(async () => {
    session = await startCountingSession();
    measured = await measureSteps(session.engine, session.fake.requests, STEPS, session.resolve);
  });
  afterAll(async () => session?.close());

  it.each(STEPS.map((step, index) => [step.label, index] as const))('%s', (_label, index) => {
    const step = measured[index] as Measured;
    expect(step.isError, step.text).toBe(false);
    // At most: a cache that outlives the step before (a slow machine aside) only saves requests.
    expect(step.requests.length, step.requests.join('\n')).toBeLessThanOrEqual(step.expected);
  });

  it('keeps a warm timer_status, clock_in and clock_out to two requests each', () => {
    const warm = measured.filter((step) => /\(warm\)/.test(step.label));
    expect(warm.map((step) => step.tool).sort()).toEqual(['clock_in', 'clock_out', 'timer_status', 'timer_status']);
    for (const step of warm) expect(step.requests.length, step.label).toBeLessThanOrEqual(2);
  });

  it('covers every tool a worker gets on Clockodo (a new tool needs a step here)', () => {
    const offered = TOOL_LIST.filter((tool) => clockodoCapabilities({ role: 'worker', absences: true }).has(tool.capability)).map((tool) => tool.name);
    expect([...new Set(measured.map((step) => step.tool))].sort()).toEqual(offered.sort());
  });

  it('asked nothing before the first step: what a connection test learned is trusted for a day', () => {
    expect(session.fake.requests.length).toBe(measured.reduce((sum, step) => sum + step.requests.length, 0));
  });
});

describe('the first call of a fresh process on Clockodo', () => {
  it.each(COLD_STEPS.map((step) => [step.label, step] as const))('%s', async (_label, step) => {
    const session = await startCountingSession({ running: step.tool !== 'clock_in' });
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

describe('an id the cached catalog does not know on Clockodo', () => {
  it('reloads only the list that lacks it: the customers, the services and the access maps stay cached', async () => {
    const session = await startCountingSession();
    try {
      const { engine, fake } = session;
      const [catalog] = await measureSteps(engine, fake.requests, [{ label: 'list_catalog', tool: 'list_catalog', expected: 5 }]);
      expect(catalog?.requests).toHaveLength(5);
      // A colleague adds a project and Ada's timer runs on it.
      const acme = fake.state.customers.find((customer) => customer.name === 'ACME') as { id: number };
      const development = fake.state.services.find((service) => service.name === 'Development') as { id: number };
      const intranet = fake.addProject('Intranet', acme.id);
      fake.addEntry({ usersId: ADA.id, customersId: acme.id, projectsId: intranet.id, servicesId: development.id, timeSince: Date.parse('2026-11-18T07:00:00+01:00'), timeUntil: null, clocked: true });
      const [status, again] = await measureSteps(engine, fake.requests, [
        { label: 'timer_status on the new project', tool: 'timer_status', expected: 3 },
        { label: 'list_catalog again', tool: 'list_catalog', expected: 0 },
      ]);
      expect(status?.text).toMatch(/Intranet · Development/);
      // The clock, the day's entries, the projects (before, the services and then, for the catalog, customers and access maps too).
      expect(status?.requests).toHaveLength(3);
      expect(status?.requests.filter((request) => /projects|services|customers|access/.test(request))).toEqual(['GET /v4/projects 200']);
      expect(again?.requests).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
