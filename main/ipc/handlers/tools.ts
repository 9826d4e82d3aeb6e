// Tools screen: which MCP tools AI clients may use. The switches live in config.json, which the
// engines serving AI clients watch; what the screen shows is computed by the same policy function
// the engine applies, so the two cannot disagree.
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { isToolEnabled } from '../../../mcp-server/contract/tool-policy.ts';
import { aiGate, effectiveProfile, NO_POLICY, organisationRules, type Policy } from '../../../mcp-server/for-the-app.ts';
import { TOOL_CATALOG, TOOL_GROUPS, TOOL_NAMES, type ToolGroup, type ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import { TOOL_CONTRACTS } from '../../../mcp-server/contract/tools/index.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import type { ToolGroupView, ToolsView } from '../../../window-contract/settings.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

export const GROUP_TITLES: Record<ToolGroup, string> = {
  timer: 'Timer',
  entries: 'Time entries',
  reports: 'Reports',
  catalog: 'Projects and activities',
  leave: 'Leave',
  calendar: 'Absence calendar',
  account: 'Account',
  team: 'Your team',
  admin: 'Administration',
  evidence: 'Your day from evidence',
  agents: "AI agents' own time",
  approvals: 'Timesheet approvals',
};

export function toolsView(settings: Settings, supported: ReadonlySet<ToolName>, policy: Policy = NO_POLICY): ToolsView {
  const asWithoutReadOnly: Settings = { ...settings, tools: { ...settings.tools, readOnly: false } };
  const organisation = organisationRules(policy, effectiveProfile(policy, settings.provider));
  const groups: ToolGroupView[] = TOOL_GROUPS.map((group) => {
    const tools = TOOL_NAMES.filter((name) => TOOL_CATALOG[name].group === group).map((name) => {
      const lockedByOrganisation = !organisation.allows(TOOL_CATALOG[name]);
      const switchedOn = !lockedByOrganisation && isToolEnabled(TOOL_CATALOG[name], asWithoutReadOnly, { allTools: false });
      return {
        name,
        title: TOOL_CONTRACTS[name].title,
        description: TOOL_CONTRACTS[name].description,
        access: TOOL_CATALOG[name].access,
        switchedOn,
        // The same function the engine applies, with the same organisation rules.
        enabled: supported.has(name) && isToolEnabled(TOOL_CATALOG[name], settings, { allTools: false, organisation }),
        supported: supported.has(name),
        lockedByOrganisation,
      };
    });
    const on = tools.filter((tool) => tool.switchedOn).length;
    return { group, title: GROUP_TITLES[group], state: on === tools.length ? 'on' : on === 0 ? 'off' : 'some', tools };
  });
  return {
    readOnly: settings.tools.readOnly || policy.readOnly,
    readOnlyLocked: policy.readOnly,
    organisation: aiGate(policy, effectiveProfile(policy, settings.provider)),
    groups,
  };
}

/** What the window says when a switch would widen what the organisation allows; nothing is written. */
export const SET_BY_ORGANISATION = 'Set by your organisation: its policy does not let AI clients have this, so the switch stays off.';

export function toolHandlers(
  deps: Pick<HandlerDeps, 'settings' | 'timesheet' | 'policy'>,
): Pick<Handlers, 'getTools' | 'setToolGroup' | 'setTool' | 'setReadOnly'> {
  const policy = () => deps.policy?.() ?? NO_POLICY;
  const view = async (settings: Settings) => toolsView(settings, await deps.timesheet.supportedTools(), policy());
  // Switching on what the policy denies would write a setting that can never take effect.
  const refuseLocked = (names: readonly ToolName[]) => {
    const rules = organisationRules(policy(), effectiveProfile(policy(), deps.settings.read().provider));
    if (names.some((name) => !rules.allows(TOOL_CATALOG[name]))) throw new UserFacingError(SET_BY_ORGANISATION);
  };
  return {
    getTools: () => view(deps.settings.read()),
    // A group switch is an explicit choice for each of its tools: per-tool switches of the group
    // are cleared so the group's state is what the person sees afterwards.
    setToolGroup: ({ group, enabled }) => {
      if (enabled) refuseLocked(TOOL_NAMES.filter((name) => TOOL_CATALOG[name].group === group));
      return view(
        deps.settings.update((settings) => {
          const perTool = Object.fromEntries(Object.entries(settings.tools.enabled).filter(([name]) => TOOL_CATALOG[name as ToolName].group !== group));
          return { ...settings, tools: { ...settings.tools, groups: { ...settings.tools.groups, [group]: enabled }, enabled: perTool } };
        }),
      );
    },
    setTool: ({ name, enabled }) => {
      if (enabled) refuseLocked([name]);
      return view(deps.settings.update((settings) => ({ ...settings, tools: { ...settings.tools, enabled: { ...settings.tools.enabled, [name]: enabled } } })));
    },
    setReadOnly: ({ readOnly }) => {
      if (!readOnly && policy().readOnly) throw new UserFacingError('Set by your organisation: read-only mode stays on for AI clients.');
      return view(deps.settings.update((settings) => ({ ...settings, tools: { ...settings.tools, readOnly } })));
    },
  };
}
