import { describe, expect, it, vi } from 'vitest';
import { timerCall } from '../../../main/tray/timer-call.ts';
import type { StatusView } from '../../../window-contract/status.ts';

function calls() {
  const status = {} as StatusView;
  return {
    clockIn: vi.fn(async () => status),
    clockOut: vi.fn(async () => status),
    startBreak: vi.fn(async () => status),
    endBreak: vi.fn(async () => status),
    answerIdle: vi.fn(async () => status),
  };
}

describe('timerCall', () => {
  it('clocks in with only the fields the action names', async () => {
    const engine = calls();
    await timerCall({ kind: 'clockIn' }, engine)?.();
    await timerCall({ kind: 'clockIn', project: 'Website', activity: 'Design' }, engine)?.();
    expect(engine.clockIn.mock.calls).toEqual([[{}], [{ project: 'Website', activity: 'Design' }]]);
  });

  it('starts a break of the default type without an argument, else of the type named', async () => {
    const engine = calls();
    await timerCall({ kind: 'startBreak' }, engine)?.();
    await timerCall({ kind: 'startBreak', type: 'Lunch' }, engine)?.();
    expect(engine.startBreak.mock.calls).toEqual([[], ['Lunch']]);
  });

  it('clocks out, ends a break and answers the idle question', async () => {
    const engine = calls();
    await timerCall({ kind: 'clockOut' }, engine)?.();
    await timerCall({ kind: 'endBreak' }, engine)?.();
    await timerCall({ kind: 'answerIdle', id: 3, answer: 'keep' }, engine)?.();
    expect(engine.clockOut).toHaveBeenCalledOnce();
    expect(engine.endBreak).toHaveBeenCalledOnce();
    expect(engine.answerIdle.mock.calls).toEqual([[3, 'keep']]);
  });

  it('has no call for an idle answer nobody takes, nor for the actions that leave the timer alone', () => {
    const { answerIdle: _, ...engine } = calls();
    expect(timerCall({ kind: 'answerIdle', id: 3, answer: 'keep' }, engine)).toBeNull();
    for (const action of [
      { kind: 'open', screen: 'status' },
      { kind: 'registerClient', id: 'claude-desktop' },
      { kind: 'checkUpdates' },
      { kind: 'quit' },
    ] as const)
      expect(timerCall(action, calls())).toBeNull();
  });
});
