// What Clockify's cells offer (providers/clockify/cells.ts): the team tools follow the role this process learned, never
// a remembered or assumed one (docs/back-ends/clockify.md, "Teams"): unknown and a member's are none of them; what a
// person administers follows the role and what Clockify refused; acting for a person, only what is narrowed to them.
import { describe, expect, it } from 'vitest';
import type { ClockifyAdministration } from '../../../../mcp-server/contract/outcomes/clockify.ts';
import { actingForCapabilities as offeredActingFor, clockifyCapabilities as offeredOwn } from '../../../../mcp-server/providers/clockify/cells.ts';
import type { ClockifyFacts, TeamRole } from '../../../../mcp-server/providers/clockify/facts.ts';

/** What the cells offer on the person's own key (cells.ts), from what is known of the workspace, the role and what Clockify refused. */
const clockifyCapabilities = (facts?: ClockifyFacts, role?: TeamRole, refused: ReadonlySet<ClockifyAdministration> = new Set(), approvalsRefused = false) =>
  offeredOwn({ facts, role, refused, approvalsRefused });
/** What the cells offer acting for a person with the organisation's key. */
const actingForCapabilities = (role?: TeamRole, facts?: ClockifyFacts, approvalsRefused = false) =>
  offeredActingFor({ facts, role, refused: new Set(), approvalsRefused });

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

const administersOf = (...args: Parameters<typeof clockifyCapabilities>) =>
  [...clockifyCapabilities(...args)].filter((capability) => capability.startsWith('admin_') || capability === 'catalog_write').sort();

describe('what a person administers on Clockify', () => {
  it('is the catalog (its writes and changes), tags, invoices, people, rates, teams and corrections for an admin (the owner counts as one), people alone for a team manager, nothing for anyone else or an unknown role', () => {
    expect(administersOf({ timeOff: true }, 'admin')).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'admin_tags',
      'admin_teams',
      'catalog_write',
    ]);
    expect(administersOf({ timeOff: true }, 'team_manager')).toEqual(['admin_people']);
    for (const role of [undefined, 'member', 'project_manager'] as const) expect(administersOf({ timeOff: true }, role)).toEqual([]);
  });

  it('loses each that Clockify refused, and only that one', () => {
    expect(administersOf(undefined, 'admin', new Set(['tags']))).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'admin_teams',
      'catalog_write',
    ]);
    expect(administersOf(undefined, 'admin', new Set(['rates']))).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_invoices',
      'admin_people',
      'admin_tags',
      'admin_teams',
      'catalog_write',
    ]);
    expect(administersOf(undefined, 'admin', new Set(['catalogChanges']))).toEqual([
      'admin_corrections',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'admin_tags',
      'admin_teams',
      'catalog_write',
    ]);
    expect(administersOf(undefined, 'admin', new Set(['catalog', 'invoices', 'people']))).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_rates',
      'admin_tags',
      'admin_teams',
    ]);
    expect(administersOf(undefined, 'admin', new Set(['teams']))).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'admin_tags',
      'catalog_write',
    ]);
    expect(administersOf(undefined, 'admin', new Set(['corrections']))).toEqual([
      'admin_catalog',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'admin_tags',
      'admin_teams',
      'catalog_write',
    ]);
    expect(administersOf(undefined, 'team_manager', new Set(['people']))).toEqual([]);
  });
});

describe('timesheet approvals on Clockify', () => {
  it("are offered for every role where the workspace's plan lists APPROVAL, not where it does not or is not known, nor after a 403", () => {
    for (const role of [undefined, 'member', 'team_manager', 'admin'] as const) {
      expect(clockifyCapabilities({ approvalInPlan: true }, role).has('approvals'), role).toBe(true);
    }
    expect(clockifyCapabilities({ approvalInPlan: false }, 'admin').has('approvals')).toBe(false);
    expect(clockifyCapabilities({ timeOff: true }, 'admin').has('approvals')).toBe(false);
    expect(clockifyCapabilities({ approvalInPlan: true }, 'admin', new Set(), true).has('approvals')).toBe(false);
  });
});

describe('what the organisation account offers a person on Clockify (actingForCapabilities)', () => {
  const sorted = (...args: Parameters<typeof actingForCapabilities>) => [...actingForCapabilities(...args)].sort();
  const ALWAYS = ['account', 'catalog', 'entries', 'entries_edit', 'reports', 'timer'];

  it('is her own leave unless time off is known off, her approvals where the plan has them, and leave decisions only for a lead', () => {
    expect(sorted('member', { timeOff: true, approvalInPlan: true })).toEqual(
      [...ALWAYS, 'approvals', 'approvals_workflow', 'calendar', 'leave', 'leave_cancel'].sort(),
    );
    expect(sorted('member', { timeOff: false })).toEqual(ALWAYS);
    expect(sorted('team_manager', { timeOff: true })).toEqual(
      [...ALWAYS, 'calendar', 'leave', 'leave_cancel', 'team_hours', 'team_leave', 'team_projects'].sort(),
    );
    expect(sorted('admin', { timeOff: false, approvalInPlan: true })).toEqual(
      [...ALWAYS, 'approvals', 'approvals_workflow', 'team_hours', 'team_projects'].sort(),
    );
    // A project manager's projects are not narrowed; approvals go after a 403; no administration ever.
    expect(sorted('project_manager', { timeOff: true, approvalInPlan: true }, true)).toEqual([...ALWAYS, 'calendar', 'leave', 'leave_cancel'].sort());
  });
});
