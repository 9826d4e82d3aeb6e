// Builds the object the window sees as `window.punchcard` from the contract's channel names, over
// any transport: Electron IPC in the preload, a loopback HTTP bridge in the UI tests. Each function
// takes one payload and resolves with its call's envelope, the handler's answer or its failure as
// data: the window unwraps it (renderer/src/bridge.ts), since an error thrown across Electron's context
// bridge keeps only its message.
import { CHANNEL_NAMES, channelOf, EVENT_NAMES, eventChannelOf, type EventName } from '../../window-contract/channels.ts';
import type { Envelope, PunchcardBridge } from '../../window-contract/index.ts';

export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function buildBridge(transport: BridgeTransport): PunchcardBridge {
  const calls = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, async (payload?: unknown) => (await transport.invoke(channelOf(name), payload)) as Envelope<unknown>]),
  );
  const on = (event: EventName, listener: (payload: never) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}".`);
    return transport.subscribe(eventChannelOf(event), listener as (payload: unknown) => void);
  };
  return { ...calls, on } as unknown as PunchcardBridge;
}
