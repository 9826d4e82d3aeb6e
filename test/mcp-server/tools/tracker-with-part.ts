// The local timesheet with a capability's part added by hand (the parts in
// mcp-server/providers/time-tracker.ts): the local one has no breaks and no team, so tools needing
// those get the local tracker for everything else and the small part a test writes for what it checks.
import type { Capability, CapabilityParts, TimeTracker, TrackerWith } from '../../../mcp-server/providers/time-tracker.ts';

export function trackerWithPart<C extends keyof CapabilityParts & Capability>(tracker: TimeTracker, capability: C, part: CapabilityParts[C]): TrackerWith<C> {
  const capabilities = new Set<Capability>([...tracker.capabilities, capability]);
  return new Proxy(tracker, {
    get(target, key) {
      if (key === 'capabilities') return capabilities;
      if (key in part) return Reflect.get(part, key, part);
      // The local tracker keeps private fields: its methods run on itself, not on the proxy.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has(target, key) {
      return key in part || key in target;
    },
  }) as TrackerWith<C>;
}
