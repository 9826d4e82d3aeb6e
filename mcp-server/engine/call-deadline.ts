// How long one tool call may take on this host: CALL_DEADLINE_MS (domain/call-limits.ts), which
// tests shorten in the style of the request deadlines (PUNCHCARD_<BACK END>_TIMEOUT_MS).
import { CALL_DEADLINE_MS } from '../domain/call-limits.ts';

export function callDeadlineOf(env: NodeJS.ProcessEnv): number {
  const override = Number(env.PUNCHCARD_CALL_TIMEOUT_MS);
  return Number.isFinite(override) && override > 0 ? override : CALL_DEADLINE_MS;
}
