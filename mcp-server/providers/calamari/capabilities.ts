// What Punchcard offers on Calamari, from the modules remembered in use (facts.ts): the timer, breaks,
// shifts, reports and the person's projects with Time & Attendance; leave and the calendar with Time
// Off; their reports' hours where Calamari names people they manage. Calamari's API cannot change or delete a shift, create projects or cancel a leave request, so
// those tools are never offered here. One place for the tracker and for the opening of a connection,
// which lists the tools before the tracker loads: free of zod and of the HTTP client.
import type { Capability } from '../time-tracker.ts';
import { calamariFacts, calamariFactsKey, type CalamariFacts } from './facts.ts';

const TIME_AND_ATTENDANCE: readonly Capability[] = ['timer', 'breaks', 'entries', 'reports', 'catalog'];
const TIME_OFF: readonly Capability[] = ['leave', 'calendar'];

/**
 * A module not known to be off is offered: the first `tools/list` must already be right, and most
 * organisations use what they pay for. The background check (or the app's "Test connection") learns
 * the truth and withdraws a module's tools live.
 */
export function calamariCapabilities(facts: CalamariFacts | undefined): ReadonlySet<Capability> {
  const capabilities = new Set<Capability>(['account']);
  if (facts?.timeAndAttendance !== false) for (const capability of TIME_AND_ATTENDANCE) capabilities.add(capability);
  if (facts?.timeOff !== false) for (const capability of TIME_OFF) capabilities.add(capability);
  // Team hours only once Calamari's own data named people this person manages (the organisation's
  // key could read anyone's, so the key says nothing): unknown is no. Never a leave decision, nor a
  // project's hours: docs/back-ends/calamari.md, "Teams".
  if (facts?.managesPeople === true && facts.timeAndAttendance !== false) capabilities.add('team_hours');
  // The employee list, read-only, where this key was seen to read it: docs/back-ends/calamari.md, "Administration".
  if (facts?.employeeList === true) capabilities.add('admin_people');
  return capabilities;
}

/** What is remembered about the account, if anything, and the capabilities that follow. */
export function rememberedCalamariCapabilities(
  userDataDir: string,
  profile: { url: string; email: string },
): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const facts = calamariFacts.read(userDataDir, calamariFactsKey(profile));
  return { capabilities: calamariCapabilities(facts), remembered: facts !== undefined };
}
