// The opening of a stdio connection (stdio/serve.ts) and the engine decide tools/list with the same
// functions: these are what both apply to the start's flags and the organisation's policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { TOOL_CATALOG } from '../../../mcp-server/contract/tool-catalog.ts';
import { loadPolicy, NO_POLICY } from '../../../mcp-server/policy/policy.ts';
import { isToolOffered, toolOptionsFor, whyNotOffered } from '../../../mcp-server/tools/offer.ts';
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import type { ToolPolicyOptions } from '../../../mcp-server/contract/tool-policy.ts';
import { TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { kimaiActingCapabilities } from '../../../mcp-server/providers/kimai/cells.ts';
import { modelText, peopleText } from '../../../mcp-server/contract/outcomes/sentence.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function policyOf(content: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-offer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(content));
  return loadPolicy([join(dir, 'policy.json')]);
}
const LOCAL = { type: 'local' } as const;
const EVERY_CAPABILITY = new Set(Object.values(TOOL_CATALOG).map((tool) => tool.capability));

describe('toolOptionsFor', () => {
  it('lets --all-tools see every tool while no policy exists', () => {
    expect(toolOptionsFor({ allTools: true, appEngine: false }, NO_POLICY, LOCAL).allTools).toBe(true);
    expect(toolOptionsFor({ allTools: false, appEngine: true }, NO_POLICY, LOCAL).allTools).toBe(false);
  });

  it("keeps an AI client's --all-tools from getting past a policy, and lets the app's own engine past it", async () => {
    const policy = await policyOf({ schemaVersion: 1, ai: { deniedTools: ['delete_time_entry'] } });
    const asClient = toolOptionsFor({ allTools: true, appEngine: false }, policy, LOCAL);
    const asApp = toolOptionsFor({ allTools: true, appEngine: true }, policy, LOCAL);
    expect(asClient.allTools).toBe(false);
    expect(asApp.allTools).toBe(true);
    const settings = { ...defaultSettings(), tools: { ...defaultSettings().tools, enabled: { delete_time_entry: true } } };
    expect(isToolOffered(TOOL_CATALOG.delete_time_entry, EVERY_CAPABILITY, settings, asClient)).toBe(false);
    expect(isToolOffered(TOOL_CATALOG.delete_time_entry, EVERY_CAPABILITY, settings, asApp)).toBe(true);
    expect(isToolOffered(TOOL_CATALOG.log_time, EVERY_CAPABILITY, settings, asClient)).toBe(true);
  });
});

describe('whyNotOffered: why a tool a client calls by name is not offered', () => {
  const ACCOUNT_AND_ENTRIES: ReadonlySet<Capability> = new Set(['account', 'entries', 'timer', 'reports', 'catalog']);
  const everything = (): Settings => {
    const settings = defaultSettings();
    for (const name of TOOL_NAMES) settings.tools.enabled[name] = true;
    return settings;
  };
  const open: ToolPolicyOptions = { allTools: false };

  it('says the back end lacks it, or the organisation account does where the team server acts for the person with one', () => {
    expect(whyNotOffered(TOOL_CATALOG.request_leave, ACCOUNT_AND_ENTRIES, everything(), open, false)).toBe('back_end');
    expect(whyNotOffered(TOOL_CATALOG.request_leave, ACCOUNT_AND_ENTRIES, everything(), open, true)).toBe('organisation_account');
    expect(whyNotOffered(TOOL_CATALOG.log_time, ACCOUNT_AND_ENTRIES, everything(), open, true)).toBeNull();
  });

  it("names the switch that keeps it: the settings, read-only, no evidence source, the organisation's policy", async () => {
    const off = everything();
    off.tools.enabled.log_time = false;
    expect(whyNotOffered(TOOL_CATALOG.log_time, EVERY_CAPABILITY, off, open, false)).toBe('settings');
    const readOnly = everything();
    readOnly.tools.readOnly = true;
    expect(whyNotOffered(TOOL_CATALOG.log_time, EVERY_CAPABILITY, readOnly, open, false)).toBe('read_only');
    expect(whyNotOffered(TOOL_CATALOG.list_time_entries, EVERY_CAPABILITY, readOnly, open, false)).toBeNull();
    expect(whyNotOffered(TOOL_CATALOG.suggest_entries, EVERY_CAPABILITY, everything(), open, false)).toBe('no_evidence_source');
    const denying = await policyOf({ schemaVersion: 1, ai: { deniedTools: ['log_time'] } });
    expect(
      whyNotOffered(TOOL_CATALOG.log_time, EVERY_CAPABILITY, everything(), toolOptionsFor({ allTools: false, appEngine: false }, denying, LOCAL), false),
    ).toBe('policy');
  });

  it('puts a policy that leaves only whoami before the back end, and the back end before a switch the person could turn', async () => {
    const gate = toolOptionsFor({ allTools: false, appEngine: false }, await policyOf({ schemaVersion: 1, ai: { enabled: false } }), LOCAL);
    expect(whyNotOffered(TOOL_CATALOG.request_leave, ACCOUNT_AND_ENTRIES, everything(), gate, true)).toBe('policy_whoami_only');
    expect(whyNotOffered(TOOL_CATALOG.whoami, ACCOUNT_AND_ENTRIES, everything(), gate, true)).toBeNull();
    const off = everything();
    off.tools.enabled.request_leave = false;
    expect(whyNotOffered(TOOL_CATALOG.request_leave, ACCOUNT_AND_ENTRIES, off, open, true)).toBe('organisation_account');
  });

  it('is null exactly where isToolOffered is true, for every tool under every combination', async () => {
    const denying = await policyOf({ schemaVersion: 1, ai: { deniedGroups: ['leave'] } });
    const gate = await policyOf({ schemaVersion: 1, ai: { enabled: false } });
    const settingsCases: Settings[] = [defaultSettings(), everything(), { ...everything(), tools: { ...everything().tools, readOnly: true } }];
    const optionCases: ToolPolicyOptions[] = [
      open,
      { allTools: true },
      toolOptionsFor({ allTools: false, appEngine: false }, denying, LOCAL),
      toolOptionsFor({ allTools: false, appEngine: false }, gate, LOCAL),
    ];
    for (const capabilities of [EVERY_CAPABILITY, ACCOUNT_AND_ENTRIES])
      for (const settings of settingsCases)
        for (const options of optionCases)
          for (const organisation of [false, true])
            for (const name of TOOL_NAMES) {
              const tool = TOOL_CATALOG[name];
              expect(whyNotOffered(tool, capabilities, settings, options, organisation) === null, name).toBe(
                isToolOffered(tool, capabilities, settings, options),
              );
            }
  });

  it('offers a Kimai team lead who leads a team the leave decisions under the organisation account, and nobody else (issue 83)', () => {
    const teamOn = everything();
    const offered = (facts: Parameters<typeof kimaiActingCapabilities>[0]) =>
      (['list_pending_leave', 'decide_leave_request'] as const).map((name) =>
        whyNotOffered(TOOL_CATALOG[name], kimaiActingCapabilities(facts), teamOn, open, true),
      );
    expect(offered({ role: 'ROLE_TEAMLEAD', leads: true, absences: true, approvals: false })).toEqual([null, null]);
    // A plain user, an administrator (whom the account is not narrowed to reach everyone for), a lead of no team, or a
    // Kimai without the absence plugin: withheld, said as the organisation account's.
    for (const facts of [
      { role: 'ROLE_USER', leads: false, absences: true },
      { role: 'ROLE_ADMIN', leads: true, absences: true },
      { role: 'ROLE_TEAMLEAD', leads: false, absences: true },
      { role: 'ROLE_TEAMLEAD', leads: true, absences: false },
    ] as const)
      expect(offered({ ...facts, approvals: false }), JSON.stringify(facts)).toEqual(['organisation_account', 'organisation_account']);
  });

  it('words each reason for the model with the tool as called, and for a person without tool names', () => {
    const said = (why: Parameters<typeof refusalSentence>[0] & { code: 'tool_withheld' }) => refusalSentence(why);
    const organisation = said({ code: 'tool_withheld', facts: { tool: 'request_leave', why: 'organisation_account', back_end: 'Kimai' } });
    expect(modelText(organisation)).toBe(
      "This server acts for you through your company's Kimai account, and through it request_leave is not yours: Kimai may not have it, your own role there may not reach it (a team's tools are for those who lead people in Kimai), or it cannot be narrowed to you alone. Where Kimai gives it to you, use its own pages, signed in as yourself. Nothing was sent.",
    );
    expect(peopleText(organisation)).not.toContain('request_leave');
    const backEnd = said({ code: 'tool_withheld', facts: { tool: 'submit_timesheet', why: 'back_end', back_end: 'Clockodo (ada@example.com)' } });
    expect(modelText(backEnd)).toBe(
      'Clockodo (ada@example.com) does not offer submit_timesheet to your account through Punchcard: the back end has no such feature, or your role there does not reach it. Nothing was done.',
    );
    // A back end's own reason, where its descriptor gives one (Toggl's approvals), instead of the generic words.
    const reason = "Toggl's timesheet approvals are a Premium feature, which Punchcard does not serve yet on any plan";
    const reasoned = said({ code: 'tool_withheld', facts: { tool: 'submit_timesheet', why: 'back_end', back_end: 'Toggl Track', reason } });
    expect(modelText(reasoned)).toBe(`Toggl Track does not offer submit_timesheet through Punchcard: ${reason}. Nothing was done.`);
    expect(peopleText(reasoned)).toBe(`Toggl Track does not offer this through Punchcard: ${reason}. Nothing was done.`);
    for (const why of ['no_evidence_source', 'policy_whoami_only', 'policy', 'read_only', 'settings'] as const) {
      const words = modelText(said({ code: 'tool_withheld', facts: { tool: 'log_time', why, back_end: 'Kimai' } }));
      expect(words).toContain('log_time');
      expect(words).not.toMatch(/disabled/);
    }
  });
});
