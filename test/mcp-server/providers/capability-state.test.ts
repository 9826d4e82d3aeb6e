// The engine hears of a change of what a back end offers once per change, and never of a non-change.
import { describe, expect, it } from 'vitest';
import { CapabilityState } from '../../../mcp-server/providers/capability-state.ts';
import type { Capability } from '../../../mcp-server/providers/time-tracker.ts';

describe('CapabilityState', () => {
  it('tells its listeners when the set changes, not when the same set comes again in another order', () => {
    const state = new CapabilityState(new Set<Capability>(['account', 'timer']));
    let heard = 0;
    const stop = state.subscribe(() => heard++);
    expect(state.set(new Set<Capability>(['timer', 'account']))).toBe(false);
    expect(state.set(new Set<Capability>(['account', 'timer', 'leave']))).toBe(true);
    expect(state.current.has('leave')).toBe(true);
    expect(state.set(new Set<Capability>(['account', 'leave', 'calendar']))).toBe(true);
    expect(heard).toBe(2);
    stop();
    state.set(new Set<Capability>(['account']));
    expect(heard).toBe(2);
  });
});
