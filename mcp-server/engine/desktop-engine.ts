// The engine of the person at this computer: their config.json (written by the app), the
// organisation's policy files, the back end from the settings or the command line, its secret from
// the keychain or the variables, and the outbox in front of a remote back end. The stdio host serves
// it; the build's capture of the opening and the tests open it too.
import { join } from 'node:path';
import { isRemote, type BackEndProfile, type RemoteProfile } from '../contract/back-ends.ts';
import type { Clock, Timers, WallClock } from '../clock.ts';
import type { Log } from '../log.ts';
import { createCredentialStore, type CredentialStore } from '../credentials/index.ts';
import { desktopEvidence } from '../evidence/desktop-evidence.ts';
import { effectiveProfile, policyPaths } from '../policy/policy.ts';
import { PolicyFiles } from '../policy/policy-source.ts';
import { createTracker } from '../providers/create-tracker.ts';
import { keptWriteRefusal } from '../providers/outbox/may-send.ts';
import { keepingWritesOffline, outboxAccount } from '../providers/outbox/outbox-tracker.ts';
import type { TimeTracker } from '../providers/time-tracker.ts';
import { settingsFile } from '../settings/engine-settings.ts';
import type { SettingsRead } from '../settings/settings-file.ts';
import { SETTINGS_FILE_NAME } from '../settings/settings-source.ts';
import { callDeadlineOf } from './call-deadline.ts';
import { type Connection, connectionsOf } from '../contract/connections.ts';
import type { Settings } from '../contract/settings.ts';
import { connectionSecretNotes } from '../credentials/connection-secret.ts';
import { ConnectionHomes, type Whose } from './connection-homes.ts';
import { CONNECTION_IDS_FILE_NAME, idsInFile, keyedIds } from './connections/connection-ids.ts';
import { Engine, type OpenTrackerOptions } from './engine.ts';

export interface DesktopEngineOptions {
  userDataDir: string;
  /** Expose every tool regardless of the AI-facing switches (the app's own engine). */
  allTools: boolean;
  /**
   * The caller proved this is the app's own engine (policy/app-engine-proof.ts): only then does
   * `allTools` count once an organisation's policy exists.
   */
  appEngine?: boolean;
  now: Clock;
  log: Log;
  /** The back end from the command line (`--provider kimai --url …`); wins over the settings. */
  provider?: BackEndProfile;
  /**
   * The back end the variables name (a Claude Desktop extension's form): the only one the form's
   * secret is sent to (credentials/form-secret.ts).
   */
  formBackEnd?: BackEndProfile;
  env?: NodeJS.ProcessEnv;
  /** config.json as the caller just read it (the opening did); the engine reads it again otherwise. */
  settings?: SettingsRead;
  /** The organisation's policy files (default: the system file, see mcp-server/policy). */
  policyFiles?: readonly string[];
  /**
   * The build's capture of the opening (stdio/opening-manifest.ts): every tool is listed, also those
   * this back end cannot serve (breaks on the local timesheet), so the manifest holds them all.
   */
  listEveryTool?: boolean;
  /** How often the back end's optional features are asked about again (default hourly; tests shorten it). */
  detectionRepeatMs?: number;
  /** What the outbox's background rounds wait with (default Node's timers; tests move their own on). */
  timers?: Timers;
  /** The wall clock the organisation's request limit is held by and waited on (default the system's; tests move their own on). */
  wallClock?: WallClock;
}

/** The desktop engine, with its back end open; closing it stops following the policy files too. */
export async function openDesktopEngine(options: DesktopEngineOptions): Promise<Engine> {
  const { log, userDataDir } = options;
  const env = options.env ?? process.env;
  const policy = await PolicyFiles.open(options.policyFiles ?? policyPaths(env), log);
  const appEngine = options.appEngine === true;
  // A remote back end out of reach keeps clock-ins, clock-outs and logged entries until it answers
  // (providers/outbox/); each is checked again against the switches and the policy before it is sent.
  const withOutbox = (opened: TimeTracker, remote: RemoteProfile, basics: OpenTrackerOptions, folder: string, whose: Whose | undefined) =>
    keepingWritesOffline(opened, {
      // Each connection's outbox in its own folder; the app hears of a settled write in the data folder it watches.
      userDataDir: folder,
      ...(folder === userDataDir ? {} : { signalDir: userDataDir }),
      account: outboxAccount(remote),
      // Among several, each kept write records whose login it is for (engine/connection-homes.ts).
      ...(whose ? { keptFor: whose.keptFor, keptBeforePersonsAmbiguous: whose.shared && opened.account.personId !== undefined } : {}),
      now: options.now,
      log,
      timezone: basics.timezone,
      // Only the engine that proved it is the app's marks its writes as the app's: an AI client's
      // entry with --all-tools sees every tool only while no policy says otherwise, and its writes
      // must meet the policy and switches as they are when they are sent (outbox/may-send.ts).
      origin: appEngine ? 'app' : 'ai',
      mayStillWrite: (tool, origin) => keptWriteRefusal(tool, origin, basics.settings(), basics.organisation()),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  // The keychain is opened only when a calendar feed's secret is first needed.
  let credentials: CredentialStore | undefined;
  const evidence = desktopEvidence({
    userDataDir,
    log,
    credentials: () => (credentials ??= createCredentialStore({ env, log })),
    journalsAiCalls: !appEngine,
  });
  // Among several trackers, each connection's folder, kept to whose it is (engine/connection-homes.ts).
  const homes = new ConnectionHomes(userDataDir, log);
  let connectionNames: readonly string[] = [];
  // Which connection gave out which number, where several trackers answer, by each one's identity (engine/connections/connection-ids.ts).
  const connectionIds = keyedIds(
    idsInFile(join(userDataDir, CONNECTION_IDS_FILE_NAME), log, (name) => homes.openedIn(name)),
    { keyOf: (name) => homes.keyOf(name), names: () => connectionNames },
  );
  try {
    return await Engine.open({
      settings: settingsFile(join(userDataDir, SETTINGS_FILE_NAME)),
      evidence,
      ...(options.settings ? { firstRead: options.settings } : {}),
      policy,
      // The organisation's fixed back end wins over the settings and over --provider in an entry.
      profile: (settings, current) => effectiveProfile(current, options.provider ?? defaultProfile(settings)),
      // Several trackers (docs/several-trackers.md): the settings' connections, unless one back end is named for this
      // engine (--provider, or the organisation's fixed one), which then means exactly that one.
      connections: (settings, current) => {
        const listed = connectionsOf(settings);
        if (listed.length < 2) return listed;
        if (options.provider || current.fixedProvider) {
          const why = options.provider ? 'the command line names one back end (--provider)' : "the organisation's policy fixes the back end";
          log(`The settings list ${listed.length - 1} more ${listed.length === 2 ? 'tracker' : 'trackers'} (trackers); they are not used here, as ${why}.`);
          return [];
        }
        return listed;
      },
      connectionIds,
      settingsNotes: (settings) => (options.provider ? [] : connectionSecretNotes(connectionsOf(settings), env)),
      openTracker: async (profile, basics) => {
        // Its secret is found in a connection's order (create-tracker.ts).
        const openIn = async (folder: string, whose?: Whose) => {
          const opened = await createTracker({
            ...basics,
            profile,
            userDataDir: folder,
            ...(folder === userDataDir ? {} : { sharedDataDir: userDataDir }),
            ...(options.env ? { env: options.env } : {}),
            ...(options.wallClock ? { wallClock: options.wallClock } : {}),
            formSecret: { backEnd: options.formBackEnd, policyFixes: policy.current().fixedProvider !== null },
          });
          return isRemote(profile) ? withOutbox(opened, profile, basics, folder, whose) : opened;
        };
        const { connection } = basics;
        if (!connection) return openIn(userDataDir);
        // Among several connections each keeps its files in its own folder, but the one that has the data folder's
        // (providers/connection-folder.ts), the folder of its login once the back end said whose its secret is.
        connectionNames = connection.connections.map((each) => each.name);
        return homes.open(connection, profile, (home, whose) => openIn(home.folder, whose));
      },
      now: options.now,
      log,
      callDeadlineMs: callDeadlineOf(env),
      allTools: options.allTools,
      appEngine,
      ...(options.listEveryTool ? { listEveryTool: true } : {}),
      ...(options.detectionRepeatMs ? { detection: { repeatMs: options.detectionRepeatMs } } : {}),
      // This engine alone follows these files.
      closeWith: () => {
        policy.close();
        connectionIds.close();
      },
    });
  } catch (error) {
    policy.close();
    connectionIds.close();
    throw error;
  }
}

/** The settings' default connection's profile, without its name and its week (the engine's, not the back end's). */
function defaultProfile(settings: Pick<Settings, 'provider'>): BackEndProfile {
  return (connectionsOf(settings)[0] as Connection).profile;
}
