// One client connection, in two phases. It opens with the small answers the client needs first
// (opening.ts), from code that loads in a few milliseconds; the first message the opening does not
// answer brings in the engine and the SDK, which get the opening replayed and then every message,
// in order. Around both: a 2026-era connection never gets a request served under a revision this
// server does not speak.
import type { JsonObject, JsonRpcMessage } from './frames.ts';
import { isRequest } from './frames.ts';
import { refuseHostileKey } from './hostile-refusal.ts';
import { answerOpening, newOpeningState, noteEra, type Offered, type OpeningManifest, unsupportedRevision } from './opening.ts';
import type { Wire } from './wire.ts';

/** The engine once loaded: the SDK on the wire, and what it offers now. */
export interface LoadedEngine {
  deliver(message: JsonRpcMessage): void;
  offeredToolNames(): readonly string[];
  offeredPromptNames(): readonly string[];
  close(): Promise<void>;
}

export interface ConnectionOptions {
  wire: Wire;
  manifest: OpeningManifest;
  /** The tools and prompts to list right now, as `tools/list` and `prompts/list` show them. */
  offered: Offered;
  /** Loads the engine and hands it the connection, with these messages to see first. */
  loadEngine: (replay: readonly JsonRpcMessage[]) => Promise<LoadedEngine>;
  log: (message: string) => void;
}

export interface Connection {
  /** Loads the engine now (a remote back end wants its features checked early). */
  handOver(): void;
  /** The settings changed before the engine took over: tell a 2025-era client which lists are stale. */
  listsMayHaveChanged(): void;
  readonly engineLoaded: boolean;
  close(): Promise<void>;
}

export function createConnection(options: ConnectionOptions): Connection {
  const { wire, manifest } = options;
  const state = newOpeningState();
  let phase: 'opening' | 'loading' | 'engine' | 'failed' = 'opening';
  let engine: LoadedEngine | undefined;
  let loading: Promise<void> | undefined;
  let failure = '';
  const waiting: JsonRpcMessage[] = [];

  const listChanged = (list: 'tools' | 'prompts') => void wire.send({ jsonrpc: '2.0', method: `notifications/${list}/list_changed` });
  // Only a list the client was given can be out of date.
  const differs = (now: readonly string[], announced: readonly string[] | undefined) => announced !== undefined && now.join() !== announced.join();
  const names = (listed: JsonObject[]) => listed.map((item) => item.name as string);

  wire.onmessage = (message, hostileKey) => {
    // Before the opening and the SDK: neither may ever see such a key (hostile-keys.ts).
    if (hostileKey !== undefined) {
      const offered = engine ? engine.offeredToolNames() : names(options.offered.tools());
      const answer = refuseHostileKey(message, hostileKey, manifest, offered);
      options.log(`Refused a message holding the key "__proto__" at ${hostileKey}.`);
      return void (answer && wire.send(answer));
    }
    const refusal = unsupportedRevision(message, state, manifest);
    if (refusal) return void wire.send(refusal);
    if (phase === 'opening') {
      const outcome = answerOpening(message, state, manifest, options.offered);
      if ('answer' in outcome) return void wire.send(outcome.answer);
      if ('accepted' in outcome) return;
    }
    noteEra(message, state, manifest);
    if (phase === 'engine') return engine?.deliver(message);
    if (phase === 'failed') return refuseForFailure(message);
    waiting.push(message);
    handOver();
  };

  function handOver(): void {
    loading ??= options.loadEngine(state.replay).then(
      (loaded) => {
        engine = loaded;
        phase = 'engine';
        // The lists the client holds came from the opening; settings may have moved since.
        if (state.era === 'legacy' && differs(loaded.offeredToolNames(), state.announced)) listChanged('tools');
        if (state.era === 'legacy' && differs(loaded.offeredPromptNames(), state.announcedPrompts)) listChanged('prompts');
        for (const message of waiting.splice(0)) loaded.deliver(message);
      },
      (error: unknown) => {
        phase = 'failed';
        failure = error instanceof Error ? error.message : String(error);
        options.log(`The engine could not start: ${error instanceof Error ? (error.stack ?? failure) : failure}`);
        for (const message of waiting.splice(0)) refuseForFailure(message);
      },
    );
    if (phase === 'opening') phase = 'loading';
  }

  function refuseForFailure(message: JsonRpcMessage): void {
    if (!isRequest(message)) return;
    void wire.send({
      jsonrpc: '2.0',
      id: message.id,
      error: { code: -32603, message: `Punchcard could not start its engine: ${failure}. See the server's log (stderr) and restart it.` },
    });
  }

  return {
    handOver,
    listsMayHaveChanged() {
      if (phase !== 'opening' || state.era !== 'legacy') return;
      const tools = names(options.offered.tools());
      if (differs(tools, state.announced)) {
        state.announced = tools;
        listChanged('tools');
      }
      const prompts = names(options.offered.prompts());
      if (differs(prompts, state.announcedPrompts)) {
        state.announcedPrompts = prompts;
        listChanged('prompts');
      }
    },
    get engineLoaded() {
      return phase === 'engine';
    },
    async close() {
      await loading;
      await engine?.close();
    },
  };
}
