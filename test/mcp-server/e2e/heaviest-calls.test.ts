// The heaviest legitimate calls fit within one call's budget of requests, on every remote back end
// (test/support/heaviest-calls.ts): a range at its limit on a busy person's data, in a fresh engine
// (in this process: what is measured is the engine's requests; `npm run bench` runs the bundle's).
// A write, above all, must never be stopped halfway by the budget. The team tools' heaviest calls
// (test/support/heaviest-team-calls.ts), on a lead's team of 300, too.
import { describe, it } from 'vitest';
import { HEAVY_BACK_ENDS, type HeavyBackEnd, MAX_REQUESTS_PER_CALL, measureHeavyCall } from '../../support/heaviest-calls.ts';
import { HEAVY_TEAM_BACK_ENDS } from '../../support/heaviest-team-calls.ts';

// Each call has its own fake and engine, and spends much of its time in the back end's pace (Calamari
// sends ten requests in any two seconds): three at once keep the machine busy rather than waiting.
function withinBudget(backEnd: HeavyBackEnd, options: { timeout?: number } = {}) {
  it.concurrent.for(backEnd.calls.map((call) => [call.label, call] as const))(
    `%s: answered (or refused as expected) within ${MAX_REQUESTS_PER_CALL} requests`,
    options,
    async ([, call], { expect }) => {
      const result = await measureHeavyCall(backEnd, call, () => null, 'in process');
      if (call.refusal) {
        // A known limit: said in words, within the budget, rather than stopped halfway.
        expect(result.isError).toBe(true);
        expect(result.text).toMatch(call.refusal);
      } else {
        expect(result.isError, result.text).toBe(false);
      }
      if (call.answer) expect(result.text).toMatch(call.answer);
      expect(result.requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    },
  );
}

describe.each(HEAVY_BACK_ENDS.map((backEnd) => [backEnd.name, backEnd] as const))('%s', (_name, backEnd) => {
  withinBudget(backEnd);
});

// Each of these seeds a team of 300 and waits out the engine's start-up before the call.
describe.each(HEAVY_TEAM_BACK_ENDS.map((backEnd) => [backEnd.name, backEnd] as const))('the team tools on %s', (_name, backEnd) => {
  withinBudget(backEnd, { timeout: 90_000 });
});
