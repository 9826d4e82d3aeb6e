// Everything the team server keeps, behind one interface (docs/architecture.md, "The team server"):
// the authorization server's records (clients, grants, codes, tokens, sessions), the people who signed
// in with their sealed tracker credentials, the audit log of writes, the rate-limit and pacing
// counters and the holds a back end's refusals ask for, what each person's back end learned about their account, the numbers given to a back
// end's string ids, and the instances serving now. Everything several instances must agree on is
// here, so any instance serves any request. SQLite is the embedded store (one instance); PostgreSQL
// serves several. The store never sees a secret in the clear: record ids arrive keyed
// (ServerKeys.storedId) and payloads and credentials sealed (sealed.ts).

/** One authorization-server record as stored: its kind (oidc-provider's model name) and indexes. */
export interface OAuthRecord {
  model: string;
  /** The keyed id (never the raw one: an opaque token is its own id). */
  id: string;
  /** The sealed JSON payload. */
  payload: string;
  /** Epoch ms after which the record is gone; null keeps it (registered clients). */
  expiresAt: number | null;
  grantId: string | null;
  /** Keyed, like id. */
  uid: string | null;
  accountId: string | null;
  consumedAt: number | null;
}

/** A sign-out the administrator recorded (Store.signOut). */
export interface SignOutRecord {
  /** The store's number for it, unique and never reused; not necessarily in commit order (PostgreSQL). */
  seq: number;
  personId: string;
  /** When the admin command ran, by its machine's clock. */
  at: number;
}

export interface PersonRecord {
  id: string;
  /** Who signed in, in one string: `kimai:<url>:<user id>`, `oidc:<issuer>:<subject>`, `dev:<name>`. */
  identity: string;
  name: string;
  email: string | null;
  /** The person's tracker secret, sealed to this person; null when none is stored. */
  credentials: string | null;
  /**
   * The tracker user the server acts for under one organisation credential (team/tracker-pin.ts): set
   * at the person's first sign-in and never moved by an e-mail change; null until then, or once an
   * administrator unlinked them. Not a secret.
   */
  trackerPin: string | null;
  /** When the pin was set, or null. */
  linkedAt: number | null;
  /** The person's read-only grant to their company calendar (auth/calendar/calendar-grant.ts), or null. */
  calendar: CalendarGrantRecord | null;
  createdAt: number;
  lastSeenAt: number;
}

/** Which company calendar a person's grant reads (config evidence.company_calendar.provider). */
export type CalendarProvider = 'microsoft' | 'google';

/**
 * A person's company-calendar grant as stored: the provider and since when in the clear (the account
 * page shows them), the refresh token and what the provider said with it sealed to the person and the
 * provider (auth/calendar/calendar-grant.ts).
 */
export interface CalendarGrantRecord {
  provider: CalendarProvider;
  sealed: string;
  /** When the person connected it (epoch ms); a refresh that rotates the token keeps it. */
  since: number;
}

/** One write a person made through the server, as the administrator reads it (`punchcard-mcp audit`). */
export interface AuditRecord {
  /**
   * The record's own id, unique: a record written twice (sent again after an outage, or from a spool
   * a killed process left: team/audit-writer.ts) is kept once.
   */
  id?: string;
  at: number;
  personId: string;
  /** The person by name and e-mail, as they were when they acted. */
  person: string;
  clientId: string;
  clientName: string;
  tool: string;
  outcome: 'done' | 'refused' | 'failed';
  /** What changed, without secrets or free text (audit.ts). */
  change: Record<string, unknown>;
  /**
   * How the write reached the back end where not with the person's own credential: 'organisation'
   * where the server acted for them through the organisation's (docs/team-server/README.md, "One
   * organisation credential"). The person stays the actor.
   */
  via?: 'organisation';
}

/** The most audit records one appendAudits takes. */
export const MAX_AUDIT_BATCH = 500;

export interface Store {
  readonly kind: string;
  /** Resolves while the store answers (readiness). */
  ping(): Promise<void>;

  upsertOAuth(record: Omit<OAuthRecord, 'consumedAt'>): Promise<void>;
  findOAuth(model: string, id: string): Promise<OAuthRecord | undefined>;
  findOAuthByUid(model: string, uid: string): Promise<OAuthRecord | undefined>;
  consumeOAuth(model: string, id: string, at: number): Promise<void>;
  /**
   * A refresh token's rotation, all or nothing: `consume` is marked used and `records` (its successor
   * and the new access token) saved in one transaction. False, with nothing written, when `consume`
   * was used already (another instance rotated it first), unless its first use was less than
   * `graceMs` before `at`: a client's parallel refreshes with one token are rotated each, and the
   * first use's time is kept, so the grace runs from it.
   */
  rotateOAuth(consume: { model: string; id: string; at: number; graceMs?: number }, records: readonly Omit<OAuthRecord, 'consumedAt'>[]): Promise<boolean>;
  destroyOAuth(model: string, id: string): Promise<void>;
  /**
   * Every record of the grant: codes, access and refresh tokens, the grant itself; or, given a
   * model, only the grant's records of that model (the authorization server revokes model by model,
   * and keeps the grant itself when only its tokens go).
   */
  revokeGrant(grantId: string, model?: string): Promise<void>;
  /** The grants a person holds, newest first (their connected clients). */
  grantsOf(accountId: string): Promise<OAuthRecord[]>;

  personByIdentity(identity: string): Promise<PersonRecord | undefined>;
  person(id: string): Promise<PersonRecord | undefined>;
  /**
   * The person `personId`, while the access token stored as `id` still stands as it was verified: its
   * record there, unexpired at `at`, and sealed as `payload` (a rotation sealing it anew, or anything
   * else that rewrote it, makes it a token to verify again); undefined otherwise, or where the person
   * is gone. One read by the record's key, for a token this instance verified whole before
   * (auth/bearer.ts).
   */
  standingAccess(id: string, payload: string, personId: string, at: number): Promise<PersonRecord | undefined>;
  /**
   * Creates the person on first sign-in, or refreshes their name and e-mail. A `trackerPin` is set
   * with the record where the person has none yet, and never replaces one; a pin another person holds
   * refuses the whole save with TrackerUserTaken (store-errors.ts), so nothing is created.
   */
  savePerson(person: { id: string; identity: string; name: string; email: string | null; at: number; trackerPin?: string }): Promise<PersonRecord>;
  /** Removes a person's pin (`admin people unlink`); false when they had none. Their next sign-in matches afresh. */
  unlinkPerson(personId: string): Promise<boolean>;
  /** Moves a person's last seen time on to `at` (never back: instances' writes may cross). */
  seen(personId: string, at: number): Promise<void>;
  setCredentials(personId: string, sealed: string | null): Promise<void>;
  /** Stores a person's calendar grant, replacing any they had (a new connect), or deletes it (null). */
  setCalendarGrant(personId: string, grant: CalendarGrantRecord | null): Promise<void>;
  /**
   * Replaces a person's sealed calendar grant only if it is still `from` (a refresh's rotated token, a
   * key rotation's seal), or deletes it (`to` null) only if it is still `from` (a grant that stopped
   * working, not one connected again meanwhile); true when changed.
   */
  replaceCalendarGrant(personId: string, from: string, to: string | null): Promise<boolean>;
  /** Everyone who ever signed in, the most recently seen first (`punchcard-mcp admin people`). */
  people(): Promise<PersonRecord[]>;
  /**
   * Signs a person out everywhere, in one transaction: every grant of theirs goes with its codes,
   * access and refresh tokens, their stored credentials and calendar grant go, and the sign-out is recorded at `at` for
   * every instance to follow (signOuts). Answers how many grants went.
   */
  signOut(personId: string, at: number): Promise<number>;
  /**
   * Every sign-out the store keeps (a day's, sweep prunes older ones), in the order they were
   * recorded. Followers keep their place by `seq`, which the store numbers as it commits; `at` is
   * the admin machine's clock, for people to read, never to compare.
   */
  signOuts(): Promise<SignOutRecord[]>;

  /** Appends a record; one whose id the log holds already is left out (answers false). */
  appendAudit(record: AuditRecord): Promise<boolean>;
  /**
   * Appends records in one transaction, in order (the audit writer's group commit: the records of calls
   * answered together cost one round trip); those whose id the log holds already are left out. Answers
   * how many were new. All or nothing: a record the store refuses refuses the whole batch. At most
   * MAX_AUDIT_BATCH records a call (PostgreSQL takes them in one statement, nine parameters each).
   */
  appendAudits(records: readonly AuditRecord[]): Promise<number>;
  /** Audit records in the order they were written, from `since` (epoch ms) on. */
  readAudit(options: { since?: number; limit: number }): Promise<AuditRecord[]>;

  /** Counts `amount` hits (default one) of `key` in the window starting at `windowStart` and answers the window's count. */
  hit(key: string, windowStart: number, amount?: number): Promise<number>;
  /** The window's count so far, without counting. */
  count(key: string, windowStart: number): Promise<number>;

  /**
   * Holds back what `key` names (the organisation's requests to a back end that refused one for its
   * limit: the engine's providers/remote/organisation-limit.ts) until `liftsAt` (epoch ms); `lengthMs` is how long the hold
   * was meant to be. A later lift wins, so instances telling of refusals at once keep the longest.
   */
  holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void>;
  /** The latest hold of `key`, also one that has lifted (until the sweep), or undefined. */
  hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined>;
  /**
   * Ends the hold of `key` where it was set (its lift less its length) before `sentAt`: a request sent
   * then, after it, was answered with success, on any instance. One set since, for a refusal since, stands.
   */
  endHold(key: string, sentAt: number): Promise<void>;

  /**
   * What a person's back end learned about their account (mcp-server/providers/remote/facts-file.ts), by file
   * name, as the JSON text the file would hold on a desktop.
   */
  factsOf(personId: string): Promise<Map<string, string>>;
  saveFacts(personId: string, name: string, text: string, at: number): Promise<void>;

  /**
   * The numbers of a back end's string ids (mcp-server/providers/id-aliases.ts) in `scope` (a person) and of
   * `kind`: an id numbered before keeps its number, a new one gets the next free number of its kind,
   * atomically across instances, so one id has one number everywhere and no number two ids.
   */
  numberIds(scope: string, kind: string, remotes: readonly string[]): Promise<Map<string, number>>;
  /** The id a number was given to, or undefined. */
  idOfNumber(scope: string, kind: string, number: number): Promise<string | undefined>;

  /**
   * Says this instance serves at `address` (other instances pass it the requests of its sessions), and
   * which server key it was started with (`keyId`, a fingerprint: auth/key-rotation.ts), so a rotation
   * knows which instances still run with the old one.
   */
  announceInstance(id: string, address: string, at: number, keyId?: string): Promise<void>;
  /** The instances that said they serve since `since`, with the key each was started with where it said. */
  instances(since: number): Promise<{ id: string; address: string; seenAt: number; keyId: string | null }[]>;
  /** Where an instance announced itself since `since`, or undefined. */
  instanceAddress(id: string, since: number): Promise<string | undefined>;
  withdrawInstance(id: string): Promise<void>;

  /**
   * The server key's rotation as the store keeps it (auth/key-rotation.ts): sealed text only, never
   * a key in the clear; undefined where the key was never rotated.
   */
  keyRotation(): Promise<string | undefined>;
  saveKeyRotation(text: string): Promise<void>;
  /**
   * Saves `text` as the key's state where the store holds none yet (a new store learns its key: the
   * first server started on it), and answers the state the store holds afterwards: `text`, or what
   * another instance saved first.
   */
  initKeyRotation(text: string): Promise<string>;
  /** Every sealed authorization-server record, for a rotation to seal anew; or the first `limit` of them (a key check's sample). */
  sealedOAuth(limit?: number): Promise<{ model: string; id: string; payload: string }[]>;
  /** Replaces a record's sealed payload, only if it is still `from` (a write meanwhile wins); true when replaced. */
  resealOAuth(model: string, id: string, from: string, to: string): Promise<boolean>;
  /** Replaces a person's sealed credentials, only if they are still `from`; true when replaced. */
  resealCredentials(personId: string, from: string, to: string): Promise<boolean>;

  /** The connection pool's use now, where the store has a pool (PostgreSQL; the metrics read it). */
  pool?(): { total: number; idle: number; waiting: number };

  /** Drops what expired before `now` (tokens, codes, sessions, old counters). */
  sweep(now: number): Promise<void>;
  close(): Promise<void>;
}

export { StoreMissing, StoreUnavailable, StoreVersionError } from './store-errors.ts';
