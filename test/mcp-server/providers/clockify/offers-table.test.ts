// The cells' offers (cells.ts) against the two functions of the old capabilities.ts, over every combination of what
// decides them: the same capabilities, for the person's own key and for the organisation's.
import { describe, expect, it } from 'vitest';
import type { ClockifyAdministration } from '../../../../mcp-server/contract/outcomes/clockify.ts';
import { actingForCapabilities as oldActing, clockifyCapabilities as oldOwn, type TeamRole } from '../../../../mcp-server/providers/clockify/capabilities.ts';
import { actingForCapabilities, clockifyCapabilities } from '../../../../mcp-server/providers/clockify/cells.ts';
import type { ClockifyFacts } from '../../../../mcp-server/providers/clockify/facts.ts';

const KINDS: ClockifyAdministration[] = ['catalog', 'tags', 'invoices', 'people', 'rates', 'catalogChanges', 'teams', 'corrections'];
const ROLES: Array<TeamRole | undefined> = [undefined, 'admin', 'team_manager', 'project_manager', 'member'];
const FACTS: Array<ClockifyFacts | undefined> = [undefined, {}];
for (const timeOff of [undefined, true, false])
  for (const approvalInPlan of [undefined, true, false])
    FACTS.push({ ...(timeOff === undefined ? {} : { timeOff }), ...(approvalInPlan === undefined ? {} : { approvalInPlan }) });
const SUBSETS = Array.from({ length: 1 << KINDS.length }, (_, mask) => new Set(KINDS.filter((_, bit) => (mask >> bit) & 1)));
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe("the cells' offers are the old capabilities", () => {
  it('for every facts, role, refusal and approvals refusal, on the own key and acting for a person', () => {
    let compared = 0;
    for (const facts of FACTS)
      for (const role of ROLES)
        for (const approvalsRefused of [false, true])
          for (const refused of SUBSETS) {
            const known = { facts, role, refused, approvalsRefused };
            expect(sorted(clockifyCapabilities(known)), JSON.stringify({ facts, role, refused: [...refused], approvalsRefused })).toEqual(
              sorted(oldOwn(facts, role, refused, approvalsRefused)),
            );
            expect(sorted(actingForCapabilities(known))).toEqual(sorted(oldActing(role, facts, approvalsRefused)));
            compared++;
          }
    expect(compared).toBe(FACTS.length * ROLES.length * 2 * 256);
  });
});
