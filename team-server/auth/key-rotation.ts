// Rotating the server key while the server serves (`punchcard-mcp admin rotate-key`,
// docs/team-server/admin.md). Instances share nothing but the store, so the store carries the
// rotation, sealed: the new key sealed under the old one (an instance started with the old key learns
// it there and seals under it at once, without a restart), the old key sealed under the new one (an
// instance restarted with the new key still reads what the old one sealed), and the keys a rotation
// keeps (KeptKeys in server-keys.ts), sealed under the newest key. While a rotation is on, records and
// credentials open under either key; the command seals every one of them anew under the new key, and
// ending the rotation forgets the old key. Nothing here is ever in the clear in the store.
import type { Log } from '../../mcp-server/log.ts';
import { opensWith, seal, unseal } from '../store/sealed.ts';
import type { Store } from '../store/store.ts';
import { deriveServerKeys, type KeptKeys, keptKeysOf, sealingKeyOf, type ServerKeys } from './server-keys.ts';

/** How often an instance looks for a rotation; the command waits a little more than twice this before it seals anew. */
export const ROTATION_CHECK_MS = 2_000;

const BOUND = { kept: 'server key rotation: kept keys', next: 'server key rotation: next key', previous: 'server key rotation: previous key' } as const;

/** The rotation as the store keeps it: sealed text only. */
interface RotationState {
  /** The kept keys, sealed under the newest key's sealing key. */
  kept: string;
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

/** The keys a server started with `serverKey` works with, as the store's rotation says, or why it cannot start. */
export async function keysFromStore(serverKey: Buffer, store: Store, variable: string): Promise<ServerKeys | string> {
  const resolution = resolveRotation([serverKey], await store.keyRotation());
  if (!resolution) {
    return `The key in ${variable} (key_env) is not this store's: the server key was rotated to another one (punchcard-mcp admin rotate-key). Start the server with the key the rotation ended on.`;
  }
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

/** Follows rotations the administrator starts and ends while the instance runs (checked every ROTATION_CHECK_MS). */
export function followKeyRotation(options: { store: Store; keys: ServerKeys; serverKey: Buffer; log: Log }): { stop(): void } {
  const { store, keys, serverKey, log } = options;
  let current = serverKey;
  let lost = false;
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
        if (!lost)
          log('The server key was rotated to one this instance was never given; it reads and seals with the keys it had. Restart it with the new key.');
        lost = true;
        seen = state;
        return;
      }
      lost = false;
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
  return { stop: () => clearInterval(timer) };
}

function applyResolution(keys: ServerKeys, resolution: Resolution): void {
  const current = sealingKeyOf(resolution.current);
  keys.atRest.use(current, resolution.previous ? [current, sealingKeyOf(resolution.previous)] : [current]);
}

/** The state that starts a rotation from `old` to `next`, keeping `kept`. */
export function startedRotation(old: Buffer, next: Buffer, kept: KeptKeys, at: number): string {
  const state: RotationState = {
    kept: sealKept(sealingKeyOf(next), kept),
    next: seal(sealingKeyOf(old), next.toString('base64'), BOUND.next),
    previous: seal(sealingKeyOf(next), old.toString('base64'), BOUND.previous),
    startedAt: at,
  };
  return JSON.stringify(state);
}

/** The state once the rotation to `current` ended: the old key forgotten, the kept keys kept. */
export function endedRotation(current: Buffer, kept: KeptKeys): string {
  return JSON.stringify({ kept: sealKept(sealingKeyOf(current), kept) } satisfies RotationState);
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
