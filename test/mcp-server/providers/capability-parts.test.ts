// The run-time check of a capability's part (providers/capability-parts.ts, missingPart) and the words a call hears
// without it (tools/part-missing.ts). The table's completeness is the compiler's to check.
import { describe, expect, it } from 'vitest';
import { missingPart } from '../../../mcp-server/providers/capability-parts.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { partMissing } from '../../../mcp-server/tools/part-missing.ts';

/** Only what missingPart reads: the methods present on the object. */
function trackerWith(methods: string[]): TimeTracker {
  return Object.fromEntries(methods.map((name) => [name, async () => undefined])) as Partial<TimeTracker> as TimeTracker;
}

describe('a capability part', () => {
  it('is there only with every method the capability brings', () => {
    expect(missingPart(trackerWith(['breakTypes', 'startBreak', 'endBreak']), 'breaks')).toBeNull();
    expect(missingPart(trackerWith(['breakTypes', 'startBreak']), 'breaks')).toBe('breaks');
    expect(missingPart(trackerWith(['pendingLeave', 'findPendingLeave']), 'team_leave')).toBe('team_leave');
    expect(missingPart(trackerWith(['pendingLeave', 'findPendingLeave', 'decideLeave']), 'team_leave')).toBeNull();
    expect(missingPart(trackerWith(['teamWork']), 'team_projects')).toBe('team_projects');
  });

  it('is always there for a capability that brings no methods of its own', () => {
    expect(missingPart(trackerWith([]), 'timer')).toBeNull();
    expect(missingPart(trackerWith([]), 'calendar')).toBeNull();
  });

  it('is not a property that merely exists', () => {
    const tracker = { ...trackerWith(['breakTypes', 'startBreak']), endBreak: 'soon' } as unknown as TimeTracker;
    expect(missingPart(tracker, 'breaks')).toBe('breaks');
  });

  it("is refused in the back end's name, in words a person can act on", () => {
    expect(partMissing('breaks', 'Kimai')).toBe('Kimai has no breaks.');
    expect(partMissing('team_hours', 'Clockify')).toBe("Clockify shows Punchcard nobody's time but yours.");
    expect(partMissing('team_projects', 'Clockodo')).toBe("Clockodo shows Punchcard no project's hours but your own.");
    expect(partMissing('team_leave', 'Calamari')).toBe("Calamari leaves nobody's leave to your decision through Punchcard.");
  });
});
