// Hands a connection to the SDK: `serveStdio` (which owns era negotiation, the 2026 probe and
// subscriptions) runs over a transport that is fed from our wire instead of reading stdin itself.
// Messages the opening already answered are replayed to it under ids of their own, and what it
// answers to those is dropped: the client has its answers and must not get them twice.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { McpServer } from '@modelcontextprotocol/server';
import { isRequest, type JsonRpcMessage, type RequestId } from './frames.ts';
import type { Wire } from './wire.ts';

export interface SdkLink {
  deliver(message: JsonRpcMessage): void;
  close(): Promise<void>;
}

const REPLAY_ID_PREFIX = 'punchcard-replay-';

export function linkSdk(options: {
  wire: Wire;
  createServer: () => McpServer;
  /** The opening's messages, in order, that the SDK must see before anything live. */
  replay: readonly JsonRpcMessage[];
  onError: (error: Error) => void;
}): SdkLink {
  const replayIds = new Set<RequestId>();
  const transport: Transport = {
    start: async () => {},
    send: async (message: JSONRPCMessage) => {
      if (!('method' in message) && 'id' in message && message.id !== undefined && replayIds.delete(message.id)) {
        if ('error' in message) options.onError(new Error(`The SDK refused the replayed opening: ${message.error.message}`));
        return;
      }
      await options.wire.send(message);
    },
    // The SDK closes when its connection ends; the wire (stdin) is the connection.
    close: async () => options.wire.close(),
  };
  const handle = serveStdio(() => options.createServer(), { transport, onerror: options.onError });
  const deliver = (message: JsonRpcMessage) => transport.onmessage?.(message as JSONRPCMessage);
  options.replay.forEach((message, index) => {
    if (!isRequest(message)) return deliver(message);
    const id = `${REPLAY_ID_PREFIX}${index}`;
    replayIds.add(id);
    deliver({ ...message, id });
  });
  return {
    deliver,
    close: () => {
      transport.onclose?.();
      return handle.close();
    },
  };
}
