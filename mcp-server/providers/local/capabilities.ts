// What the local timesheet can do: everything but breaks (a pause is clocking out and in again).
// Apart from the tracker so the opening of a connection can list the tools without loading SQLite.
import { CAPABILITIES, type Capability } from '../time-tracker.ts';

export const LOCAL_CAPABILITIES: ReadonlySet<Capability> = new Set(CAPABILITIES.filter((capability) => capability !== 'breaks'));
