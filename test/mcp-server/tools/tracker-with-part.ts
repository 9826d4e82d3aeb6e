// The local timesheet with a capability's part added by hand (the parts in
// mcp-server/providers/time-tracker.ts): the local one has no breaks and no team, so tools needing
// those get the local tracker's parts for everything else and the small part a test writes for what it checks.
import { type Capability, type CapabilityParts, PART_NAMES, type TimeTracker, type TrackerWith } from '../../../mcp-server/providers/time-tracker.ts';

export function trackerWithPart<C extends keyof CapabilityParts & Capability>(tracker: TimeTracker, capability: C, part: CapabilityParts[C]): TrackerWith<C> {
  const capabilities = new Set<Capability>([...tracker.capabilities, capability]);
  return { ...tracker, capabilities, [PART_NAMES[capability]]: part } as TrackerWith<C>;
}
