// The heavy half of serving a connection, loaded when the opening hands over: the engine (settings,
// back end, tools) and the SDK on the wire. Its own chunk of the bundle, so a client that only lists
// tools never loads it.
import { createClock } from '../clock.ts';
import type { BackEndProfile } from '../contract/settings.ts';
import type { Log } from '../log.ts';
import { openDesktopEngine } from '../engine/desktop-engine.ts';
import type { SettingsRead } from '../settings/settings-file.ts';
import type { LoadedEngine } from './connection.ts';
import type { JsonRpcMessage } from './frames.ts';
import { linkSdk } from './sdk-link.ts';
import type { Wire } from './wire.ts';

export interface EngineSessionOptions {
  userDataDir: string;
  allTools: boolean;
  /** The app proved this is its own engine (policy/app-engine-proof.ts). */
  appEngine: boolean;
  provider?: BackEndProfile;
  /** The back end an extension's form named, the only one its secret is for. */
  formBackEnd?: BackEndProfile;
  /** config.json as the opening last checked it; without it the engine reads the file itself. */
  settings?: SettingsRead;
  wire: Wire;
  replay: readonly JsonRpcMessage[];
  log: Log;
}

export async function startEngineSession(options: EngineSessionOptions): Promise<LoadedEngine> {
  const engine = await openDesktopEngine({
    userDataDir: options.userDataDir,
    allTools: options.allTools,
    appEngine: options.appEngine,
    now: createClock(),
    log: options.log,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.formBackEnd ? { formBackEnd: options.formBackEnd } : {}),
  });
  const link = linkSdk({
    wire: options.wire,
    createServer: () => engine.createServer(),
    replay: options.replay,
    onError: (error) => options.log(`transport: ${error.message}`),
  });
  return {
    deliver: link.deliver,
    offeredToolNames: () => engine.offeredToolNames(),
    offeredPromptNames: () => engine.offeredPromptNames(),
    async close() {
      await link.close();
      engine.close();
    },
  };
}
