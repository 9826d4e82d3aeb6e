// Requests per tool call on Clockify, which counts requests per second per key and workspace (the
// issue's aim: at most two for a warm timer_status, clock_in and clock_out): a scripted session
// with the engine in the test's process, the fake Clockify counting what arrives; what a fresh process
// pays for its first call (whose the key is, then the call); that an idle server asks nothing.
import { describe, expect, it } from 'vitest';
import { clockifyCapabilities, knownFrom } from '../../../mcp-server/providers/clockify/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { appTimesheet, COLD_STEPS, identityAsked, startCountingSession, STEPS } from '../providers/clockify/request-scenario.ts';

describeRequestsPerCall({
  backEnd: 'Clockify',
  start: (options) => startCountingSession({ ...options, where: 'in process' }),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: {
    tools: TOOL_LIST.filter((tool) => clockifyCapabilities(knownFrom({ timeOff: true })).has(tool.capability)).map((tool) => tool.name),
    who: 'Clockify offers with time off',
  },
  warmTools: ['timer_status', 'clock_in', 'clock_out'],
});

describe("the app's status refresh on Clockify (what an idle app asks every poll)", () => {
  it('lists the recent days once for the timer, today, the week and the last 30 days', async () => {
    const session = await startCountingSession({ running: true, where: 'in process' });
    const app = appTimesheet(session);
    const paths = (from: number) =>
      session.fake.requests
        .slice(from)
        .map((request) => `${request.method} ${request.path.replace(/^\/api\/v1\/workspaces\/[^/]+/, '')}`)
        .sort();
    try {
      // The app's engine asks whose the key is once, as every process does.
      const status = await app.timesheet.getStatus();
      expect(status.running).not.toBeNull();
      await identityAsked(session.fake);
      await new Promise((done) => setTimeout(done, 6_000));
      const later = session.fake.requests.length;
      await app.timesheet.getStatus();
      // The running entry, one listing of the recent days, the time off the week's targets count.
      expect(paths(later)).toEqual([
        `GET /user/${session.fake.state.users[0]?.id}/time-entries`,
        `GET /user/${session.fake.state.users[0]?.id}/time-entries`,
        'POST /time-off/requests',
      ]);
    } finally {
      await app.close();
      await session.close();
    }
  });
});
