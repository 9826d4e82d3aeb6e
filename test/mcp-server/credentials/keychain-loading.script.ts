// Child process of keychain-loading.test.ts, inside a throwaway keyring session: starts the BUILT
// engine as an AI client would, on the local timesheet and then on a Kimai account whose token the
// app saved in the keychain, makes one call each, and reports whether the engine's process has the
// keychain library's addon mapped (/proc/<pid>/maps) and what the Kimai call answered. One JSON line
// on stdout. Input: ROUNDTRIP_SECRET (the token to save).
import { readFileSync, rmSync } from 'node:fs';
import { createKeychainStore } from '../../../mcp-server/credentials/keychain-store.ts';
import { makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';

/** The addon as the library loads it, from its platform package (keyring.linux-x64-gnu.node, …). */
const ADDON = /\/@napi-rs\/keyring-[^/\s]+\/[^/\s]+\.node$/m;
// Nothing listens there: the call fails after the engine has read its token, which is all it takes.
const KIMAI = 'http://127.0.0.1:9';

async function oneCall(settings: Record<string, unknown>): Promise<{ addonLoaded: boolean; answer: string }> {
  const userDataDir = makeUserDataDir(settings);
  const session = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '' };
  const engine = await startEngine({ userDataDir, env: session });
  try {
    const answer = textOf(await engine.call('timer_status'));
    const maps = readFileSync(`/proc/${engine.transport.pid}/maps`, 'utf8');
    return { addonLoaded: ADDON.test(maps), answer };
  } finally {
    await engine.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const token = process.env.ROUNDTRIP_SECRET;
if (!token) throw new Error('ROUNDTRIP_SECRET is not set');
await createKeychainStore().set(`kimai:${KIMAI}`, token);
const local = await oneCall({ provider: { type: 'local' } });
const kimai = await oneCall({ provider: { type: 'kimai', url: KIMAI } });
process.stdout.write(`${JSON.stringify({ local: local.addonLoaded, kimai: kimai.addonLoaded, kimaiAnswer: kimai.answer })}\n`);
