// Rotating the server key while the server serves (`punchcard-mcp admin rotate-key`,
// docs/team-server/admin.md). Instances share nothing but the store, so the store carries the
// rotation, sealed: the new key sealed under the old one (an instance started with the old key learns
// it there and seals under it at once, without a restart), the old key sealed under the new one (an
// instance restarted with the new key still reads what the old one sealed), and the keys a rotation
// keeps (KeptKeys in server-keys.ts), sealed under the newest key. While a rotation is on, records and
// credentials open under either key; the command seals every one of them anew under the new key, and
// ending the rotation forgets the old key. Nothing here is ever in the clear in the store.
//
// The same state is how a store knows its key at all: the first server started on a new store saves
// it (the kept keys sealed under its key, and the key's id), so a server, an admin verb or the audit
// command given another key is refused before it reads or seals anything (checkStoreKey). A store an
// older Punchcard made without that state learns its key from what it keeps: the first server whose
// key opens it saves the state then.
import type { Log } from '../../mcp-server/for-the-team-server.ts';
import { opensWith, seal, unseal } from '../store/sealed.ts';
import type { Store } from '../store/store.ts';
import { deriveServerKeys, type KeptKeys, keptKeysOf, keyIdOf, sealingKeyOf, type ServerKeys } from './server-keys.ts';

/** How often an instance looks for a rotation; the command waits a little more than twice this before it seals anew. */
export const ROTATION_CHECK_MS = 2_000;

const BOUND = { kept: 'server key rotation: kept keys', next: 'server key rotation: next key', previous: 'server key rotation: previous key' } as const;

/** The rotation as the store keeps it: sealed text, and keys' ids, never a key. */
interface RotationState {
  /** The kept keys, sealed under the newest key's sealing key. */
  kept: string;
  /** The newest key's id (keyIdOf), and during a rotation the old one's: said when another key is refused. Absent in a state an older Punchcard saved. */
  keyId?: string;
  previousKeyId?: string;
  /** While a rotation is on: the new key sealed under the old one's sealing key, and the old under the new. */
  next?: string;
  previous?: string;
  startedAt?: number;
}

/** Which server keys are in use: the current one, the one still read during a rotation, and the kept keys. */
export interface Resolution {
  current: Buffer;
  previous?: Buffer;
  kept: KeptKeys;
}

/**
 * What the store's rotation means for an instance that knows `known` (its own key, and one it learned
 * from a rotation, newest first); undefined when none of them is the store's.
 */
export function resolveRotation(known: readonly Buffer[], stateText: string | undefined): Resolution | undefined {
  const first = known[0];
  if (!first) return undefined;
  if (stateText === undefined) return { current: first, kept: keptKeysOf(first) };
  const state = JSON.parse(stateText) as RotationState;
  for (const key of known) {
    const mine = sealingKeyOf(key);
    if (state.previous && opensWith(mine, state.previous, BOUND.previous)) {
      return { current: key, previous: keyOf(unseal(mine, state.previous, BOUND.previous)), kept: keptOf(mine, state.kept) };
    }
    if (state.next && opensWith(mine, state.next, BOUND.next)) {
      const next = keyOf(unseal(mine, state.next, BOUND.next));
      return { current: next, previous: key, kept: keptOf(sealingKeyOf(next), state.kept) };
    }
    if (opensWith(mine, state.kept, BOUND.kept)) return { current: key, kept: keptOf(mine, state.kept) };
  }
  return undefined;
}

/** Whether a key is the store's: the keys it works with, or why not (a sentence naming the keys). */
export type StoreKeyCheck = { ok: true; resolution: Resolution; learned: boolean } | { ok: false; problem: string };

/** How many sealed values a store without a key state is tried with (checkStoreKey). */
export const KEY_SAMPLE = 20;

/** What a store says of its key: its state, and, where it has none, a few of the sealed values it keeps. */
export interface KeyEvidence {
  state: string | undefined;
  sample: readonly { sealed: string; bound: string }[];
}

/**
 * Whether `serverKey` (from `variable`) is the store's key, from what the store says of it: its state
 * where it has one; else (a new store, or an older Punchcard's) whether the key opens what it keeps,
 * a key that opens none of it being refused. Pure: nothing is read or written here.
 */
export function judgeStoreKey(
  serverKey: Buffer,
  variable: string,
  evidence: KeyEvidence,
): { ok: true; resolution: Resolution } | { ok: false; problem: string } {
  const { state, sample } = evidence;
  if (state === undefined) {
    const sealing = sealingKeyOf(serverKey);
    if (sample.length > 0 && !sample.some((value) => opensWith(sealing, value.sealed, value.bound)))
      return {
        ok: false,
        problem: `The key in ${variable} (key_env), key ${keyIdOf(serverKey)}, is not this store's: nothing the store keeps opens with it. Start with the key the store was made with; nothing was changed.`,
      };
    return { ok: true, resolution: { current: serverKey, kept: keptKeysOf(serverKey) } };
  }
  const resolution = resolveRotation([serverKey], state);
  return resolution ? { ok: true, resolution } : { ok: false, problem: notTheStoresKey(serverKey, variable, state) };
}

/**
 * Whether `serverKey` is the store's key (judgeStoreKey). With `learn`, a store without a key state
 * that the key opens is told its key now (the first instance's key wins when several start at once).
 * Nothing else is read or written, so a refused key changes nothing.
 */
export async function checkStoreKey(serverKey: Buffer, store: Store, variable: string, options: { learn: boolean }): Promise<StoreKeyCheck> {
  const state = await store.keyRotation();
  const judged = judgeStoreKey(serverKey, variable, { state, sample: state === undefined ? await sealedSample(store) : [] });
  if (!judged.ok) return judged;
  if (state !== undefined || !options.learn) return { ...judged, learned: false };
  const learnedState = await store.initKeyRotation(endedRotation(serverKey, keptKeysOf(serverKey)));
  const resolution = resolveRotation([serverKey], learnedState);
  return resolution ? { ok: true, resolution, learned: true } : { ok: false, problem: notTheStoresKey(serverKey, variable, learnedState) };
}

/** The ids of the keys a store's state names: the newest first, then the old one while a rotation is on. */
export function keyIdsOf(stateText: string): string[] {
  const state = JSON.parse(stateText) as RotationState;
  return [state.keyId, state.previousKeyId].filter((id): id is string => id !== undefined);
}

/** The sentence refusing a key the store's state does not know, naming the keys it does where it says. */
export function notTheStoresKey(serverKey: Buffer, variable: string, stateText: string, what = 'this store'): string {
  const [newest, previous] = keyIdsOf(stateText);
  const needed =
    newest === undefined
      ? 'the server key was rotated to another one (punchcard-mcp admin rotate-key); use the key the rotation ended on'
      : `${what} opens with key ${newest}${previous ? ` (or, until its rotation ends, key ${previous})` : ''}`;
  return `The key in ${variable} (key_env), key ${keyIdOf(serverKey)}, is not ${what}'s: ${needed}. Nothing was changed.`;
}

/** A few sealed values of the store, with what each is bound to (sealed.ts), to try a key on. */
async function sealedSample(store: Store): Promise<{ sealed: string; bound: string }[]> {
  const records = (await store.sealedOAuth(KEY_SAMPLE)).map((record) => ({ sealed: record.payload, bound: `${record.model}:${record.id}` }));
  if (records.length >= KEY_SAMPLE) return records;
  const credentials = (await store.people())
    .filter((person) => person.credentials !== null)
    .slice(0, KEY_SAMPLE - records.length)
    .map((person) => ({ sealed: person.credentials as string, bound: `credentials:${person.id}` }));
  return [...records, ...credentials];
}

/** The keys a server started with `serverKey` works with, as the store's rotation says, or why it cannot start. */
export async function keysFromStore(
  serverKey: Buffer,
  store: Store,
  variable: string,
  options: { learn: boolean } = { learn: false },
): Promise<ServerKeys | string> {
  const checked = await checkStoreKey(serverKey, store, variable, options);
  if (!checked.ok) return checked.problem;
  const { resolution } = checked;
  const keys = deriveServerKeys(serverKey, resolution.kept);
  applyResolution(keys, resolution);
  // Cookies a browser got from an instance with the other key of the rotation still open here.
  const other =
    resolution.previous && !resolution.previous.equals(serverKey)
      ? resolution.previous
      : !resolution.current.equals(serverKey)
        ? resolution.current
        : undefined;
  if (other) keys.cookieKeys.push(...deriveServerKeys(other, resolution.kept).cookieKeys);
  return keys;
}

/** An instance following the store's key (followKeyRotation). */
export interface KeyFollower {
  /**
   * Why the store cannot be read with the keys this instance has (a rotation to a key it was never
   * given, a backup of another key restored), or undefined; /readyz is not ready while it says so.
   */
  problem(): string | undefined;
  stop(): void;
}

/** Follows rotations the administrator starts and ends while the instance runs (checked every ROTATION_CHECK_MS). */
export function followKeyRotation(options: { store: Store; keys: ServerKeys; serverKey: Buffer; variable: string; log: Log }): KeyFollower {
  const { store, keys, serverKey, variable, log } = options;
  let current = serverKey;
  let lost: string | undefined;
  let checking = false;
  // What the store said last time: most checks find it unchanged, and decrypt and derive nothing.
  let seen: string | undefined | null = null;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const state = await store.keyRotation();
      if (state === seen) return;
      const resolution = resolveRotation(current.equals(serverKey) ? [serverKey] : [current, serverKey], state);
      if (!resolution) {
        if (lost === undefined)
          log(
            `The store's key changed to one this instance was never given (a rotation, or a backup of another key restored): it is not ready until it is. ${notTheStoresKey(current, variable, state ?? '{}')}`,
          );
        lost = `the store is sealed under a key this instance was not given (${keyIdsOf(state ?? '{}').join(', ') || 'a rotated key'})`;
        seen = state;
        return;
      }
      lost = undefined;
      const changed = !resolution.current.equals(current) || keys.atRest.readable.length !== (resolution.previous ? 2 : 1);
      current = resolution.current;
      applyResolution(keys, resolution);
      seen = state;
      if (changed)
        log(
          resolution.previous
            ? 'A rotation of the server key began: this instance now seals under the new key and still reads the old one.'
            : 'The rotation of the server key ended: the old key is no longer read.',
        );
    } catch (error) {
      log(`Reading the server key's rotation failed: ${(error as Error).message}`);
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), ROTATION_CHECK_MS);
  timer.unref();
  return { problem: () => lost, stop: () => clearInterval(timer) };
}

function applyResolution(keys: ServerKeys, resolution: Resolution): void {
  const current = sealingKeyOf(resolution.current);
  keys.atRest.use(current, resolution.previous ? [current, sealingKeyOf(resolution.previous)] : [current]);
}

/** The state that starts a rotation from `old` to `next`, keeping `kept`. */
export function startedRotation(old: Buffer, next: Buffer, kept: KeptKeys, at: number): string {
  const state: RotationState = {
    kept: sealKept(sealingKeyOf(next), kept),
    keyId: keyIdOf(next),
    previousKeyId: keyIdOf(old),
    next: seal(sealingKeyOf(old), next.toString('base64'), BOUND.next),
    previous: seal(sealingKeyOf(next), old.toString('base64'), BOUND.previous),
    startedAt: at,
  };
  return JSON.stringify(state);
}

/** The state once the rotation to `current` ended: the old key forgotten, the kept keys kept. */
export function endedRotation(current: Buffer, kept: KeptKeys): string {
  return JSON.stringify({ kept: sealKept(sealingKeyOf(current), kept), keyId: keyIdOf(current) } satisfies RotationState);
}

function sealKept(sealing: Buffer, kept: KeptKeys): string {
  return seal(sealing, JSON.stringify({ ids: kept.ids.toString('base64'), peers: kept.peers.toString('base64') }), BOUND.kept);
}

function keptOf(sealing: Buffer, sealed: string): KeptKeys {
  const parsed = JSON.parse(unseal(sealing, sealed, BOUND.kept)) as { ids: string; peers: string };
  return { ids: Buffer.from(parsed.ids, 'base64'), peers: Buffer.from(parsed.peers, 'base64') };
}

function keyOf(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
