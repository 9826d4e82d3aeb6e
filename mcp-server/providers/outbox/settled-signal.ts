// Tells an app watching the data folder that a kept write was settled (contract/outbox-signal.ts).
import { join } from 'node:path';
import { OUTBOX_SETTLED_FILE } from '../../contract/outbox-signal.ts';
import { writePrivateFileAtomically } from '../../private-files.ts';

/**
 * Renames a fresh signal file into the folder (private, and replacing whatever is at the name rather
 * than writing through it). Never throws: without the signal the app learns at its next status poll.
 */
export function signalSettled(userDataDir: string, now: number, log: (message: string) => void): void {
  try {
    writePrivateFileAtomically(join(userDataDir, OUTBOX_SETTLED_FILE), `${new Date(now).toISOString()}\n`);
  } catch (error) {
    log(`Could not tell the app that a kept write was settled (${(error as Error).message}); it learns at its next status poll.`);
  }
}
