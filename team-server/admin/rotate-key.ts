// `admin rotate-key --new-key-env VAR` and `admin rotate-key --finish`: the server key rotated while
// the server serves (auth/key-rotation.ts). Starting records the rotation in the store, waits until
// every instance has read it (they check every ROTATION_CHECK_MS and then seal under the new key while
// still reading the old), and seals every record and every person's credentials anew under the new
// key. The administrator then gives the instances the new key and restarts them one by one, at
// leisure; finishing seals anew what an instance sealed under the old key meanwhile and forgets the
// old key. Each record is replaced only if nobody changed it in between, so no write is lost.
// Finishing runs with the new key and only once no instance the store has heard from lately still runs
// with the old one: an instance started with the old key would not start again once the rotation ends.
import { calendarBound } from '../auth/calendar/calendar-grant.ts';
import { setTimeout as delay } from 'node:timers/promises';
import type { ServerConfig } from '../config/server-config.ts';
import { checkStoreKey, endedRotation, ROTATION_CHECK_MS, startedRotation } from '../auth/key-rotation.ts';
import { keyIdOf, readServerKey, sealingKeyOf } from '../auth/server-keys.ts';
import { GONE_AFTER_MS } from '../http/peers.ts';
import { opensWith, seal, type SealingKeys, unseal } from '../store/sealed.ts';
import type { Store } from '../store/store.ts';
import { type AdminIo, openConfiguredStore } from './admin-io.ts';

export interface RotateOptions {
  /** The variable holding the new key (starting), or undefined (finishing). */
  newKeyVariable: string | undefined;
  finish: boolean;
  /** How long instances are given to read the rotation before anything is sealed anew. */
  followWaitMs?: number;
}

export async function rotateKey(config: ServerConfig, options: RotateOptions, io: AdminIo): Promise<number> {
  const key = readServerKey(io.env, config.key_env);
  if (typeof key === 'string') return (io.err(`${key}\n`), 1);
  const store = await openConfiguredStore(config, io);
  if (!store) return 1;
  try {
    const checked = await checkStoreKey(key, store, config.key_env, { learn: false });
    if (!checked.ok) return (io.err(`${checked.problem}\n`), 1);
    const { resolution } = checked;
    if (options.finish) {
      if (!resolution.previous) return (io.err('No rotation of the server key is under way; start one with --new-key-env VAR.\n'), 1);
      if (!key.equals(resolution.current))
        return (
          io.err(
            `admin rotate-key --finish runs with the new key, and ${config.key_env} holds the old one (key ${keyIdOf(key)}): set it to the new key (key ${keyIdOf(resolution.current)}), as for the instances, and run it again. Nothing was changed.\n`,
          ),
          1
        );
      const holding = await instancesWithout(store, keyIdOf(resolution.current));
      if (holding.length > 0)
        return (
          io.err(
            `${holding.length === 1 ? 'An instance still runs with the old key or does not say which' : `${holding.length} instances still run with the old key or do not say which`} (${holding.join('; ')}): restart ${holding.length === 1 ? 'it' : 'each'} with the new key in ${config.key_env}, then run --finish again. Nothing was changed.\n`,
          ),
          1
        );
      const ring = ringOf(resolution.current, resolution.previous);
      const resealed = await sealAnew(store, ring);
      await store.saveKeyRotation(endedRotation(resolution.current, resolution.kept));
      io.out(
        `The rotation ended: ${resealed} ${resealed === 1 ? 'value' : 'values'} sealed anew under the new key; the old key is no longer read, by any instance, within ${ROTATION_CHECK_MS / 1000} s.\n`,
      );
      return 0;
    }
    if (resolution.previous)
      return (io.err('A rotation of the server key is under way already: restart the instances with the new key, then run admin rotate-key --finish.\n'), 1);
    const variable = options.newKeyVariable as string;
    const next = readServerKey(io.env, variable, '--new-key-env');
    if (typeof next === 'string') return (io.err(`${next}\n`), 1);
    if (next.equals(key)) return (io.err(`${variable} holds the key in use; the new key must be another (openssl rand -base64 32).\n`), 1);
    await store.saveKeyRotation(startedRotation(key, next, resolution.kept, Date.now()));
    io.err(`The rotation is recorded; waiting for every instance to read it (${((options.followWaitMs ?? followWait()) / 1000).toFixed(0)} s)…\n`);
    await delay(options.followWaitMs ?? followWait());
    const resealed = await sealAnew(store, ringOf(next, key));
    io.out(
      `The rotation began: every instance seals under the new key and still reads the old; ${resealed} ${resealed === 1 ? 'value' : 'values'} sealed anew under the new key.\n`,
    );
    io.out(
      `Next: set ${config.key_env} to the new key for every instance and restart them one at a time; then run admin rotate-key --finish with the new key.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The instances the store heard from lately that were not started with the key `keyId`, each as
 * "instance ID at ADDRESS, key …": an instance that does not say which key it holds (an older
 * Punchcard) counts, since it may hold the old one.
 */
async function instancesWithout(store: Store, keyId: string): Promise<string[]> {
  const seen = await store.instances(Date.now() - GONE_AFTER_MS);
  return seen
    .filter((instance) => instance.keyId !== keyId)
    .map((instance) => `instance ${instance.id} at ${instance.address}, ${instance.keyId ? `key ${instance.keyId}` : 'key not said'}`);
}

/** A little more than two checks: an instance that read the store just before the rotation has read it since. */
function followWait(): number {
  return 2 * ROTATION_CHECK_MS + 1_000;
}

function ringOf(current: Buffer, previous: Buffer): SealingKeys {
  const sealing = sealingKeyOf(current);
  return { current: sealing, readable: [sealing, sealingKeyOf(previous)] };
}

/** Seals anew under `ring.current` every record, every person's credentials and calendar grant that do not open under it yet; answers how many. */
async function sealAnew(store: Store, ring: SealingKeys): Promise<number> {
  let resealed = 0;
  for (const record of await store.sealedOAuth()) {
    const bound = `${record.model}:${record.id}`;
    if (opensWith(ring.current, record.payload, bound)) continue;
    // A record gone or changed meanwhile was sealed by a server that already uses the new key.
    if (await store.resealOAuth(record.model, record.id, record.payload, seal(ring, unseal(ring, record.payload, bound), bound))) resealed++;
  }
  for (const person of await store.people()) {
    if (person.credentials === null) continue;
    const bound = `credentials:${person.id}`;
    if (opensWith(ring.current, person.credentials, bound)) continue;
    if (await store.resealCredentials(person.id, person.credentials, seal(ring, unseal(ring, person.credentials, bound), bound))) resealed++;
  }
  for (const person of await store.people()) {
    if (person.calendar === null) continue;
    const { sealed } = person.calendar;
    const bound = calendarBound(person.id, person.calendar.provider);
    if (opensWith(ring.current, sealed, bound)) continue;
    // A grant refreshed meanwhile (its rotated token saved) was sealed under the new key already.
    if (await store.replaceCalendarGrant(person.id, sealed, seal(ring, unseal(ring, sealed, bound), bound))) resealed++;
  }
  return resealed;
}
