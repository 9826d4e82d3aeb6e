import { describe, expect, it } from 'vitest';
import { buildBridge } from '../../../main/ipc/bridge.ts';
import { CHANNEL_NAMES, channelOf, eventChannelOf } from '../../../window-contract/channels.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { createDispatch, UserFacingError } from '../../../main/ipc/dispatch.ts';
import { isTrustedSender } from '../../../main/ipc/sender.ts';
import { EngineError } from '../../../main/engine/engine-error.ts';
import { refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const missing = () => Promise.reject(new Error('not part of this test'));
  return { ...Object.fromEntries(CHANNEL_NAMES.map((name) => [name, missing])), ...overrides } as Handlers;
}

describe('dispatch', () => {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);

  it('refuses channels the contract does not have, including inherited names', async () => {
    const dispatch = createDispatch(handlersWith({}), log);
    expect(await dispatch('deleteEverything', undefined)).toEqual({ ok: false, message: 'Unknown request "deleteEverything".' });
    expect(await dispatch('toString', undefined)).toMatchObject({ ok: false, message: 'Unknown request "toString".' });
    expect(await dispatch('__proto__', undefined)).toMatchObject({ ok: false });
  });

  it('validates payloads before a handler sees them, naming the field', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatch(
      handlersWith({
        setTool: async (request) => {
          seen.push(request);
          return { readOnly: false, readOnlyLocked: false, organisation: null, groups: [] };
        },
      }),
      log,
    );
    expect(await dispatch('setTool', { name: 'rm_rf', enabled: true })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid request: name: /),
    });
    expect(await dispatch('setTool', { name: 'clock_in', enabled: 'yes' })).toMatchObject({ ok: false, message: expect.stringContaining('enabled') });
    expect(await dispatch('setTool', { name: 'clock_in', enabled: true, extra: 1 })).toMatchObject({ ok: false });
    expect(await dispatch('getStatus', { sneaky: true })).toMatchObject({ ok: false });
    expect(seen).toEqual([]);
    expect(await dispatch('setTool', { name: 'clock_in', enabled: false })).toEqual({
      ok: true,
      value: { readOnly: false, readOnlyLocked: false, organisation: null, groups: [] },
    });
    expect(seen).toEqual([{ name: 'clock_in', enabled: false }]);
  });

  it('passes our own errors through as they are and hides bugs behind a short message in the log', async () => {
    const dispatch = createDispatch(
      handlersWith({
        getTools: () => Promise.reject(new UserFacingError('Config has an error on line 3.')),
        getStatus: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')")),
      }),
      log,
    );
    expect(await dispatch('getTools', undefined)).toEqual({ ok: false, message: 'Config has an error on line 3.' });
    const bug = await dispatch('getStatus', undefined);
    expect(bug).toMatchObject({ ok: false, message: expect.stringMatching(/^Punchcard could not do that .*details are in the log/) });
    expect(logs.some((line) => line.startsWith('Request getStatus failed: TypeError'))).toBe(true);
  });

  it('sends the engine’s refusal on with its code and facts beside the sentence', async () => {
    const refusal = refusalOf('time_in_future', { field: 'start', time: '2026-05-13T23:30:00+02:00' });
    const dispatch = createDispatch(
      handlersWith({ clockIn: () => Promise.reject(new EngineError('tool', 'The start is in the future.', { tool: 'clock_in', refusal })) }),
      log,
    );
    expect(await dispatch('clockIn', { project: 'Website' })).toEqual({ ok: false, message: 'The start is in the future.', refusal });
  });
});

describe('bridge', () => {
  it('maps each function to its channel and resolves with the envelope, a refusal with its data', async () => {
    const calls: Array<[string, unknown]> = [];
    const refused = { ok: false, message: 'No timer is running.', refusal: refusalOf('clock_out_no_timer') };
    const bridge = buildBridge({
      invoke: async (channel, payload) => {
        calls.push([channel, payload]);
        return channel === channelOf('clockIn') ? refused : { ok: true, value: 'fine' };
      },
      subscribe: () => () => {},
    });
    await expect(bridge.getStatus()).resolves.toEqual({ ok: true, value: 'fine' });
    // Plain data, which Electron's context bridge copies whole (an error would keep only its message).
    await expect(bridge.clockIn({ project: 'Website' })).resolves.toEqual(refused);
    expect(calls).toEqual([
      ['punchcard:getStatus', undefined],
      ['punchcard:clockIn', { project: 'Website' }],
    ]);
    expect(Object.keys(bridge).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
  });

  it('subscribes to known events only and returns the unsubscribe', () => {
    const subscribed: string[] = [];
    let unsubscribed = 0;
    const bridge = buildBridge({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: (channel) => {
        subscribed.push(channel);
        return () => unsubscribed++;
      },
    });
    const stop = bridge.on('statusChanged', () => {});
    stop();
    expect(subscribed).toEqual([eventChannelOf('statusChanged')]);
    expect(unsubscribed).toBe(1);
    expect(() => bridge.on('nonsense' as 'statusChanged', () => {})).toThrow(/Unknown event/);
  });
});

describe('IPC sender check', () => {
  const trusted = new Set([7]);
  const good = { webContentsId: 7, frameUrl: 'app://punchcard/index.html#tools', isMainFrame: true };

  it('trusts only the main frame of a window the app created, showing the app origin', () => {
    expect(isTrustedSender(good, trusted)).toEqual({ trusted: true });
    expect(isTrustedSender({ ...good, webContentsId: 8 }, trusted)).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('not a Punchcard window'),
    });
    expect(isTrustedSender({ ...good, isMainFrame: false }, trusted)).toMatchObject({ trusted: false, reason: expect.stringContaining('sub-frame') });
    expect(isTrustedSender({ ...good, frameUrl: null }, trusted)).toMatchObject({ trusted: false });
    for (const frameUrl of [
      'https://evil.example/',
      'app://punchcard.evil.example/',
      'app://evil/',
      'file:///index.html',
      'not a url',
      'app://punchcard:8080/',
    ]) {
      expect(isTrustedSender({ ...good, frameUrl }, trusted).trusted, frameUrl).toBe(false);
    }
  });
});
