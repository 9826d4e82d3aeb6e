// A back end's own reasons for the tools it never offers (its descriptor's `withheld`, contract/back-end-descriptor.ts):
// named by what it lacks, a capability or a tool group, never by tool, so the engine finds every tool a reason covers,
// one added later too, and the words name no tool (a person reads them).
import { describe, expect, it } from 'vitest';
import { type WithheldReasons, withheldReason } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { BACK_ENDS } from '../../../mcp-server/contract/back-ends.ts';
import { HARVEST } from '../../../mcp-server/contract/back-ends/harvest.ts';
import { TOGGL } from '../../../mcp-server/contract/back-ends/toggl.ts';
import { TOOL_GROUPS } from '../../../mcp-server/contract/tool-groups.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tools/index.ts';
import { CAPABILITIES } from '../../../mcp-server/contract/vocabulary.ts';

const reasonsOf = (backEnd: (typeof BACK_ENDS)[number]): WithheldReasons | undefined => ('withheld' in backEnd ? backEnd.withheld : undefined);

describe("a back end's reasons for the tools it never offers", () => {
  it('are named by a capability or a tool group, never by a tool', () => {
    for (const backEnd of BACK_ENDS) {
      const reasons = reasonsOf(backEnd);
      if (reasons === undefined) continue;
      expect(
        Object.keys(reasons).filter((key) => key !== 'capabilities' && key !== 'groups'),
        backEnd.type,
      ).toEqual([]);
      expect(
        Object.keys(reasons.capabilities ?? {}).filter((key) => !(CAPABILITIES as readonly string[]).includes(key)),
        backEnd.type,
      ).toEqual([]);
      expect(
        Object.keys(reasons.groups ?? {}).filter((key) => !(TOOL_GROUPS as readonly string[]).includes(key)),
        backEnd.type,
      ).toEqual([]);
      const said = [...Object.values(reasons.capabilities ?? {}), ...Object.values(reasons.groups ?? {})].join('\n');
      expect(
        TOOL_NAMES.filter((name) => said.includes(name)),
        backEnd.type,
      ).toEqual([]);
    }
  });

  it('reach every tool that needs the capability, one added later too', () => {
    for (const backEnd of [TOGGL, HARVEST]) {
      const breaks = TOOL_NAMES.filter((name) => TOOL_CATALOG[name].capability === 'breaks');
      expect(breaks.length).toBeGreaterThan(0);
      for (const name of breaks) expect(withheldReason(backEnd.withheld, TOOL_CATALOG[name]), name).toMatch(/ has no breaks: stop the timer for a break/);
      const later = { name: 'resume_break', capability: 'breaks', group: 'timer' } as const;
      expect(withheldReason(backEnd.withheld, later)).toBe(withheldReason(backEnd.withheld, TOOL_CATALOG.start_break));
    }
  });

  it("say a capability's reason before the group's, and the group's for the rest of it", () => {
    const reasons: WithheldReasons = { capabilities: { breaks: 'no breaks' }, groups: { timer: 'no timer' } };
    expect(withheldReason(reasons, { capability: 'breaks', group: 'timer' })).toBe('no breaks');
    expect(withheldReason(reasons, { capability: 'timer', group: 'timer' })).toBe('no timer');
    expect(withheldReason(reasons, { capability: 'leave', group: 'leave' })).toBeUndefined();
    expect(withheldReason(undefined, { capability: 'breaks', group: 'timer' })).toBeUndefined();
  });
});
