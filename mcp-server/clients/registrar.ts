// Detect, status, register, unregister, repair and snippet for every client in the catalog
// (docs/decisions.md, "Registration lives in the engine"). Shared by the app and by `punchcard-mcp
// clients|register|…`; Electron-free.
import { CLIENTS, type ClientDefinition, findClient, isWritable } from './catalog.ts';
import { editorFor } from './config-editor.ts';
import { type ClientEnvironment, type Probe, realProbe, samePath } from './environment.ts';
import { ConfigError } from './config-error.ts';
import { type LoadedFile, loadConfigFile, readBackup, removeBackup, removeCreatedFile, replaceConfigFile } from './safe-file.ts';
import { type LaunchSpec, staleReason } from './server-entry.ts';
import { type Snippet, snippetFor } from './snippets.ts';
import { decodeText, detectFormat, encodeText } from './text-format.ts';

/**
 * - `registered`: our entry is there and starts this Punchcard.
 * - `missing`: no entry.
 * - `stale`: an entry whose command or script no longer exists.
 * - `outdated`: an entry that works but starts another Punchcard (another install, other data folder).
 * - `invalid`: the file cannot be read or parsed; `problem` says why.
 * - `manual`: the client is set up by copy and paste.
 */
export type RegistrationStatus = 'registered' | 'missing' | 'stale' | 'outdated' | 'invalid' | 'manual';

export interface FileStatus {
  path: string;
  status: RegistrationStatus;
  problem?: string;
}

export interface ClientReport {
  id: string;
  name: string;
  installed: boolean;
  writable: boolean;
  status: RegistrationStatus;
  files: FileStatus[];
  nextStep: string;
  /** Why the organisation's policy does not let Punchcard register with this client; absent: it may. */
  refusal?: string;
}

export interface ChangeReport {
  id: string;
  name: string;
  /** Files actually rewritten; empty when everything already was as asked. */
  changed: Array<{ path: string; backup: string | null }>;
  unchanged: string[];
  nextStep: string;
}

export class RegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistrationError';
  }
}

export interface RegistrarOptions {
  environment: ClientEnvironment;
  launch: LaunchSpec;
  probe?: Probe;
  /** Why the organisation's policy refuses registering this client, or null (see mcp-server/policy). */
  refusal?: (clientId: string) => string | null;
}

export interface Registrar {
  readonly clients: readonly ClientDefinition[];
  list(): ClientReport[];
  status(id: string): ClientReport;
  register(id: string): ChangeReport;
  unregister(id: string): ChangeReport;
  /**
   * Re-registers every client whose entry is stale (its command or script is gone), keeping the
   * data folder the entry named. An entry that works but starts another installation is only
   * reported: replacing it is the person's call (`register`).
   */
  repair(): ChangeReport[];
  snippet(id: string): Snippet;
}

const ATTEMPTS = 3;

/**
 * What an edit asks for: nothing (null), new bytes (`original` when they are the bytes from before
 * Punchcard's first change, so the backup can go), or the file already removed.
 */
type Edit = null | { write: Buffer; original?: boolean } | { removed: true };

/** One file's status plus the entry it holds, for repair. */
interface FileState extends FileStatus {
  entry?: unknown;
}

export function createRegistrar(options: RegistrarOptions): Registrar {
  const probe = options.probe ?? realProbe;
  const { environment, launch } = options;
  const refusalOf = (id: string) => options.refusal?.(id) ?? null;

  const client = (id: string): ClientDefinition => {
    const found = findClient(id);
    if (!found) throw new RegistrationError(`Unknown client "${id}". Known clients: ${CLIENTS.map((c) => c.id).join(', ')}.`);
    return found;
  };

  const fileState = (definition: ClientDefinition, path: string): FileState => {
    try {
      const file = loadConfigFile(path, definition.newFileIndent, definition.maxConfigBytes);
      const editor = editorFor(definition);
      const entry = editor.read(file.text);
      if (entry === undefined) return { path, status: 'missing' };
      // Registered means exactly "registering would change nothing".
      if (editor.set(file.text, definition.entry(launch), file.format) === file.text) return { path, status: 'registered' };
      // The same Node and script named another way (a link and its target, nvm's shim and the binary).
      if (startsTheSame(entry, launch, probe)) return { path, status: 'registered' };
      const stale = staleReason(entry, probe.exists);
      if (stale) return { path, status: 'stale', problem: stale, entry };
      return { path, status: 'outdated', problem: 'it starts a different Punchcard installation or data folder' };
    } catch (error) {
      return { path, status: 'invalid', problem: explain(path, error) };
    }
  };

  const status = (definition: ClientDefinition): ClientReport => {
    const writable = isWritable(definition);
    const files = writable ? definition.configFiles(environment, probe).map((path) => fileStatus(fileState(definition, path))) : [];
    return {
      id: definition.id,
      name: definition.name,
      installed: definition.installed(environment, probe),
      writable,
      status: writable ? aggregate(files) : 'manual',
      files,
      nextStep: definition.nextStep,
      ...(refusalOf(definition.id) ? { refusal: refusalOf(definition.id) as string } : {}),
    };
  };

  /** Applies `edit` to the client's files (or only `paths`), each from a fresh read. */
  const change = (
    definition: ClientDefinition,
    edit: (file: LoadedFile) => Edit,
    paths: readonly string[] = definition.configFiles(environment, probe),
  ): ChangeReport => {
    if (!isWritable(definition)) {
      throw new RegistrationError(`${definition.name} is set up by copy and paste: run "punchcard-mcp snippet ${definition.id}". ${definition.nextStep}`);
    }
    const report: ChangeReport = { id: definition.id, name: definition.name, changed: [], unchanged: [], nextStep: definition.nextStep };
    for (const path of paths) {
      for (let attempt = 1; ; attempt++) {
        try {
          const file = loadConfigFile(path, definition.newFileIndent, definition.maxConfigBytes);
          const next = edit(file);
          if (next === null) report.unchanged.push(path);
          else if ('removed' in next) report.changed.push({ path, backup: null });
          else {
            const { backup } = replaceConfigFile(file, next.write);
            // The file is as it was before Punchcard's first change: the backup has nothing to keep.
            if (next.original) removeBackup(file);
            report.changed.push({ path, backup: next.original ? null : backup });
          }
          break;
        } catch (error) {
          // Another program saved the file between our read and our write: start over from its version.
          if (error instanceof ConfigError && error.kind === 'concurrent' && attempt < ATTEMPTS) continue;
          throw new RegistrationError(explain(path, error));
        }
      }
    }
    return report;
  };

  const registerAs = (definition: ClientDefinition, target: LaunchSpec, paths?: readonly string[]) =>
    change(
      definition,
      (file) => {
        const next = editorFor(definition).set(file.text, definition.entry(target), file.format);
        return next === file.text ? null : { write: encodeText(next, file.format.bom) };
      },
      paths,
    );

  const unregister = (id: string) => {
    const definition = client(id);
    const editor = editorFor(definition);
    return change(definition, (file) => {
      const removed = editor.remove(file.text);
      if (removed === file.text) return null;
      // A file Punchcard created, unchanged since: it goes, with the folders made for it.
      if (removeCreatedFile(file)) return { removed: true };
      // Undoing our own last registration gives back the exact bytes from before it (an empty
      // server map we had to create goes too), as long as nobody changed the file since.
      const backup = readBackup(file);
      if (backup && file.bytes) {
        try {
          const before = decodeText(backup);
          // The common case, without parsing the backup (Claude Code's file may be 100 MB): taking
          // our entry out already gives back the backup's text.
          if (removed === before.text && before.bom === file.format.bom) return { write: backup, original: true };
          const format = detectFormat(before.text, before.bom, definition.newFileIndent);
          const registered = editor.set(before.text, definition.entry(launch), format);
          if (encodeText(registered, before.bom).equals(file.bytes) && editor.read(before.text) === undefined) return { write: backup, original: true };
        } catch {
          // An unreadable backup just means the general removal below.
        }
      }
      return { write: encodeText(removed, file.format.bom) };
    });
  };

  return {
    clients: CLIENTS,
    list: () => CLIENTS.map(status),
    status: (id) => status(client(id)),
    register: (id) => {
      const definition = client(id);
      const refused = refusalOf(definition.id);
      if (refused) throw new RegistrationError(refused);
      return registerAs(definition, launch);
    },
    unregister,
    // The organisation's policy rules repair as it rules register: a client it does not allow (or any,
    // while the policy cannot be used) is left as it is.
    repair: () =>
      CLIENTS.filter((definition) => isWritable(definition) && refusalOf(definition.id) === null).flatMap((definition) => {
        const stale = definition
          .configFiles(environment, probe)
          .map((path) => fileState(definition, path))
          .filter((file) => file.status === 'stale');
        // Each broken file is repaired on its own, keeping the data folder its entry named; the
        // client's other files (a second install's working entry) are not touched.
        return stale.map((file) => {
          const folder = userDataOf(file.entry);
          return registerAs(definition, folder ? withUserData(launch, folder) : launch, [file.path]);
        });
      }),
    snippet: (id) => snippetFor(client(id), launch, environment.platform),
  };
}

/**
 * True when an entry starts the same binary and script with the same arguments as `launch`, even
 * where it writes a path differently; its variables must be ours too.
 */
function startsTheSame(entry: unknown, launch: LaunchSpec, probe: Probe): boolean {
  const { command, args, env } = (entry ?? {}) as { command?: unknown; args?: unknown; env?: unknown };
  if (typeof command !== 'string' || !Array.isArray(args) || args.length !== launch.args.length) return false;
  if (!samePath(command, launch.command, probe)) return false;
  const sameArgs = args.every((arg, index) => {
    const wanted = launch.args[index] as string;
    return arg === wanted || (typeof arg === 'string' && samePath(arg, wanted, probe));
  });
  const variables = (env ?? {}) as Record<string, unknown>;
  return sameArgs && Object.entries(launch.env).every(([name, value]) => variables[name] === value);
}

function fileStatus({ path, status, problem }: FileState): FileStatus {
  return problem === undefined ? { path, status } : { path, status, problem };
}

/** The `--user-data` folder an entry names, if any. */
function userDataOf(entry: unknown): string | null {
  const args = (entry as { args?: unknown } | undefined)?.args;
  if (!Array.isArray(args)) return null;
  const folder: unknown = args[args.indexOf('--user-data') + 1];
  return args.includes('--user-data') && typeof folder === 'string' && folder !== '' ? folder : null;
}

function withUserData(launch: LaunchSpec, folder: string): LaunchSpec {
  const index = launch.args.indexOf('--user-data');
  const args = index >= 0 ? launch.args.map((arg, position) => (position === index + 1 ? folder : arg)) : [...launch.args, '--user-data', folder];
  return { ...launch, args };
}

function aggregate(files: readonly FileStatus[]): RegistrationStatus {
  const order: RegistrationStatus[] = ['invalid', 'stale', 'outdated', 'missing', 'registered'];
  for (const status of order) if (files.some((file) => file.status === status)) return status;
  return 'missing';
}

/** One sentence naming the file, what is wrong and where, and that nothing was changed. */
function explain(path: string, error: unknown): string {
  if (!(error instanceof ConfigError)) return `Punchcard could not update ${path}: ${(error as Error).message}`;
  switch (error.kind) {
    case 'syntax':
      return `${path} is not valid (${error.message}). Punchcard left it untouched; fix the file, then try again.`;
    case 'shape':
      return `Punchcard cannot edit ${path}: ${error.message}.`;
    default:
      return error.message;
  }
}
