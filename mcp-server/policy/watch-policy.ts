// Follows the policy files, so that an administrator's change applies to running servers. A policy
// folder that does not exist (the usual case: no policy) is not watched and not reported.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Log } from '../log.ts';
import { watchSettingsFile } from '../settings/settings-source.ts';

export function watchPolicyFiles(paths: readonly string[], onChange: () => void, log: Log): () => void {
  const stops = paths.filter((path) => existsSync(dirname(path))).map((path) => watchSettingsFile(path, onChange, log));
  return () => {
    for (const stop of stops) stop();
  };
}
