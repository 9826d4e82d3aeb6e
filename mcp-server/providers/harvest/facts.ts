// What Punchcard learned about a Harvest account that shapes the next start (remote/facts-file.ts): the account it
// resolved to where the settings name none (its id and name, so a start needs no list of accounts), when that was
// checked, the person's zone, whether the company has its approval and invoice modules on, and the person's role with
// what Harvest refused under it (remote/remembered-role.ts), which decide the team, admin and approvals tools. Keyed by
// address and the configured account. Never the token: the role is kept with whose it is (`roleOf`), and each process
// asks Harvest who the person is, so a new token that is another person's learns theirs. No zod and no HTTP here: the
// opening reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';
import { pickRoleFacts, type RoleFacts } from '../remote/remembered-role.ts';

export const HARVEST_FACTS_FILE = 'harvest-accounts.json';

export interface HarvestFacts extends RoleFacts {
  /** The Harvest account the token's only one turned out to be, where the settings name none. */
  accountId?: string;
  accountName?: string;
  /** The account tracks start and end times (the company's wants_timestamp_timers), as last read. */
  timestamps?: boolean;
  /** When the company was last read (ISO time). */
  checkedAt?: string;
  /** The person's zone, as the IANA zone of Harvest's name for it. */
  timezone?: string;
  /** The company's approval module (approval_feature), as last read: no approvals to list where it is off. */
  approvals?: boolean;
  /** The company's invoices module (invoice_feature), as last read: no invoices to list where it is off. */
  invoices?: boolean;
}

export const harvestFacts = factsFile<HarvestFacts>(HARVEST_FACTS_FILE, (entry) =>
  defined({
    accountId: pick.text(entry.accountId),
    accountName: pick.text(entry.accountName),
    timestamps: pick.boolean(entry.timestamps),
    checkedAt: pick.text(entry.checkedAt),
    timezone: pick.text(entry.timezone),
    approvals: pick.boolean(entry.approvals),
    invoices: pick.boolean(entry.invoices),
    ...pickRoleFacts(entry),
  }),
);

/** One configured account (or the token's only one) at one address. */
export function harvestFactsKey(profile: { url: string; account_id?: string | undefined }): string {
  return `${profile.account_id === undefined ? 'the only account' : `account ${profile.account_id}`} at ${profile.url}`;
}
