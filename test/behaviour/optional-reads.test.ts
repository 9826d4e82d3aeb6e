// An optional feature's read, answered each way in turn, on every back end that makes one (docs/internals/back-ends.md,
// "Optional reads"; each back end's page lists its own). Refused as unavailable (402, 403, a 404 in the API's own form)
// the feature is not known: the everyday tools go on without it, and the read is not asked again within the hour. Any
// other answer (a token refused, the back end's trouble, no answer in time, a web page where the API should be) is no
// such thing: a call that needs the read fails in words naming the back end, with a code, and the next call asks again.
// Each case is a world of its own (a fake and an engine), the read answered that way from before the engine starts:
// they run side by side, three at a time.
import { describe, it, vi } from 'vitest';
import { refusalOf, textOf, type ToolResult } from '../support/engine.ts';
import { FAILING, UNAVAILABLE } from '../support/optional-answers.ts';
import { PATIENCE_MS } from '../support/patience.ts';
import { at, type BehaviourBackEnd, booking, type OptionalReadCase, WORLD, type World } from './harness.ts';
import { BACK_ENDS } from './suite.ts';

/** A day of the everyday tools' own: Tuesday before the clocks' Wednesday. */
const YESTERDAY = '2026-11-17';
const TODAY = '2026-11-18';

/**
 * The everyday tools, in the order a person meets them: who they are, the timer, what they may book on, the timer
 * again, the entries, a logged hour. `known`:
 * whether the read answered, else a booking leaves out what it would have named (OptionalReadCase.bookingWithout).
 */
async function everyday(world: World, backEnd: BehaviourBackEnd, read: OptionalReadCase, known: boolean): Promise<Array<[string, ToolResult]>> {
  const book = (project: string) => (!known && read.bookingWithout === 'activity' ? { project } : booking(backEnd, project));
  const calls: Array<[string, Record<string, unknown>]> = [
    ['whoami', {}],
    ['timer_status', {}],
    ['list_catalog', {}],
    ['clock_in', { ...book(WORLD.website), start: '09:00' }],
    ['clock_out', { end: '10:00' }],
    ['list_time_entries', { from: YESTERDAY, to: TODAY }],
    ['log_time', { ...book(WORLD.internal), start: at(YESTERDAY, '09:00'), end: at(YESTERDAY, '10:00') }],
  ];
  const results: Array<[string, ToolResult]> = [];
  for (const [tool, args] of calls) results.push([tool, await world.call(tool, args)]);
  return results;
}

/** How many times the world's back end was asked for `read` so far. */
function asked(world: World, read: OptionalReadCase): number {
  if (!world.asked) throw new Error('A world with optional reads says how often it was asked for each.');
  return world.asked(read.request);
}

const withOptionalReads = BACK_ENDS.filter((backEnd) => (backEnd.optionalReads ?? []).length > 0);

describe.each(withOptionalReads)('optional reads on $name', (backEnd) => {
  describe.each(backEnd.optionalReads ?? [])('$name', (read) => {
    it.concurrent.for(UNAVAILABLE)('answered %s: not known, and the everyday tools go on; asked once', async (answer, { expect }) => {
      const world = await backEnd.start({ optional: { read, answer } });
      try {
        for (const [tool, result] of await everyday(world, backEnd, read, false)) expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
        // Met by a call, or by the engine's own detection in the background: asked, and then not again within the hour.
        await vi.waitFor(() => expect(asked(world, read)).toBeGreaterThan(0), { timeout: PATIENCE_MS, interval: 50 });
        await world.call('timer_status');
        await world.call('list_time_entries', { from: YESTERDAY, to: TODAY });
        expect(asked(world, read)).toBe(1);
      } finally {
        await world.close();
      }
    });

    it.concurrent.for(FAILING)(
      'answered %s: no such thing as not known; a call that needs it fails in words and the next asks again',
      async (answer, { expect }) => {
        const world = await backEnd.start({ optional: { read, answer } });
        try {
          const results = await everyday(world, backEnd, read, true);
          // Every call answers, or is refused as data: a code, and words a person can act on.
          for (const [tool, result] of results) if (result.isError) expect(refusalOf(result)?.code, `${tool}: ${textOf(result)}`).toEqual(expect.any(String));
          if (read.met === 'calls') {
            const failed = results.filter(([, result]) => result.isError && textOf(result).includes(backEnd.name));
            expect(failed.length, 'the calls refused in the back end’s name').toBeGreaterThan(0);
            // Not remembered as not known: the next call that needs it asks again.
            expect(asked(world, read)).toBeGreaterThan(1);
          } else {
            // A detection no call waits for: the everyday tools are untouched, and it was asked.
            for (const [tool, result] of results) expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
            await vi.waitFor(() => expect(asked(world, read)).toBeGreaterThan(0), { timeout: PATIENCE_MS, interval: 50 });
          }
        } finally {
          await world.close();
        }
      },
    );
  });
});
