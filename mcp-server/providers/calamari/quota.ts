// What Calamari's 429 says of the organisation's limits (docs/back-ends/calamari.md, "Rate limits"):
// its body's `field` counts the second, the hour and the day against their limits, the refused
// request included ("Requests: 721/720 per hour, 900/2880 per day, 3/10 per second"). The limit past
// its count is the one used up, and decides how long Punchcard holds back (remote/organisation-limit.ts).
import type { HttpAnswer, LimitWindow } from '../remote/json-http.ts';
import { isObject } from '../remote/wire.ts';

/** The longest first: where two are past their limits, the longer decides when a request may go again. */
const LONGEST_FIRST: readonly LimitWindow[] = ['day', 'hour', 'second'];

/** One count: "721/720 per hour". */
const COUNT = /(\d{1,9})\s*\/\s*(\d{1,9})\s*(?:requests?\s*)?per\s*(second|hour|day)\b/gi;

/**
 * Which limit a 429 says is used up: the longest whose count is past its limit, else (where Calamari
 * counts without the refused request) the longest whose count has reached it; undefined where the
 * body counts nothing (another answer, a proxy's page), and Punchcard does not guess.
 */
export function usedUpLimit(answer: Pick<HttpAnswer, 'json'>): LimitWindow | undefined {
  const body = isObject(answer.json) ? answer.json : {};
  const text = [body.field, body.message].filter((part): part is string => typeof part === 'string').join(' ');
  // Bounded: a body is read within answer-size.ts's limits, and the field is short; a long one is not Calamari's.
  if (text.length > 1_000) return undefined;
  const counts = new Map<LimitWindow, { used: number; max: number }>();
  for (const [, used, max, per] of text.matchAll(COUNT)) {
    const window = (per as string).toLowerCase() as LimitWindow;
    if (!counts.has(window)) counts.set(window, { used: Number(used), max: Number(max) });
  }
  const past = LONGEST_FIRST.find((window) => {
    const count = counts.get(window);
    return count !== undefined && count.used > count.max;
  });
  return (
    past ??
    LONGEST_FIRST.find((window) => {
      const count = counts.get(window);
      return count !== undefined && count.max > 0 && count.used >= count.max;
    })
  );
}
