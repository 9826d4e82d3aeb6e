// Requests per tool call on Harvest, which allows 100 requests in 15 seconds per token: a scripted session of every
// everyday tool with the engine in the test's process, on each kind of Harvest account (durations; start and end
// times), the fake Harvest counting what arrives; a warm timer at two requests a call; what a fresh process pays for
// its first call; that an idle server asks nothing; and what every request carries (the token as a bearer and never in
// an address, the account, a User-Agent naming Punchcard with a link), and that every list names the person.
import { describe, expect, it } from 'vitest';
import { harvestCapabilities } from '../../../mcp-server/providers/harvest/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { ACME, ADA_TOKEN } from '../providers/harvest/fake-harvest.ts';
import { type AccountKind, COLD_STEPS, startCountingSession, STEPS } from '../providers/harvest/request-scenario.ts';

const EVERYDAY = TOOL_LIST.filter((tool) => harvestCapabilities(undefined).has(tool.capability)).map((tool) => tool.name);

for (const kind of ['durations', 'timestamps'] as const satisfies readonly AccountKind[]) {
  describeRequestsPerCall({
    backEnd: `Harvest (${kind})`,
    start: (options) => startCountingSession({ ...options, kind, where: 'in process' }),
    steps: STEPS,
    coldSteps: COLD_STEPS,
    offered: { tools: EVERYDAY, who: 'a member gets on Harvest' },
    warmTools: ['timer_status', 'clock_in', 'clock_out'],
  });
}

describe('what every request to Harvest carries', () => {
  it('the token as a bearer and never in an address, the account id, and a User-Agent naming Punchcard with a link; every list names the person', async () => {
    const session = await startCountingSession({ kind: 'durations', where: 'in process' });
    try {
      for (const tool of ['timer_status', 'list_catalog', 'list_time_entries', 'time_report']) expect((await session.engine.call(tool)).isError).toBeFalsy();
      expect(session.fake.requests.length).toBeGreaterThan(3);
      for (const request of session.fake.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${ADA_TOKEN}`);
        expect(request.headers['harvest-account-id']).toBe(String(ACME));
        expect(request.headers['user-agent']).toMatch(/^Punchcard \(https:\/\/\S+\)$/);
        expect(`${request.path}${request.query}`).not.toContain(ADA_TOKEN);
      }
      const lists = session.fake.requests.filter((request) => request.path === '/v2/time_entries' && request.method === 'GET');
      expect(lists.length).toBeGreaterThan(0);
      for (const list of lists) expect(new URLSearchParams(list.query).get('user_id')).toBe('1001');
    } finally {
      await session.close();
    }
  });

  it("without an account id, lists the token's accounts once and takes the only Harvest one (Forecast's aside)", async () => {
    const session = await startCountingSession({ kind: 'durations', accountId: false, where: 'in process' });
    try {
      expect((await session.engine.call('timer_status')).isError).toBeFalsy();
      expect((await session.engine.call('whoami')).isError).toBeFalsy();
      const accounts = session.fake.requests.filter((request) => request.path === '/api/v2/accounts');
      expect(accounts).toHaveLength(1);
      expect(accounts[0]?.headers['harvest-account-id']).toBeUndefined();
      expect(
        session.fake.requests.filter((request) => request.path.startsWith('/v2/')).every((request) => request.headers['harvest-account-id'] === String(ACME)),
      ).toBe(true);
    } finally {
      await session.close();
    }
  });
});
