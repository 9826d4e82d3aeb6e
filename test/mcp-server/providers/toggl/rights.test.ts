// What each Toggl Track role is offered (providers/toggl/rights.ts, cells.ts): read from the role remembered, never
// assumed where none was read, a capability Toggl refused under the role withdrawn until another is learned; and how
// the team report's pages are read (team/report.ts): at most four, the people a cut-off report read whole.
import { describe, expect, it } from 'vitest';
import { togglCapabilities } from '../../../../mcp-server/providers/toggl/cells.ts';
import type { TogglFacts } from '../../../../mcp-server/providers/toggl/facts.ts';
import { roleLacking, roleName, rightsOf, workspaceRoleOf } from '../../../../mcp-server/providers/toggl/rights.ts';
import { nextRowOf, peopleReadWhole, readReport, reportSpans } from '../../../../mcp-server/providers/toggl/team/report.ts';

const EVERYDAY = ['account', 'calendar', 'catalog', 'entries', 'entries_edit', 'reports', 'timer'];
const offered = (role: string | undefined, more: Partial<TogglFacts> = {}) =>
  [...togglCapabilities({ ...(role === undefined ? {} : { role, roleOf: '1', roleCheckedAt: '2026-11-18T09:00:00Z' }), ...more })]
    .filter((capability) => !EVERYDAY.includes(capability))
    .sort();

describe("Toggl Track's roles", () => {
  it('offers nothing of the role where none was read, nor to a member or a Project Lead who manages nothing', () => {
    expect(offered(undefined)).toEqual([]);
    expect(offered('user')).toEqual([]);
    expect(offered('projectlead')).toEqual([]);
  });

  it("offers a workspace admin and a Team Lead everyone's hours and every project, the admin the people, rates and catalog; a project manager the projects' status alone", () => {
    expect(offered('admin')).toEqual(['admin_catalog', 'admin_people', 'admin_rates', 'catalog_write', 'team_hours', 'team_projects']);
    // Billable rates are Starter's and above: a Free workspace's admin has no manage_rates.
    expect(offered('admin', { plan: 'free' })).toEqual(['admin_catalog', 'admin_people', 'catalog_write', 'team_hours', 'team_projects']);
    expect(offered('teamlead')).toEqual(['team_hours', 'team_projects']);
    expect(offered('project_manager user')).toEqual(['team_projects']);
    expect(offered('project_manager projectlead')).toEqual(['team_projects']);
  });

  it('offers timesheet approvals on Premium alone, to a member a setup governs, an approver a setup names and a workspace admin', () => {
    const premium = { plan: 'premium' };
    const approvals = ['approvals', 'approvals_workflow'];
    expect(offered('timesheet_member user', premium)).toEqual(approvals);
    expect(offered('timesheet_approver user', premium)).toEqual(approvals);
    expect(offered('admin', premium)).toEqual(['admin_catalog', 'admin_people', 'admin_rates', ...approvals, 'catalog_write', 'team_hours', 'team_projects']);
    // Nobody a setup names, on Premium; and anyone below it, whatever the setups said.
    expect(offered('user', premium)).toEqual([]);
    expect(offered('timesheet_member user', { plan: 'starter' })).toEqual([]);
    expect(offered('admin', { plan: 'starter' })).toEqual(['admin_catalog', 'admin_people', 'admin_rates', 'catalog_write', 'team_hours', 'team_projects']);
    // Toggl refused them under the role: both withdrawn until another role is learned.
    expect(offered('timesheet_member user', { ...premium, refused: ['approvals', 'approvals_workflow'] })).toEqual([]);
  });

  it('withdraws what Toggl refused under the role', () => {
    expect(offered('teamlead', { refused: ['team_hours'] })).toEqual(['team_projects']);
    expect(offered('admin', { refused: ['catalog_write'] })).not.toContain('catalog_write');
  });

  it('names the role as why the administration is withheld from anyone but a workspace admin, and nothing else', () => {
    const facts = (role: string, more: Partial<TogglFacts> = {}): TogglFacts => ({ role, roleOf: '1', roleCheckedAt: '2026-11-18T09:00:00Z', ...more });
    for (const capability of ['admin_people', 'admin_rates', 'admin_catalog', 'catalog_write'] as const) {
      expect(roleLacking(facts('user'), capability)).toEqual({ role: 'member', needs: 'a workspace admin' });
      expect(roleLacking(facts('teamlead'), capability)).toEqual({ role: 'Team Lead', needs: 'a workspace admin' });
      expect(roleLacking(facts('project_manager projectlead'), capability)).toEqual({ role: 'Project Lead, project manager', needs: 'a workspace admin' });
      // An admin's withdrawn capability (a 403), and a role never read, are the back end's to say.
      expect(roleLacking(facts('admin', { refused: [capability] }), capability)).toBeUndefined();
      expect(roleLacking(undefined, capability)).toBeUndefined();
    }
    // The team's tools are withheld from a member in Toggl's own words, not as a role.
    expect(roleLacking(facts('user'), 'team_hours')).toBeUndefined();
    expect(roleLacking(facts('user'), 'admin_tags')).toBeUndefined();
  });

  it("reads the workspace's role by its word, else by its admin flag; names it in Toggl's words", () => {
    expect(workspaceRoleOf({ role: 'teamlead' })).toBe('teamlead');
    expect(workspaceRoleOf({ role: 'owner?', admin: true })).toBe('admin');
    expect(workspaceRoleOf({})).toBe('user');
    expect(roleName(rightsOf(new Set(['user', 'project_manager'])))).toBe('member, project manager');
    expect(roleName(rightsOf(new Set(['teamlead'])))).toBe('Team Lead');
  });
});

describe("the detailed report's pages", () => {
  const row = (user: number) => ({ user_id: user, time_entries: [] });

  it('follows X-Next-Row-Number for at most four pages, and says whether the report was read to its end', async () => {
    const asked: Array<number | undefined> = [];
    const endless = await readReport(async (first) => {
      asked.push(first);
      return { rows: [row(1)], next: (first ?? 1) + 50 };
    });
    expect(asked).toEqual([undefined, 51, 101, 151]);
    expect(endless).toMatchObject({ finished: false });
    const short = await readReport(async (first) => ({ rows: [row(1)], next: first === undefined ? 51 : undefined }));
    expect(short).toMatchObject({ finished: true, rows: [row(1), row(1)] });
    expect(nextRowOf({ 'x-next-row-number': '51' })).toBe(51);
    expect(nextRowOf({ 'x-next-row-number': 'soon' })).toBeUndefined();
  });

  it('counts as read whole the people before the last row’s person or one not reached yet, at least one', () => {
    expect(peopleReadWhole([1, 2, 3], [row(1), row(2)], true)).toBe(3);
    expect(peopleReadWhole([1, 2, 3], [row(1), row(2)], false)).toBe(1);
    expect(peopleReadWhole([1, 2, 3], [row(1), row(3)], false)).toBe(1);
    expect(peopleReadWhole([1, 2, 3], [row(2), row(1), row(3)], false)).toBe(2);
    expect(peopleReadWhole([1, 2], [row(1)], false)).toBe(1);
  });

  it("reads an entry's times as Toggl wrote them, else its start and seconds", () => {
    const [stopped, bySeconds] = reportSpans([
      {
        user_id: 7,
        username: ' Bob ',
        project_id: 3,
        task_id: null,
        time_entries: [
          { id: 1, seconds: 3600, start: '2026-11-16T08:00:00+00:00', stop: '2026-11-16T09:00:00+00:00' },
          { id: 2, seconds: 1800, start: '2026-11-16T10:00:00+00:00', stop: null },
        ],
      },
    ]);
    expect(stopped).toEqual({
      userId: 7,
      username: 'Bob',
      projectId: 3,
      taskId: null,
      start: Date.parse('2026-11-16T08:00:00Z'),
      end: Date.parse('2026-11-16T09:00:00Z'),
    });
    expect(bySeconds?.end).toBe(Date.parse('2026-11-16T10:30:00Z'));
  });
});
