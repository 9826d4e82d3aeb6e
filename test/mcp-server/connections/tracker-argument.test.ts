// The `tracker` argument's pure parts (mcp-server/engine/connections/tracker-argument.ts): how a listed tool gains
// it, how a call's arguments give it up, and how much the instructions grow for it.
import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../mcp-server/engine/connections/connection-view.ts';
import {
  connectionsInstructions,
  MAX_INSTRUCTIONS_ADDED,
  splitTrackerArgument,
  withTrackerArgument,
} from '../../../mcp-server/engine/connections/tracker-argument.ts';

const views = (names: readonly string[]) => names.map((name, index) => ({ name, isDefault: index === 0 }) as ConnectionView);

describe('the tracker argument', () => {
  it('adds 28 characters to a tool with properties, 43 to one without, and is never required', () => {
    const withProperties = { name: 'log_time', inputSchema: { type: 'object', properties: { date: { type: 'string' } }, additionalProperties: false } };
    const without = { name: 'whoami', inputSchema: { type: 'object', additionalProperties: false } };
    expect(JSON.stringify(withTrackerArgument(withProperties)).length - JSON.stringify(withProperties).length).toBe(28);
    expect(JSON.stringify(withTrackerArgument(without)).length - JSON.stringify(without).length).toBe(43);
    expect(withTrackerArgument(withProperties).inputSchema).not.toHaveProperty('required');
  });

  it('takes tracker off the arguments; a tracker that is no text is a problem with the input', () => {
    expect(splitTrackerArgument({ date: 'today', tracker: 'beta' })).toEqual({ rest: { date: 'today' }, tracker: 'beta' });
    expect(splitTrackerArgument({ date: 'today' })).toEqual({ rest: { date: 'today' }, tracker: undefined });
    expect(splitTrackerArgument({ tracker: 5 })).toEqual({ problem: { path: 'tracker', message: 'Invalid input: expected string, received number' } });
  });

  it('names every connection and the default in the instructions, within 300 characters even for eight long names', () => {
    expect(connectionsInstructions(null)).toBe('');
    expect(connectionsInstructions(views(['acme', 'beta']))).toContain('Trackers: acme (default), beta.');
    const longest = views(Array.from({ length: 8 }, (_, index) => `tracker-${index}-abcdefghijklmn`));
    const said = connectionsInstructions(longest);
    expect(said.length).toBeLessThanOrEqual(MAX_INSTRUCTIONS_ADDED);
    for (const view of longest) expect(said).toContain(view.name);
  });
});
