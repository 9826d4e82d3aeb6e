// What Punchcard offers on Clockify, from what it knows about the workspace (facts.ts): the timer, the
// person's own entries (listed, logged, changed, deleted), reports and the catalog always; leave, its
// withdrawal and the calendar unless time off is known not to answer for the person (the module off,
// the plan without it, or no access). Punchcard adds and archives no projects, clients or tasks on
// Clockify, so the catalog-writing tools are never offered. One place for the tracker and for the
// opening of a connection, which lists the tools before the tracker loads: free of zod and of HTTP.
import type { Capability } from '../time-tracker.ts';
import { clockifyFacts, clockifyFactsKey, type ClockifyFacts } from './facts.ts';

const ALWAYS: readonly Capability[] = ['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog'];
const TIME_OFF: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];

/**
 * Time off not known to be off is offered: the first `tools/list` must already be right, and a
 * client that reads the list once must see the leave tools from the start. The background check (or
 * the app's "Test connection") learns the truth and withdraws them live.
 */
export function clockifyCapabilities(facts: ClockifyFacts | undefined): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(ALWAYS);
  if (facts?.timeOff !== false) for (const capability of TIME_OFF) capabilities.add(capability);
  return capabilities;
}

export function rememberedClockifyCapabilities(
  userDataDir: string,
  profile: { url: string; workspace?: string | undefined },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = clockifyFacts.read(userDataDir, clockifyFactsKey(profile));
  return { capabilities: clockifyCapabilities(facts), remembered: facts !== undefined };
}
