import { describe, expect, it } from 'vitest';
import { type Settings } from '../../../mcp-server/contract/settings.ts';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { isToolEnabled, whySwitchedOff } from '../../../mcp-server/contract/tool-policy.ts';

const enabledNames = (settings: Settings, allTools = false) => TOOL_NAMES.filter((name) => isToolEnabled(TOOL_CATALOG[name], settings, { allTools }));

describe('tool policy', () => {
  it('turns on reading and creating tools in a fresh settings file, and leaves changing ones off', () => {
    const enabled = enabledNames(defaultSettings());
    expect(enabled).toContain('clock_in');
    expect(enabled).toContain('log_time');
    for (const name of ['update_time_entry', 'delete_time_entry', 'cancel_leave_request', 'archive_catalog_item'] as const) {
      expect(enabled).not.toContain(name);
    }
  });

  it('lets a tool switch win over its group switch', () => {
    const settings = defaultSettings();
    settings.tools.groups.entries = false;
    settings.tools.enabled.log_time = true;
    const enabled = enabledNames(settings);
    expect(enabled).toContain('log_time');
    expect(enabled).not.toContain('list_time_entries');
  });

  it('read-only mode hides everything that writes, whatever the switches say', () => {
    const settings = defaultSettings();
    settings.tools.readOnly = true;
    settings.tools.enabled.delete_time_entry = true;
    expect(enabledNames(settings).every((name) => TOOL_CATALOG[name].access === 'read')).toBe(true);
    expect(enabledNames(settings)).toContain('timer_status');
  });

  it("offers the evidence tools where a source is named, or where the host reads one itself (the team server's company calendar)", () => {
    const settings = defaultSettings();
    expect(whySwitchedOff(TOOL_CATALOG.suggest_entries, settings, { allTools: false })).toBe('no_evidence_source');
    expect(whySwitchedOff(TOOL_CATALOG.suggest_entries, settings, { allTools: false, hostedEvidence: [] })).toBe('no_evidence_source');
    expect(whySwitchedOff(TOOL_CATALOG.suggest_entries, settings, { allTools: false, hostedEvidence: ['calendar'] })).toBeNull();
    expect(whySwitchedOff(TOOL_CATALOG.book_suggested_entries, settings, { allTools: false, hostedEvidence: ['calendar'] })).toBeNull();
    // A hosted source offers nothing the settings or the read-only switch keep.
    settings.tools.readOnly = true;
    expect(whySwitchedOff(TOOL_CATALOG.book_suggested_entries, settings, { allTools: false, hostedEvidence: ['calendar'] })).toBe('read_only');
  });

  it('gives the app its every tool', () => {
    const settings = defaultSettings();
    settings.tools.readOnly = true;
    expect(enabledNames(settings, true)).toEqual(TOOL_NAMES);
  });
});
