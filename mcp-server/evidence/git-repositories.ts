// Where the git source looks for repositories: each folder of the settings is a repository, or a folder
// that holds repositories one or two levels down (`~/code/app`, `~/code/client/app`), as people keep
// them. Deeper is not searched, nor hidden folders and node_modules (which hold other people's
// repositories, vendored): the walk stays a few directory listings however large the folder is.
// A link below a named folder that leads out of it is not followed: the person named folders, not
// what links in them point to (a colleague's checkout, a mounted disk, another account's home); a
// folder the settings name is read wherever it leads, being the person's own choice. Only the file
// system is read here; git itself reads the repositories (git.ts).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, relative, sep } from 'node:path';

export interface Repository {
  /** The repository's folder, as found (a link is kept as the person named it). */
  path: string;
  /** The folder's base name: what a draft, a rule and a past booking know the repository by. */
  name: string;
}

export interface FoundRepositories {
  /** At most `limit`, in a stable order: the settings' folders in their order, each one's repositories by name. */
  repositories: Repository[];
  /** A folder that is missing, not a folder or holds no repository, or more than `limit` repositories: sentences. */
  problems: string[];
}

/** The repositories in `folders`, at most `limit` of them. */
export function findRepositories(folders: readonly string[], limit: number): FoundRepositories {
  const repositories: Repository[] = [];
  const problems: string[] = [];
  // One repository named twice (a folder and its parent both listed, or a link to it) is read once.
  const seen = new Set<string>();
  let more = false;
  for (const written of folders) {
    const folder = expandHome(written.trim());
    if (!isAbsolute(folder)) {
      problems.push(`The git folder "${written}" is not a full path: write it from the root (or from ~), as in /home/you/code.`);
      continue;
    }
    const problem = folderProblem(folder);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const left: string[] = [];
    const found = isRepository(folder) ? [folder] : repositoriesBelow(folder, left);
    if (left.length > 0) problems.push(linksLeft(folder, left));
    if (found.length === 0 && left.length === 0) {
      problems.push(
        `${folder} holds no git repository (neither it nor the folders one or two levels below it): name a repository or the folder that holds them.`,
      );
    }
    for (const path of found) {
      const real = realPath(path);
      if (seen.has(real)) continue;
      seen.add(real);
      if (repositories.length < limit) repositories.push({ path, name: basename(path) });
      else more = true;
    }
  }
  if (more) {
    problems.push(
      `The git folders hold more than ${limit} repositories: the first ${limit} were read (in the settings' order, then by name); ` +
        'name fewer folders, or the repositories themselves.',
    );
  }
  return { repositories, problems };
}

/**
 * The repositories one or two levels below a folder that is not one itself; a repository's own
 * subfolders are its content. A subfolder whose real path is outside the folder's (a link that leads
 * out of it) is neither read nor searched: it is added to `left`.
 */
function repositoriesBelow(folder: string, left: string[]): string[] {
  const within = insideOf(folder);
  const found: string[] = [];
  const followed = (path: string) => {
    if (within(path)) return true;
    left.push(path);
    return false;
  };
  for (const child of subfolders(folder)) {
    if (!followed(child)) continue;
    if (isRepository(child)) found.push(child);
    else for (const grandchild of subfolders(child)) if (followed(grandchild) && isRepository(grandchild)) found.push(grandchild);
  }
  return found;
}

/** Whether a path's real path (every link resolved) is the folder's own real path or inside it. */
function insideOf(folder: string): (path: string) => boolean {
  const root = realPath(folder);
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  return (path) => {
    const real = realPath(path);
    return real === root || real.startsWith(prefix);
  };
}

/** The sentence for the links below a folder that lead out of it: three named, the rest counted. */
function linksLeft(folder: string, left: readonly string[]): string {
  const names = left.map((path) => relative(folder, path)).sort();
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return (
    `${left.length === 1 ? 'A link' : `${left.length} links`} in the git folder ${folder} ${left.length === 1 ? 'leads' : 'lead'} out of it (${shown}), ` +
    'and Punchcard follows no link out of a folder you named: name the repositories themselves in the settings to read them.'
  );
}

function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return path;
}

function folderProblem(folder: string): string | null {
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder: name a git repository or the folder that holds them.`;
    readdirSync(folder);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `The git folder ${folder} does not exist: correct it in the settings, or remove it.`;
    if (code === 'EACCES' || code === 'EPERM') return `The git folder ${folder} cannot be read by this account: allow it, or remove it from the settings.`;
    return `The git folder ${folder} cannot be read (${code ?? (error as Error).message}).`;
  }
}

/**
 * A working tree (`.git` is a folder, or a file as in a linked worktree or a submodule) or a bare
 * repository (HEAD, objects and refs at its top). Whether git agrees is found when it reads it.
 */
function isRepository(folder: string): boolean {
  if (exists(join(folder, '.git'))) return true;
  return isFile(join(folder, 'HEAD')) && isFolder(join(folder, 'objects')) && isFolder(join(folder, 'refs'));
}

/** The folder's visible subfolders by name (links to folders too), or none where it cannot be listed. */
function subfolders(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    // A subfolder this account may not list (lost+found, another account's) holds nothing of the person's.
    return [];
  }
  return names
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .sort()
    .map((name) => join(folder, name))
    .filter(isFolder);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
