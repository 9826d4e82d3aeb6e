// Child process of keychain.test.ts: talks to whatever keychain its environment offers through
// the real stores (real keytar, loaded the way the server loads it) and prints one JSON line on
// stdout. Node runs this file directly (type stripping), outside Vitest, like the server would.
//
//   node keychain-roundtrip.script.ts roundtrip    set → get → overwrite → get → delete → get
//   node keychain-roundtrip.script.ts unavailable  what a server without a keychain sees
//
// Inputs come from the environment: ROUNDTRIP_ACCOUNT, ROUNDTRIP_SECRET, ROUNDTRIP_SECRET_2.
import { createCredentialStore } from '../../../mcp-server/credentials/index.ts';
import { createKeytarStore } from '../../../mcp-server/credentials/keytar-store.ts';

function input(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function outcome(promise: Promise<unknown>): Promise<{ value: unknown } | { error: { name: string; reason: unknown; message: string } }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => {
      const { name, message, reason } = error as { name: string; message: string; reason?: unknown };
      return { error: { name, reason, message } };
    },
  );
}

async function roundtrip(): Promise<object> {
  const account = input('ROUNDTRIP_ACCOUNT');
  const store = createKeytarStore();
  await store.set(account, input('ROUNDTRIP_SECRET'));
  const afterSet = await store.get(account);
  await store.set(account, input('ROUNDTRIP_SECRET_2'));
  const afterOverwrite = await store.get(account);
  const deleted = await store.delete(account);
  const afterDelete = await store.get(account);
  const deletedAgain = await store.delete(account);
  return { kind: store.kind, afterSet, afterOverwrite, deleted, afterDelete, deletedAgain };
}

async function unavailable(): Promise<object> {
  const account = input('ROUNDTRIP_ACCOUNT');
  const keychain = createKeytarStore();
  const get = await outcome(keychain.get(account));
  const set = await outcome(keychain.set(account, input('ROUNDTRIP_SECRET')));

  const logged: string[] = [];
  const composed = createCredentialStore({ env: {}, log: (message) => logged.push(message) });
  const composedGets = [await outcome(composed.get(account)), await outcome(composed.get(account))];
  return { get, set, composedGets, logged };
}

const modes: Record<string, () => Promise<object>> = { roundtrip, unavailable };
const mode = process.argv[2] ?? '';
const run = modes[mode];
if (!run) throw new Error(`unknown mode '${mode}'; expected ${Object.keys(modes).join(' or ')}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
