// The run-time check of a capability's part (providers/capability-parts.ts, missingPart) and the words a call hears
// without it (tools/part-missing.ts). A part is one object on the tracker, under the name PART_NAMES gives it.
import { describe, expect, it } from 'vitest';
import { missingPart } from '../../../mcp-server/providers/capability-parts.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { partMissing } from '../../../mcp-server/tools/part-missing.ts';

/** Only what missingPart reads: the parts present on the object, each an object of no methods. */
function trackerWith(parts: string[]): TimeTracker {
  return Object.fromEntries(parts.map((name) => [name, {}])) as Partial<TimeTracker> as TimeTracker;
}

describe('a capability part', () => {
  it('is there only where the tracker has the part under its name', () => {
    expect(missingPart(trackerWith(['breaks']), 'breaks')).toBeNull();
    expect(missingPart(trackerWith(['timer', 'entries']), 'breaks')).toBe('breaks');
    expect(missingPart(trackerWith(['teamHours', 'teamProjects']), 'team_leave')).toBe('team_leave');
    expect(missingPart(trackerWith(['teamLeave']), 'team_leave')).toBeNull();
    expect(missingPart(trackerWith(['teamHours']), 'team_projects')).toBe('team_projects');
    expect(missingPart(trackerWith(['teamProjects']), 'team_projects')).toBeNull();
    expect(missingPart(trackerWith(['teamHours']), 'team_hours')).toBeNull();
  });

  it('is always there for a capability that brings no methods of its own', () => {
    expect(missingPart(trackerWith([]), 'timer')).toBeNull();
    expect(missingPart(trackerWith([]), 'calendar')).toBeNull();
  });

  it('is not a property that merely exists', () => {
    expect(missingPart({ ...trackerWith([]), breaks: 'soon' } as unknown as TimeTracker, 'breaks')).toBe('breaks');
    expect(missingPart({ ...trackerWith([]), breaks: null } as unknown as TimeTracker, 'breaks')).toBe('breaks');
  });

  it("is refused in the back end's name, in words a person can act on", () => {
    expect(partMissing('breaks', 'Kimai')).toBe('Kimai has no breaks.');
    expect(partMissing('team_hours', 'Clockify')).toBe("Clockify shows Punchcard nobody's time but yours.");
    expect(partMissing('team_projects', 'Clockodo')).toBe("Clockodo shows Punchcard no project's hours but your own.");
    expect(partMissing('team_leave', 'Calamari')).toBe("Calamari leaves nobody's leave to your decision through Punchcard.");
  });
});
