// What each Harvest role is offered (providers/harvest/rights.ts, cells.ts): read from the role remembered, never
// assumed where none was read, and a capability Harvest refused under the role withdrawn until another is learned.
import { describe, expect, it } from 'vitest';
import { harvestCapabilities } from '../../../../mcp-server/providers/harvest/cells.ts';
import type { HarvestFacts } from '../../../../mcp-server/providers/harvest/facts.ts';
import { roleName, rightsOf } from '../../../../mcp-server/providers/harvest/rights.ts';

const EVERYDAY = ['account', 'catalog', 'entries', 'entries_edit', 'reports', 'timer'];
const offered = (role: string | undefined, more: Partial<HarvestFacts> = {}) =>
  [...harvestCapabilities({ ...(role === undefined ? {} : { role, roleOf: '1', roleCheckedAt: '2026-11-18T09:00:00Z' }), ...more })]
    .filter((capability) => !EVERYDAY.includes(capability))
    .sort();

describe("Harvest's roles", () => {
  it('offers nothing of the role where none was read, nor to a member', () => {
    expect(offered(undefined)).toEqual([]);
    expect(offered('member')).toEqual([]);
  });

  it('offers an administrator the team, the administration and the approvals list, never the workflow', () => {
    expect(offered('administrator')).toEqual([
      'admin_catalog',
      'admin_invoices',
      'admin_people',
      'admin_rates',
      'approvals',
      'catalog_write',
      'team_hours',
      'team_projects',
    ]);
  });

  it('offers a manager what her permissions, teammates and managed projects allow, each alone', () => {
    expect(offered('manager')).toEqual([]);
    expect(offered('manager people_manager')).toEqual(['admin_people', 'approvals', 'team_hours']);
    expect(offered('manager project_manager')).toEqual(['approvals', 'team_projects']);
    expect(offered('billable_rates_manager manager people_manager')).toEqual(['admin_people', 'admin_rates', 'approvals', 'team_hours']);
    expect(offered('manager project_creator')).toEqual(['admin_catalog', 'catalog_write']);
    expect(offered('client_and_task_manager manager')).toEqual(['admin_catalog', 'catalog_write']);
    expect(offered('managed_projects_invoice_drafter manager project_manager')).toEqual(['admin_invoices', 'approvals', 'team_projects']);
    // An invoice permission without a managed project shows nothing.
    expect(offered('managed_projects_invoice_manager manager')).toEqual([]);
  });

  it("follows the company's modules and withdraws what Harvest refused under the role", () => {
    expect(offered('administrator', { approvals: false, invoices: false })).not.toContain('approvals');
    expect(offered('administrator', { invoices: false })).not.toContain('admin_invoices');
    expect(offered('administrator', { refused: ['admin_rates'] })).not.toContain('admin_rates');
  });

  it("names the role in Harvest's words, a manager's permissions beside it", () => {
    expect(roleName(rightsOf(['manager', 'project_creator', 'people_manager', 'project_manager']))).toBe('manager (people_manager, project_creator)');
    expect(roleName(rightsOf(['administrator', 'project_creator']))).toBe('administrator');
  });
});
