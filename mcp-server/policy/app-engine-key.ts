// How the app's own engine proves it is the app, so that `--all-tools` (which the tray and the
// window need) cannot be copied into an AI client's entry to get past the organisation's policy.
// At each launch the app makes a random key, writes its SHA-256 beside the settings (readable only
// by the user) and hands the key to its engine in the environment. An entry cannot carry a key that
// changes with every launch of the app. This is a guardrail, not a wall: a process of the same user
// could read the running engine's environment; the back end's own permissions stay the wall.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const APP_ENGINE_KEY_VARIABLE = 'PUNCHCARD_APP_ENGINE_KEY';
const KEY_FILE_NAME = 'app-engine.key';

/** The app: a new key for this launch; returns the variables to add to the engine's environment. */
export function issueAppEngineKey(userDataDir: string): Record<string, string> {
  const key = randomBytes(32).toString('hex');
  writeFileSync(join(userDataDir, KEY_FILE_NAME), `${digest(key)}\n`, { mode: 0o600 });
  return { [APP_ENGINE_KEY_VARIABLE]: key };
}

/** The engine: true when the key in its environment is the one the app issued last. */
export function isAppEngine(env: NodeJS.ProcessEnv, userDataDir: string): boolean {
  const key = env[APP_ENGINE_KEY_VARIABLE];
  if (!key) return false;
  try {
    const expected = Buffer.from(readFileSync(join(userDataDir, KEY_FILE_NAME), 'utf8').trim(), 'hex');
    const actual = Buffer.from(digest(key), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
