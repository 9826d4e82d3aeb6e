// The data folder and every file Punchcard writes in it are the person's alone: the timesheet holds
// sick leave and what was said about it, the facts files whom a key belongs to. Node and SQLite
// create what they write with modes the umask leaves (a folder 0755 and files 0644 under the usual
// 022, and 0777 and 0666 under 000), which another account on the machine may read. So the folder
// is made 0700 and the files 0600 whatever the umask, and where they exist already with wider modes
// (an older Punchcard, a copied folder) they are tightened, as long as they are this account's.
// Where that cannot be done (another account's file, a read-only file system), it is said in words.
// Windows keeps access in ACLs, not in these modes: there nothing is changed and nothing is said.
import { chmodSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

type Log = (message: string) => void;

/** The folder, made where missing (and its missing parents), private to this account. */
export function makePrivateFolder(path: string, log: Log): void {
  // mkdir's mode is reduced by the umask only, so 0700 stays 0700 (or narrower).
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  keepPrivate(path, PRIVATE_FOLDER_MODE, log);
}

/** Each file that exists and is this account's, made private to it where others may read or write it. */
export function keepFilesPrivate(paths: readonly string[], log: Log): void {
  for (const path of paths) keepPrivate(path, PRIVATE_FILE_MODE, log);
}

/**
 * The file, created empty and private where it is missing (for a writer that would create it with
 * wider modes, such as SQLite), or tightened where it exists. A file that cannot be created is left to
 * the writer, which says why in its own words.
 */
export function createPrivateFile(path: string, log: Log): void {
  try {
    // Neither truncates nor follows a link planted at the path: O_CREAT alone opens what is there.
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), PRIVATE_FILE_MODE));
  } catch {
    // The writer opens it next and reports what is wrong.
  }
  keepFilesPrivate([path], log);
}

/**
 * `text` written to `path` whole or not at all, private: into a new file beside it (several engines
 * may write at once, each to its own), renamed over. Throws what the file system said.
 */
export function writePrivateFileAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  // A temporary file a crash left keeps its own mode when written again; a new one takes ours.
  rmSync(temporary, { force: true });
  writeFileSync(temporary, text, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  renameSync(temporary, path);
}

function keepPrivate(path: string, mode: number, log: Log): void {
  if (process.platform === 'win32') return;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if ((stat.mode & 0o077) === 0) return;
  const kind = mode === PRIVATE_FOLDER_MODE ? 'folder' : 'file';
  const now = `others on this computer may ${mode === PRIVATE_FOLDER_MODE ? 'look into it' : 'read it'} (mode ${(stat.mode & 0o777).toString(8)})`;
  const own = process.getuid?.();
  if (own !== undefined && stat.uid !== own) {
    log(
      `The ${kind} ${path} belongs to another account, so Punchcard cannot make it yours alone; ${now}. Use a data folder of your own (--user-data or PUNCHCARD_USER_DATA), or ask its owner to run chmod go= on it.`,
    );
    return;
  }
  // A data folder set to the home folder itself: closing it would break what others are meant to reach there.
  if (kind === 'folder' && resolve(path) === resolve(homedir())) {
    log(`The data folder is your home folder ${path}, which Punchcard leaves as it is; ${now}. Use a folder of its own for Punchcard's data.`);
    return;
  }
  try {
    chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'the file system is read-only' : code === 'EPERM' || code === 'EACCES' ? 'permission was denied' : (error as Error).message;
    log(`The ${kind} ${path} could not be made yours alone (${why}); ${now}. Run chmod ${mode.toString(8)} on it.`);
  }
}
