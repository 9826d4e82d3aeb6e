// Child process of keychain.test.ts: talks to whatever keychain its environment offers through
// the real stores (the real @napi-rs/keyring, loaded the way the server loads it) and prints one
// JSON line on stdout. Node runs this file directly (type stripping), outside Vitest, like the
// server would.
//
//   node keychain-roundtrip.script.ts roundtrip    set → get → overwrite → get → delete → get
//   node keychain-roundtrip.script.ts unavailable  what a server without a keychain sees
//   node keychain-roundtrip.script.ts others       what another Secret Service client (secret-tool) sees of a saved secret
//   node keychain-roundtrip.script.ts seed         saves ROUNDTRIP_SECRET
//   node keychain-roundtrip.script.ts locked       what the stores do with it once the keyring is locked
//
// Inputs come from the environment: ROUNDTRIP_ACCOUNT, ROUNDTRIP_SECRET, ROUNDTRIP_SECRET_2.
import { execFileSync, spawnSync } from 'node:child_process';
import { createCredentialStore, KEYCHAIN_SERVICE } from '../../../mcp-server/credentials/index.ts';
import { createKeychainStore } from '../../../mcp-server/credentials/keychain-store.ts';

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
  const store = createKeychainStore();
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
  const keychain = createKeychainStore();
  const get = await outcome(keychain.get(account));
  const set = await outcome(keychain.set(account, input('ROUNDTRIP_SECRET')));

  const logged: string[] = [];
  const composed = createCredentialStore({ env: {}, log: (message) => logged.push(message) });
  const composedGets = [await outcome(composed.get(account)), await outcome(composed.get(account))];
  return { get, set, composedGets, logged };
}

/** secret-tool's answer, or null where it found nothing (it exits 1 then). */
function secretTool(args: string[]): string | null {
  try {
    return execFileSync('secret-tool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    if ((error as { status?: number }).status === 1) return null;
    throw error;
  }
}

async function others(): Promise<object> {
  const account = input('ROUNDTRIP_ACCOUNT');
  const store = createKeychainStore();
  await store.set(account, input('ROUNDTRIP_SECRET'));
  // Every item under the service: secret-tool prints each one's label and secret on stdout, and
  // its attributes on stderr.
  const search = spawnSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], { encoding: 'utf8' });
  const pairs = (text: string, pattern: RegExp) => Object.fromEntries([...text.matchAll(pattern)].map((match) => [match[1], match[2]]));
  return {
    items: search.stdout.split('\n').filter((line) => line.startsWith('[')).length,
    item: pairs(search.stdout, /^(label|secret) = (.*)$/gm),
    attributes: pairs(search.stderr, /^attribute\.(\S+) = (.*)$/gm),
    lookedUp: secretTool(['lookup', 'service', KEYCHAIN_SERVICE, 'username', account]),
  };
}

async function seed(): Promise<object> {
  await createKeychainStore().set(input('ROUNDTRIP_ACCOUNT'), input('ROUNDTRIP_SECRET'));
  return { seeded: true };
}

async function locked(): Promise<object> {
  const saved = input('ROUNDTRIP_ACCOUNT');
  const keychain = createKeychainStore();
  const logged: string[] = [];
  const composed = createCredentialStore({ env: {}, log: (message) => logged.push(message) });
  return {
    get: await outcome(keychain.get(saved)),
    set: await outcome(keychain.set(saved, input('ROUNDTRIP_SECRET_2'))),
    delete: await outcome(keychain.delete(saved)),
    composedGet: await outcome(composed.get(saved)),
    logged,
  };
}

const modes: Record<string, () => Promise<object>> = { roundtrip, unavailable, others, seed, locked };
const mode = process.argv[2] ?? '';
const run = modes[mode];
if (!run) throw new Error(`unknown mode '${mode}'; expected ${Object.keys(modes).join(', ')}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
