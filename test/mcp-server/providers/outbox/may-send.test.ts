// Whether a kept write may still go out: judged by who kept it (the app's own engine, or any other),
// against the settings and the organisation's policy as they are when it is sent.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../mcp-server/contract/default-settings.ts';
import type { Settings } from '../../../../mcp-server/contract/settings.ts';
import { keptWriteRefusal } from '../../../../mcp-server/providers/outbox/may-send.ts';

const settings = (tools: Partial<Settings['tools']>): Settings => ({ ...defaultSettings(), tools: { ...defaultSettings().tools, ...tools } });
const allowsAll = { whoamiOnly: false, allows: () => true };
const OFF = "log_time is switched off now (the read-only switch, the tool switches or your organisation's policy).";

describe('keptWriteRefusal', () => {
  it("sends an AI client's write only while the switches and the policy AI clients have now allow it", () => {
    expect(keptWriteRefusal('log_time', 'ai', settings({}), allowsAll)).toBeNull();
    expect(keptWriteRefusal('log_time', 'ai', settings({ readOnly: true }), allowsAll)).toBe(OFF);
    expect(keptWriteRefusal('log_time', 'ai', settings({ enabled: { log_time: false } }), allowsAll)).toBe(OFF);
    expect(keptWriteRefusal('log_time', 'ai', settings({}), { whoamiOnly: false, allows: (tool) => tool.name !== 'log_time' })).toBe(OFF);
    expect(keptWriteRefusal('log_time', 'ai', settings({}), { whoamiOnly: true, allows: () => true })).toBe(OFF);
  });

  it("sends the app's own write as the tray would, whichever engine sends it", () => {
    expect(
      keptWriteRefusal('clock_in', 'app', settings({ readOnly: true, enabled: { clock_in: false } }), { whoamiOnly: true, allows: () => false }),
    ).toBeNull();
  });
});
