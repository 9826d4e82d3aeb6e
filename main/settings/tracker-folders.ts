// Each connection besides the one in the data folder's root keeps its files (outbox, numbers, caches,
// facts) in `<data folder>/trackers/<name>/` (docs/using-the-app.md, "Several connections").
// The Account screen renames and removes connections, so their folders follow here: a renamed
// connection takes its folder along, and a removed one's folder is set aside under a name no
// connection can have, so a connection added later with the same name never inherits another's
// outbox or numbers. Nothing is deleted. The root's files belong to one connection by identity and
// never move.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface TrackerFolders {
  /** What stands in the way of renaming `from`'s folder to `to`'s, as a sentence; null when nothing does. */
  renameProblem(from: string, to: string): string | null;
  /** Moves `from`'s folder to `to`'s, where `from` has one. */
  rename(from: string, to: string): void;
  /** Sets `name`'s folder aside, where it has one; answers where it went, or null. */
  retire(name: string): string | null;
}

/** The folder of each connection's own files. */
export const TRACKERS_FOLDER = 'trackers';

export function trackerFolders(userDataDir: string, now: () => number = Date.now): TrackerFolders {
  const folderOf = (name: string) => join(userDataDir, TRACKERS_FOLDER, name);
  return {
    renameProblem(from, to) {
      if (!existsSync(folderOf(from)) || !existsSync(folderOf(to))) return null;
      return `Punchcard keeps another set of files for a connection called "${to}" (${folderOf(to)}); move that folder away, or choose another name.`;
    },
    rename(from, to) {
      if (existsSync(folderOf(from))) renameSync(folderOf(from), folderOf(to));
    },
    retire(name) {
      if (!existsSync(folderOf(name))) return null;
      // A dot is in no connection's name (contract/connections.ts), so no connection ever reads this folder.
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      const aside = join(userDataDir, TRACKERS_FOLDER, `${name}.removed-${stamp}`);
      renameSync(folderOf(name), aside);
      return aside;
    },
  };
}
