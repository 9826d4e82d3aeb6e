// What a Kimai can do, from what Punchcard remembers about it (detection-cache.ts). One place for the
// tracker and for the opening of a connection, which lists the tools before the tracker loads: so
// this module stays free of zod and of the HTTP client.
import { CAPABILITIES, type Capability } from '../time-tracker.ts';
import { readDetection } from './detection-cache.ts';

/** What the absence plugin adds; Kimai serves everything else Punchcard has a capability for but breaks. */
const ABSENCE_CAPABILITIES: ReadonlySet<Capability> = new Set(['leave', 'leave_cancel', 'calendar']);
/** What a person who leads a team (or administers Kimai) adds; deciding leave needs the plugin too. */
const TEAM_CAPABILITIES: ReadonlySet<Capability> = new Set(['team_hours', 'team_projects', 'team_leave']);
/** Kimai with the absence plugin, for a person who leads nobody: every capability but breaks (Kimai has none) and the team's. */
export const KIMAI_CAPABILITIES: ReadonlySet<Capability> = new Set(
  CAPABILITIES.filter((capability) => capability !== 'breaks' && !TEAM_CAPABILITIES.has(capability)),
);
const WITHOUT_ABSENCES: ReadonlySet<Capability> = new Set([...KIMAI_CAPABILITIES].filter((capability) => !ABSENCE_CAPABILITIES.has(capability)));

/**
 * `absences` is whether the plugin answered the last time anyone asked; `undefined` when nobody has.
 * Unknown counts as present: the first `tools/list` must already be right, and clients that read it
 * only once (Claude Desktop) would otherwise never see the leave tools on a Kimai that has the
 * plugin. On one without it, the leave tools answer in words that the plugin is missing, and the
 * check in the background withdraws them (a clear error beats a feature that silently never shows).
 * The app's "Test connection" asks and remembers before any AI client starts.
 */
export function kimaiCapabilities(absences: boolean | undefined, leads?: boolean): ReadonlySet<Capability> {
  const base = absences === false ? WITHOUT_ABSENCES : KIMAI_CAPABILITIES;
  // The team tools only once a profile read said so: unknown is no, as a worker's token is the common case.
  if (leads !== true) return base;
  return new Set([...base, 'team_hours', 'team_projects', ...(absences === false ? [] : (['team_leave'] as const))]);
}

/** What is remembered about the Kimai at `url`, if anything, and the capabilities that follow. */
export function rememberedKimaiCapabilities(userDataDir: string, url: string): { capabilities: ReadonlySet<Capability>; remembered: boolean } {
  const detection = readDetection(userDataDir, url);
  return { capabilities: kimaiCapabilities(detection?.absences, detection?.leads), remembered: detection !== undefined };
}
