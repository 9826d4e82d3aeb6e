// The methods each capability brings (time-tracker.ts, CapabilityParts) as a table the engine reads at
// run time: before a tool needing a capability runs, its part is checked to be there, once, in the one
// tool-call path (engine/run-tool.ts), and the handler gets a tracker typed with the part. The compiler
// holds the table to the interfaces: a method added to a part and left out here is a type error.
import type { Capability, CapabilityParts, TimeTracker } from './time-tracker.ts';

const PART_METHODS = {
  breaks: ['breakTypes', 'startBreak', 'endBreak'],
  team_hours: ['teamWork'],
  team_projects: ['projectWork'],
  team_leave: ['pendingLeave', 'findPendingLeave', 'decideLeave'],
} as const satisfies { [C in keyof CapabilityParts]: ReadonlyArray<keyof CapabilityParts[C]> };

/** The methods of a part the table leaves out: none, or the compiler names them here. */
type Unlisted = { [C in keyof CapabilityParts]: Exclude<keyof CapabilityParts[C], (typeof PART_METHODS)[C][number]> }[keyof CapabilityParts];
const _everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyMethodListed;

function bringsPart(capability: Capability): capability is keyof CapabilityParts {
  return Object.hasOwn(PART_METHODS, capability);
}

/**
 * The part a call of a tool needing `capability` would miss on this tracker: the capability itself
 * where one of the methods it brings is not there, or null where all are (or it brings none).
 */
export function missingPart(tracker: TimeTracker, capability: Capability): keyof CapabilityParts | null {
  if (!bringsPart(capability)) return null;
  const methods: readonly string[] = PART_METHODS[capability];
  return methods.every((method) => typeof Reflect.get(tracker, method) === 'function') ? null : capability;
}
