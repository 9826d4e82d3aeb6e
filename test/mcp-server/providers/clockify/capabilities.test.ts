// The team tools on Clockify follow the role this process learned, never a remembered or assumed one
// (docs/back-ends/clockify.md, "Teams"): unknown and a member's are none of them.
import { describe, expect, it } from 'vitest';
import { clockifyCapabilities } from '../../../../mcp-server/providers/clockify/capabilities.ts';

const teamOf = (...args: Parameters<typeof clockifyCapabilities>) =>
  [...clockifyCapabilities(...args)].filter((capability) => capability.startsWith('team_')).sort();

describe('the team capabilities on Clockify', () => {
  it('are none while the role is unknown, and none for a member', () => {
    expect(teamOf({ timeOff: true })).toEqual([]);
    expect(teamOf({ timeOff: true }, 'member')).toEqual([]);
  });

  it('are all three for an admin and a team manager, leave decisions only where time off answers', () => {
    expect(teamOf({ timeOff: true }, 'admin')).toEqual(['team_hours', 'team_leave', 'team_projects']);
    expect(teamOf(undefined, 'team_manager')).toEqual(['team_hours', 'team_leave', 'team_projects']);
    expect(teamOf({ timeOff: false }, 'team_manager')).toEqual(['team_hours', 'team_projects']);
  });

  it("are a project's hours alone for a project manager", () => {
    expect(teamOf({ timeOff: true }, 'project_manager')).toEqual(['team_projects']);
  });
});
