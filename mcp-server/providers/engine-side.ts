// The shape of a back end's engine side (providers/back-ends.ts lists one for each back end; each
// back end's folder has its own in back-end.ts): what it offers before anything is asked, and its
// tracker's factory, loaded from the back end's own chunk.
import type { BackEndType, BackEndProfile, RemoteType } from '../contract/back-ends.ts';
import type { OrganisationAccount } from './acting-for.ts';
import type { RemoteTracker, RemoteTrackerOptions } from './remote-tracker.ts';
import type { Capability, TimeTracker } from './time-tracker.ts';

export interface KnownCapabilities {
  capabilities: ReadonlySet<Capability>;
  /** A start or a connection test learned about this account before (always so for the local timesheet). */
  remembered: boolean;
}

type ProfileOfType<T extends BackEndType> = Extract<BackEndProfile, { type: T }>;

/** A back end's maker of its organisation account (providers/acting-for.ts), from the same options as its tracker (the secret is the organisation's). */
export type OrganisationAccountFactory<T extends RemoteType> = (options: RemoteTrackerOptions<ProfileOfType<T>>) => OrganisationAccount;

export interface RemoteEngineSide<T extends RemoteType> {
  /** What is remembered about the account, if anything, and the capabilities that follow. */
  known(userDataDir: string, profile: ProfileOfType<T>): KnownCapabilities;
  /** The tracker's factory, from its own chunk. Its secret and deadline are found for it (create-tracker.ts). */
  tracker(): Promise<(options: RemoteTrackerOptions<ProfileOfType<T>>) => RemoteTracker>;
  /**
   * The organisation account the team server acts for people with (providers/acting-for.ts), from its
   * own chunk; absent where the back end cannot act for people that way.
   */
  organisation?(): Promise<OrganisationAccountFactory<T>>;
}

/** What the engine hands the local timesheet's tracker (providers/local/): its file, whom it shows, the clock and the log. */
export interface LocalTrackerOptions {
  databasePath: string;
  /** The person shown in the absence calendar. */
  personName: () => string;
  now: () => number;
  /** Where it says that a file could not be made private (../private-files.ts). */
  log?: (message: string) => void;
}

export interface LocalEngineSide {
  known(): KnownCapabilities;
  tracker(): Promise<(options: LocalTrackerOptions) => TimeTracker>;
}

export type EngineSide<T extends BackEndType> = T extends RemoteType ? RemoteEngineSide<T> : LocalEngineSide;
