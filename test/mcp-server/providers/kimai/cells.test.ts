// What Kimai's cells offer (mcp-server/providers/kimai/cells.ts), on the person's own token and under the
// organisation's credential, from what is remembered of the server and the person.
import { describe, expect, it } from 'vitest';
import { kimaiActingCapabilities, kimaiCapabilities } from '../../../../mcp-server/providers/kimai/cells.ts';

const sorted = (set: ReadonlySet<string>) => [...set].sort();
const OWN_TIME = ['account', 'catalog', 'entries', 'entries_edit', 'reports', 'timer'];
const LEAVE = ['calendar', 'leave', 'leave_cancel'];

describe("Kimai's cells' offers", () => {
  it('a plain user: their time, the catalog to write, and leave while the plugin is not known to be missing', () => {
    expect(sorted(kimaiCapabilities(undefined))).toEqual([...OWN_TIME, 'catalog_write', ...LEAVE].sort());
    expect(sorted(kimaiCapabilities({ absences: false, role: 'ROLE_USER' }))).toEqual([...OWN_TIME, 'catalog_write'].sort());
    // Under the organisation's credential, leave only once the plugin was found, and never a catalog write.
    expect(sorted(kimaiActingCapabilities(undefined))).toEqual(OWN_TIME);
    expect(sorted(kimaiActingCapabilities({ absences: true, approvals: true }))).toEqual([...OWN_TIME, ...LEAVE, 'approvals', 'approvals_workflow'].sort());
  });

  it("a team lead's team tools on their own token; by role alone under the organisation's, and no administration there", () => {
    const lead = { absences: true, leads: true, role: 'ROLE_TEAMLEAD' };
    expect(sorted(kimaiCapabilities(lead))).toEqual(
      [...OWN_TIME, 'catalog_write', ...LEAVE, 'team_hours', 'team_projects', 'team_leave', 'admin_invoices', 'admin_corrections'].sort(),
    );
    expect(sorted(kimaiActingCapabilities(lead))).toEqual([...OWN_TIME, ...LEAVE, 'team_hours', 'team_projects', 'team_leave'].sort());
    expect(sorted(kimaiActingCapabilities({ ...lead, role: 'ROLE_ADMIN' }))).toEqual([...OWN_TIME, ...LEAVE].sort());
  });

  it('what a role administers, each withdrawn where Kimai refused it under that role', () => {
    const admin = sorted(kimaiCapabilities({ role: 'ROLE_SUPER_ADMIN', leads: true, absences: false, peopleRefused: true, tagsRefused: true }));
    expect(admin.filter((capability) => capability.startsWith('admin_'))).toEqual(
      ['admin_catalog', 'admin_corrections', 'admin_invoices', 'admin_rates', 'admin_teams'].sort(),
    );
    expect(admin).not.toContain('team_leave');
    expect(sorted(kimaiCapabilities({ role: 'ROLE_SUPER_ADMIN' })).filter((capability) => capability.startsWith('admin_'))).toHaveLength(7);
  });
});
