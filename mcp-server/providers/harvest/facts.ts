// What Punchcard learned about a Harvest account that shapes the next start (remote/facts-file.ts): the account it
// resolved to where the settings name none (its id and name, so a start needs no list of accounts), when that was
// checked, and the person's zone. Keyed by address and the configured account. Never the token nor whose it is: a new
// token may be another person's, so each process asks Harvest who the person is. No zod and no HTTP here: the opening
// reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const HARVEST_FACTS_FILE = 'harvest-accounts.json';

export interface HarvestFacts {
  /** The Harvest account the token's only one turned out to be, where the settings name none. */
  accountId?: string;
  accountName?: string;
  /** The account tracks start and end times (the company's wants_timestamp_timers), as last read. */
  timestamps?: boolean;
  /** When the company was last read (ISO time). */
  checkedAt?: string;
  /** The person's zone, as the IANA zone of Harvest's name for it. */
  timezone?: string;
}

export const harvestFacts = factsFile<HarvestFacts>(HARVEST_FACTS_FILE, (entry) =>
  defined({
    accountId: pick.text(entry.accountId),
    accountName: pick.text(entry.accountName),
    timestamps: pick.boolean(entry.timestamps),
    checkedAt: pick.text(entry.checkedAt),
    timezone: pick.text(entry.timezone),
  }),
);

/** One configured account (or the token's only one) at one address. */
export function harvestFactsKey(profile: { url: string; account_id?: string | undefined }): string {
  return `${profile.account_id === undefined ? 'the only account' : `account ${profile.account_id}`} at ${profile.url}`;
}
