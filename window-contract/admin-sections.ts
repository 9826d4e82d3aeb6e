// The Administration screen's sections, in the order it shows them, and the engine's tools each one
// calls: the one place a section is listed. A section is offered exactly when the engine offers the
// person every tool it calls, and the engine offers a tool only where the back end gave the person the
// capability that tool's contract names (mcp-server/contract/tools/), so each section follows what the
// back end said this person may do, never an assumption of the window's. A new section is a line here
// and a component in renderer/src/screens/admin/ (the renderer's table of them must name every section).
import { TOOL_CATALOG, type ToolName } from '../mcp-server/contract/tool-catalog.ts';

export const ADMIN_SECTION_TOOLS = {
  /** Customers, projects and activities: listed, added, archived and restored (capability `catalog_write`). */
  catalog: ['list_catalog', 'create_catalog_item', 'archive_catalog_item'],
  /** The tag list: listed and added (`admin_tags`). */
  tags: ['manage_tags'],
  /** Invoices, read-only, in pages (`admin_invoices`). */
  invoices: ['list_invoices'],
  /** People: listed in pages, invited, changed, deactivated and reactivated (`admin_people`). */
  people: ['manage_people'],
  /** Bulk corrections of time entries: the tool's preview first, then the change with its count (`admin_corrections`). */
  corrections: ['correct_time_entries'],
  /** Teams: listed, one shown with its members and leads, created, renamed, members added and removed, a lead made, deleted (`admin_teams`). */
  teams: ['manage_teams'],
  /** Rates of a customer, project or activity, picked from the whole catalog: listed, set and removed (`admin_rates`). */
  rates: ['list_catalog', 'manage_rates'],
} as const satisfies Record<string, readonly ToolName[]>;

export type AdminSection = keyof typeof ADMIN_SECTION_TOOLS;
export const ADMIN_SECTIONS = Object.keys(ADMIN_SECTION_TOOLS) as AdminSection[];

/**
 * The sections the engine offers the person, in order; none unless one of them calls a tool of the
 * admin group. Anyone who may add to the catalog (on Kimai, every user) is no administrator for that:
 * the screen is for a person the back end says administers something (docs/decisions.md, "The admin
 * group"), and the catalog is one section of it then.
 */
export function adminSectionsOffered(supported: ReadonlySet<string>): AdminSection[] {
  const offered = ADMIN_SECTIONS.filter((section) => ADMIN_SECTION_TOOLS[section].every((tool) => supported.has(tool)));
  const administers = offered.some((section) => ADMIN_SECTION_TOOLS[section].some((tool) => TOOL_CATALOG[tool].group === 'admin'));
  return administers ? offered : [];
}
