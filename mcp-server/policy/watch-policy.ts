// Follows the policy files, so that an administrator's change applies to running servers. A file
// whose folder exists is followed through the folder (watchSettingsFile: atomic replacements too);
// one whose folder does not exist yet (no policy deployed so far, the usual case) is polled, so a
// first deployment reaches servers that were started before it, without a restart.
import { existsSync, unwatchFile, watchFile } from 'node:fs';
import { dirname } from 'node:path';
import type { Log } from '../log.ts';
import { watchSettingsFile } from '../settings/settings-source.ts';

/** How often a policy file in a folder that does not exist yet is looked for: one stat per interval. */
export const POLICY_POLL_MS = 5_000;

export function watchPolicyFiles(paths: readonly string[], onChange: () => void, log: Log, pollMs = POLICY_POLL_MS): () => void {
  const stops = paths.map((path) => {
    if (existsSync(dirname(path))) return watchSettingsFile(path, onChange, log);
    // A stat of the path itself, so the folder and the file may appear in any order; any change of
    // what the stat says (it appears, changes, goes) is reported.
    const listener = () => onChange();
    watchFile(path, { interval: pollMs, persistent: false }, listener);
    return () => unwatchFile(path, listener);
  });
  return () => {
    for (const stop of stops) stop();
  };
}
