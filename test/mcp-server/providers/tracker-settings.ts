// The settings a tracker over a fake back end is built with in the tests of acting for one person (each back end's
// acting-support.ts or tracker-support.ts): settings that decide nothing, so that what is offered and sent follows the
// fake and the narrowing alone.
import type { RemoteTrackerOptions } from '../../../mcp-server/providers/remote-tracker.ts';

type Settled = Pick<RemoteTrackerOptions<unknown>, 'workWeek' | 'holidays' | 'timezone' | 'now' | 'log'>;

/** A week of eight hours Monday to Friday, no holidays, the zone `timezone` ('' for the account's own), the clock `now`, and no log. */
export function plainSettings(now: () => number, timezone: string): Settled {
  return {
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => timezone,
    now,
    log: () => {},
  };
}

/** The plain settings with the team and admin tools wanted: whom the person leads and what she administers is learned. */
export function everyToolWanted(now: () => number, timezone: string): Settled & Pick<RemoteTrackerOptions<unknown>, 'teamToolsWanted' | 'adminToolsWanted'> {
  return { ...plainSettings(now, timezone), teamToolsWanted: () => true, adminToolsWanted: () => true };
}
