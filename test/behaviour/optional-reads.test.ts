// An optional feature's read, answered each way in turn, on every back end that makes one (docs/internals/back-ends.md,
// "Optional reads"; each back end's page lists its own). Refused as unavailable (402, 403, a 404 in the API's own form)
// the feature is not known: the everyday tools go on without it, and the read is not asked again within the hour. Any
// other answer (a token refused, the back end's trouble, no answer in time, a web page where the API should be) is no
// such thing: a call that needs the read fails in words naming the back end, with a code (or, where nothing answered
// in time, keeps its write in the outbox and says so), and the same call asks again.
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

/** A call and what it answered. */
interface Made {
  tool: string;
  args: Record<string, unknown>;
  result: ToolResult;
}

/**
 * The everyday tools, in the order a person meets them: who they are, the timer, what they may book on, the timer
 * again, the entries, a logged hour. `known`: whether the read answered, else a booking leaves out what it would
 * have named (OptionalReadCase.bookingWithout).
 */
async function everyday(world: World, backEnd: BehaviourBackEnd, read: OptionalReadCase, known: boolean): Promise<Made[]> {
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
  const made: Made[] = [];
  for (const [tool, args] of calls) made.push({ tool, args, result: await world.call(tool, args) });
  return made;
}

/**
 * Whether a call said the read's failure in words, in the back end's name (or its service's: BehaviourBackEnd.service):
 * refused (a code, a sentence naming the back end), or, where the back end did not answer in time, a write kept to send
 * once it answers (the outbox: said so, and marked waiting_to_send).
 */
function saidInWords(result: ToolResult, backEnd: BehaviourBackEnd): boolean {
  if (!textOf(result).includes(backEnd.service ?? backEnd.name)) return false;
  if (result.isError) return refusalOf(result) !== undefined;
  return JSON.stringify(result.structuredContent ?? {}).includes('"waiting_to_send":true');
}

/** What each call answered, for a failure's message. */
function said(made: readonly Made[]): string {
  return made.map(({ tool, result }) => `${tool}: ${result.isError ? textOf(result) : 'answered'}`).join('\n');
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
      const world = await backEnd.start({ optional: { read, answer }, ...(read.settings ? { settings: read.settings } : {}) });
      try {
        const made = await everyday(world, backEnd, read, false);
        for (const { tool, result } of made) expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
        // Met by a call, or by the engine's own detection in the background: asked, and then not again within the hour.
        await vi.waitFor(() => expect(asked(world, read)).toBeGreaterThan(0), { timeout: PATIENCE_MS, interval: 50 });
        for (const { tool, args } of made) await world.call(tool, args);
        expect(asked(world, read)).toBe(1);
      } finally {
        await world.close();
      }
    });

    it.concurrent.for(FAILING)(
      'answered %s: no such thing as not known; a call that needs it fails in words, and the next asks again',
      async (answer, { expect }) => {
        const world = await backEnd.start({ optional: { read, answer }, ...(read.settings ? { settings: read.settings } : {}) });
        try {
          const made = await everyday(world, backEnd, read, true);
          // Every call answers, or is refused as data: a code, and words a person can act on.
          for (const { tool, result } of made) if (result.isError) expect(refusalOf(result)?.code, `${tool}: ${textOf(result)}`).toEqual(expect.any(String));
          if (read.met === 'calls') {
            const failed = made.filter(({ result }) => saidInWords(result, backEnd));
            expect(failed.length, `the calls that said it in the back end's name, of:\n${said(made)}`).toBeGreaterThan(0);
            // Not remembered as not known: the same calls again ask for it again.
            const before = asked(world, read);
            for (const { tool, args } of failed) await world.call(tool, args);
            expect(asked(world, read)).toBeGreaterThan(before);
          } else if (read.met === 'checks') {
            // A write's check of what the back end judges itself: a write goes on unless the token is refused, and every
            // write asks again.
            for (const { tool, result } of made) if (answer !== 'token_refused') expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
            if (answer === 'token_refused') expect(made.filter(({ result }) => saidInWords(result, backEnd)).length, said(made)).toBeGreaterThan(0);
            expect(asked(world, read)).toBeGreaterThan(1);
          } else {
            // A detection no call waits for: the everyday tools are untouched, and it was asked.
            for (const { tool, result } of made) expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
            await vi.waitFor(() => expect(asked(world, read)).toBeGreaterThan(0), { timeout: PATIENCE_MS, interval: 50 });
          }
        } finally {
          await world.close();
        }
      },
    );
  });
});
