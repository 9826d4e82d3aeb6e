// Requests per tool call on Clockodo (the aim: at most two for a warm timer_status, clock_in
// and clock_out): a scripted session with the engine in the test's process, the fake Clockodo counting
// what arrives; and what a fresh process pays for its first call.
import { describe, expect, it } from 'vitest';
import { clockodoCapabilities } from '../../../mcp-server/providers/clockodo/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { measureSteps } from '../../support/request-counting.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { ADA, COLD_STEPS, startCountingSession, STEPS } from '../providers/clockodo/request-scenario.ts';

describeRequestsPerCall({
  backEnd: 'Clockodo',
  start: (options) => startCountingSession({ ...options, where: 'in process' }),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: {
    tools: TOOL_LIST.filter((tool) => clockodoCapabilities({ role: 'worker', absences: true }).has(tool.capability)).map((tool) => tool.name),
    who: 'a worker gets on Clockodo',
  },
  warmTools: ['timer_status', 'clock_in', 'clock_out'],
});

describe('an id the cached catalog does not know on Clockodo', () => {
  it('reloads only the list that lacks it: the customers, the services and the access maps stay cached', async () => {
    const session = await startCountingSession({ where: 'in process' });
    try {
      const { engine, fake } = session;
      const [catalog] = await measureSteps(engine, fake.requests, [{ label: 'list_catalog', tool: 'list_catalog', expected: 5 }]);
      expect(catalog?.requests).toHaveLength(5);
      // A colleague adds a project and Ada's timer runs on it.
      const acme = fake.state.customers.find((customer) => customer.name === 'ACME') as { id: number };
      const development = fake.state.services.find((service) => service.name === 'Development') as { id: number };
      const intranet = fake.addProject('Intranet', acme.id);
      fake.addEntry({
        usersId: ADA.id,
        customersId: acme.id,
        projectsId: intranet.id,
        servicesId: development.id,
        timeSince: Date.parse('2026-11-18T07:00:00+01:00'),
        timeUntil: null,
        clocked: true,
      });
      const [status, again] = await measureSteps(engine, fake.requests, [
        { label: 'timer_status on the new project', tool: 'timer_status', expected: 3 },
        { label: 'list_catalog again', tool: 'list_catalog', expected: 0 },
      ]);
      expect(status?.text).toMatch(/"Intranet" · "Development"/);
      // The clock, the day's entries, the projects (before, the services and then, for the catalog, customers and access maps too).
      expect(status?.requests).toHaveLength(3);
      expect(status?.requests.filter((request) => /projects|services|customers|access/.test(request))).toEqual(['GET /v4/projects 200']);
      expect(again?.requests).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
