// The window's side of the bridge (renderer/src/bridge.ts), in Node: the preload resolves every call
// with its envelope, plain data the context bridge copies whole, and the window turns a failure back
// into a rejection that keeps the engine's refusal, which a form reads (renderer/src/problems.ts).
import { beforeAll, expect, it } from 'vitest';
import type * as BridgeModule from '../../renderer/src/bridge.ts';
import { refusalOf } from '../../mcp-server/contract/outcomes/refusals.ts';

const refusal = refusalOf('timer_starts_before_running');
const calls: unknown[] = [];
let bridge: typeof BridgeModule;
beforeAll(async () => {
  const punchcard = {
    getStatus: async () => ({ ok: true, value: 'status' }),
    clockIn: async (request: unknown) => {
      calls.push(request);
      return { ok: false, message: 'The new timer would start before the running one did.', refusal };
    },
    clockOut: async () => ({ ok: false, message: 'Main could not do that.' }),
    on: () => () => {},
  };
  Object.assign(globalThis, { window: { punchcard } });
  bridge = await import('../../renderer/src/bridge.ts');
});

it('resolves with the answer of an envelope that is ok', async () => {
  await expect(bridge.api.getStatus()).resolves.toBe('status');
});

it('rejects a failure with its sentence, keeping the refusal the engine gave as data', async () => {
  const failed = await bridge.api.clockIn({ project: 'Website', start: '12:00' }).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(bridge.RefusedError);
  expect(bridge.errorMessage(failed)).toBe('The new timer would start before the running one did.');
  expect(bridge.refusalCarriedBy(failed)).toEqual(refusal);
  expect(calls).toEqual([{ project: 'Website', start: '12:00' }]);
});

it('carries no refusal where main failed without one, nor for an error that is not a call’s', async () => {
  const failed = await bridge.api.clockOut().catch((error: unknown) => error);
  expect(bridge.errorMessage(failed)).toBe('Main could not do that.');
  expect(bridge.refusalCarriedBy(failed)).toBeUndefined();
  expect(bridge.refusalCarriedBy(new Error('The test bridge did not answer.'))).toBeUndefined();
});

it('gives the same function for a name each time it is read', () => {
  expect(bridge.api.clockIn).toBe(bridge.api.clockIn);
});
