// What Tempo Timesheets' capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// two clients and the endpoints they share (api.ts), the person (Jira's /myself: their accountId, which every worklog
// request names, their name and zone; asked once a while per process, never by e-mail search), the site (its title,
// for whoami), the site's approval period (/4/globalconfiguration, remembered between starts), Punchcard's own timer
// (timer-file.ts), the optional reads (a token's scopes decide what Tempo shows it: the schedule, the accounts, the
// teams; providers/remote/optional-read.ts), and the grid the cells are made in (TempoGrid). Tempo has no organisation
// account that acts for people: each person connects their own two tokens (cells.ts).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { TEMPO } from '../../contract/back-ends/tempo.ts';
import type { WorkWeek } from '../../contract/settings.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import type { ApprovalRule } from '../../domain/approvals.ts';
import type { EntryFieldDefinition, FieldWrite } from '../../domain/entry-fields.ts';
import { firstValidZone, isValidTimeZone, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';
import { Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import { hostOf } from '../remote/remote-error.ts';
import { factsPlace, learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { CatalogPart, EntryFieldsPart, PlanPart, TimeEntry } from '../time-tracker.ts';
import { createTempoClient, JIRA_USERS_PAGE, type TempoApi, type TempoClient } from './api.ts';
import { unreadable } from './errors.ts';
import { tempoFacts, tempoFactsKey, type TempoFacts } from './facts.ts';
import { approvalRuleOf, type TempoIssue } from './mapping.ts';

export type { TempoIssue };
import { TimerFile } from './timer-file.ts';
import type { JiraServerInfo, JiraUser, TempoGlobalConfiguration } from './wire.ts';

export type TempoProfile = ProfileOf<typeof TEMPO>;
export type TempoTrackerOptions = RemoteTrackerOptions<TempoProfile>;

/** The person and the site change rarely: read again after half an hour (a new token may be another person's). */
export const IDENTITY_TTL_MS = 30 * 60_000;
/** The site's approval period and week start: read again hourly. */
const CONFIGURATION_TTL_MS = 3_600_000;

/** The catalog as the other capabilities use it: issues by key and by number, kept for the process. */
export interface TempoCatalogView extends CatalogPart {
  /** The issue a key names (any case; a moved issue's old key too), through Jira: refused in words where Jira shows none. */
  issueByKey(key: string): Promise<TempoIssue>;
  /** The issue Tempo's number names (a worklog's, a timer's), through Jira where it is not known yet. */
  issueById(id: number): Promise<TempoIssue>;
  /** Issues by Tempo's numbers, in one search where some are not known yet; an issue Jira shows no more is named by its number. */
  issuesById(ids: readonly number[]): Promise<Map<number, TempoIssue>>;
  /** An issue known without asking Jira (the running timer's, as the data folder keeps it): kept as one Jira named. */
  know(issue: TempoIssue): void;
}

/** The work attributes as the timer and the entries use them: what a write sends, and what a worklog carries. */
export interface TempoAttributesView extends EntryFieldsPart {
  /**
   * The attributes a worklog is written with, as Tempo stores them (a static list's value, never its name): what the
   * call gives, the settings' workAttributes for what it leaves out, and (a change) the worklog's own values for the
   * rest; refused in words before anything is sent where the settings name what Tempo does not have.
   */
  toSend(given: readonly FieldWrite[] | undefined, kept?: ReadonlyArray<{ key: string; value: string }>): Promise<Array<{ key: string; value: string }>>;
  /** A worklog's attribute values as an entry shows them: by name, a static list's value by its name. */
  readings(values: ReadonlyArray<{ key?: string; value?: string }> | null | undefined): Promise<NonNullable<TimeEntry['fields']>>;
  /** The definitions without asking Tempo where they are known (a listing shows what it can). */
  known(): EntryFieldDefinition[] | undefined;
}

/** The plan as the account uses it: the person's week from their schedule, where Tempo shows it. */
export interface TempoPlanView extends PlanPart {
  /** The person's required hours a weekday, read off this week's schedule; null where Tempo will not show it (a token without Schemes). */
  week(): Promise<WorkWeek | null>;
  /** Why the schedule is not shown, in words for whoami; null where it is. */
  missing(): string | null;
}

/**
 * What Tempo's cells are made in (providers/grid/cell.ts). Tempo has no organisation account that acts for people:
 * each person connects their own tokens (docs/back-ends/tempo.md, "The team server"), so no cell narrows its
 * endpoints to one or offers anything under an organisation's credential.
 */
export interface TempoGrid extends Grid {
  readonly client: TempoClient;
  readonly person: NoOrganisationAccount;
  readonly context: TempoContext;
  readonly known: TempoFacts | undefined;
  readonly parts: RemoteParts & { catalog: TempoCatalogView; entryFields: TempoAttributesView; plan: TempoPlanView };
}

export class TempoContext {
  readonly options: TempoTrackerOptions;
  readonly client: TempoClient;
  readonly api: TempoApi;
  readonly facts: LearnedFacts<TempoFacts>;
  /** Punchcard's own timer, in the data folder (or the team server's store). */
  readonly timers: TimerFile;
  /**
   * What a token's scopes (chosen when it is made) or the site decide Tempo shows (docs/back-ends/tempo.md, "Optional
   * reads"): the person's schedule (the Schemes scope), the site's accounts (the Accounts scope), the teams (the Teams
   * scope), the approvals a write's check reads (the Approvals scope). Refused as unavailable, each is not known for an
   * hour and the calls go on without it.
   */
  readonly optional: OptionalReads<'schedule' | 'accounts' | 'teams' | 'approvals'>;
  readonly #me = new Expiring<JiraUser>(IDENTITY_TTL_MS);
  readonly #site = new Expiring<JiraServerInfo>(IDENTITY_TTL_MS);
  readonly #configuration = new Expiring<TempoGlobalConfiguration>(CONFIGURATION_TTL_MS);
  readonly #names = new Map<string, string>();

  constructor(options: TempoTrackerOptions, capabilitiesOf: (facts: TempoFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    const { profile } = options;
    this.facts = learnedFacts(options, { file: tempoFacts, key: tempoFactsKey(profile), capabilitiesOf });
    const connection = remoteConnection(options);
    this.client = createTempoClient({
      // Each service its own address and its own secret: the Tempo token to Tempo's host, the Jira one to the site.
      tempo: { ...connection, baseUrl: profile.tempoUrl },
      jira: { ...connection, baseUrl: profile.url, secret: options.secondSecret ?? (async () => null) },
      email: profile.email,
    });
    this.api = this.client.api;
    this.timers = new TimerFile(factsPlace(options), tempoFactsKey(profile));
    this.optional = optionalReads(
      { service: 'Tempo', log: options.log, now: options.now },
      {
        schedule: {
          what: 'your schedule, which a token without the Schemes scope is not shown',
          without: "targets and holidays come from Punchcard's settings, as whoami says",
        },
        accounts: {
          what: "the site's accounts, which a token without the Accounts scope is not shown",
          without: 'an account attribute takes any account key, and Tempo judges it',
        },
        teams: {
          what: 'the teams, which a token without the Teams scope is not shown',
          without: 'the person leads no team Punchcard can see, so team_report is not offered',
        },
        approvals: {
          what: "your periods' timesheet approvals, which a token without the Approvals scope is not shown",
          without: 'a write is checked against no submitted or approved period, and Tempo judges it',
        },
      },
    );
  }

  /** The person (Jira's /myself): their accountId, name and zone; `fresh` reads it again. */
  me(fresh = false): Promise<JiraUser> {
    if (fresh) this.#me.invalidate();
    return this.#me.get(async () => {
      const user = await this.api.myself();
      if (typeof user?.accountId !== 'string' || user.accountId === '') throw unreadable('Jira', 'a profile without its accountId');
      const zone = typeof user.timeZone === 'string' && isValidTimeZone(user.timeZone) ? user.timeZone : undefined;
      if (zone && zone !== this.facts.current.timezone) this.facts.learn({ timezone: zone });
      return user;
    });
  }

  async accountId(): Promise<string> {
    return (await this.me()).accountId;
  }

  /** The site's title and address; `fresh` reads it again. */
  site(fresh = false): Promise<JiraServerInfo> {
    if (fresh) this.#site.invalidate();
    return this.#site.get(async () => (await this.api.serverInfo()) ?? {});
  }

  /**
   * The site's approval period and where its weeks start: learned at an earlier start where known (no request), else
   * read from Tempo's global configuration, and read again hourly.
   */
  async approvalRule(): Promise<ApprovalRule> {
    const known = this.facts.current;
    const fresh = this.options.now() - Date.parse(known.checkedAt ?? '') < CONFIGURATION_TTL_MS;
    if (fresh && known.approvalPeriod !== undefined && known.approvalWeekStart !== undefined) {
      return approvalRuleOf({ approvalPeriod: known.approvalPeriod === 'month' ? 'MONTH' : 'WEEK', approvalWeekStart: known.approvalWeekStart });
    }
    const configuration = await this.#configuration.get(() =>
      this.client.tempoCall<TempoGlobalConfiguration>('GET', '/4/globalconfiguration', {
        action: "read the site's timesheet period",
        scope: 'Approvals',
      }),
    );
    const rule = approvalRuleOf(configuration ?? {});
    this.facts.learn({ approvalPeriod: rule.period, approvalWeekStart: rule.weekStart, checkedAt: new Date(this.options.now()).toISOString() });
    return rule;
  }

  /**
   * The zone Tempo's wall-clock days and times are read and written in: the settings' where they name one, else the
   * person's Jira profile's, else this computer's.
   */
  async zone(): Promise<string> {
    const settings = this.options.timezone();
    if (settings && isValidTimeZone(settings)) return settings;
    return firstValidZone((await this.me()).timeZone ?? undefined);
  }

  /** The zone as known without a request: the settings', else the one learned, else this computer's. */
  knownZone(): string {
    return firstValidZone(this.options.timezone(), this.facts.current.timezone);
  }

  async today(): Promise<string> {
    return localDate(this.options.now(), await this.zone());
  }

  nameOf(user: Pick<JiraUser, 'accountId' | 'displayName' | 'emailAddress'>): string {
    return user.displayName?.trim() || user.emailAddress?.trim() || user.accountId;
  }

  /**
   * People's names by their account ids (Tempo names nobody: Jira's bulk list does), each asked once per process, at
   * most JIRA_USERS_PAGE a request; one Jira does not name is named by their account id.
   */
  async namesOf(accountIds: readonly string[]): Promise<Map<string, string>> {
    const me = await this.me();
    this.#names.set(me.accountId, this.nameOf(me));
    const unknown = [...new Set(accountIds)].filter((id) => !this.#names.has(id));
    for (let at = 0; at < unknown.length; at += JIRA_USERS_PAGE) {
      const answer = await this.api.users(unknown.slice(at, at + JIRA_USERS_PAGE));
      for (const user of answer?.values ?? []) if (typeof user?.accountId === 'string') this.#names.set(user.accountId, this.nameOf(user));
    }
    return new Map(accountIds.map((id) => [id, this.#names.get(id) ?? id]));
  }

  /** 'Tempo Timesheets on "Acme" (acme.atlassian.net) as "Ada Lovelace", with Tempo at api.tempo.io.' for whoami and the connection test. */
  async connectionLine(): Promise<string> {
    const [user, site] = await Promise.all([this.me(), this.site()]);
    const host = hostOf(this.options.profile.url);
    const title = site.serverTitle?.trim();
    // The site's title and the person's name are Jira's: each one quoted line (contract/outcomes/quoted-line.ts).
    return `Tempo Timesheets on ${title && title !== host ? `${quotedLine(title)} (${host})` : host} as ${quotedLine(this.nameOf(user))}, with Tempo at ${hostOf(this.options.profile.tempoUrl)}.`;
  }

  close(): void {
    this.client.close();
  }
}
