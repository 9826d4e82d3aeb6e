// Who the person is, as the back end says (capability `account`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).

export interface Person {
  name: string;
  /** One line about the connection (server, version, mode) for remote back ends. */
  connection?: string;
  /** The workspace the person works in, by its name, where the back end has workspaces (Clockify). */
  workspace?: string;
  /**
   * Target hours per weekday as the back end keeps them for the person, where it keeps them
   * (Clockodo, Calamari); the settings' work week otherwise.
   */
  workWeek?: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number>;
  /** Where public holidays come from when the back end keeps them ("Clockodo's non-business days"). */
  holidays?: string;
  /** The back end shows the person no public holidays: the settings' holiday region counts instead. */
  holidaysFromSettings?: boolean;
}

/** Who the person is, as the back end says. */
export interface AccountPart {
  whoami(): Promise<Person>;
  /**
   * The person's zone in the back end (Kimai's profile zone), used for days and displayed times
   * when the settings name none; a failure to learn it fails the tool call with its reason.
   * Trackers without such a zone leave this out.
   */
  timeZone?(): Promise<string | null>;
  /**
   * The back end's own id of the person its secret answers for, read afresh (docs/several-trackers.md, "Whose a
   * connection is"): what tells two logins at one address apart where the login is the secret (Kimai, Clockify,
   * Toggl Track, Harvest), and on Tempo Timesheets Jira's accountId (the person every worklog request names; the
   * profile's e-mail is only the login the Jira API token is sent with). Back ends whose login is in the profile (Clockodo's e-mail, Calamari's) and the
   * local timesheet leave this out: their profile already says whose they are.
   */
  personId?(): Promise<string>;
}
