// Before a tool needing a capability runs, the part that capability brings is checked to be there,
// once, in the one tool-call path (engine/run-tool.ts), and the handler gets a tracker typed with the
// part (time-tracker.ts, TrackerWith). A part is one object on the tracker, found by its name.
import { type Capability, type CapabilityParts, PART_NAMES, type TimeTracker } from './time-tracker.ts';

function bringsPart(capability: Capability): capability is keyof CapabilityParts {
  return Object.hasOwn(PART_NAMES, capability);
}

/**
 * The part a call of a tool needing `capability` would miss on this tracker: the capability itself
 * where the part it brings is not there, or null where it is (or the capability brings none).
 */
export function missingPart(tracker: TimeTracker, capability: Capability): keyof CapabilityParts | null {
  if (!bringsPart(capability)) return null;
  const part: unknown = tracker[PART_NAMES[capability]];
  return typeof part === 'object' && part !== null ? null : capability;
}
