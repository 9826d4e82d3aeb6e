// Who the person is on Tempo Timesheets: whoami (their Jira profile, the site, Tempo's host, and their week from their
// Tempo schedule), their zone (the Jira profile's), whose the login is (Jira's accountId), the background check (whom
// they lead, asked only once the team tools are on: Tempo's teams count on its 5 requests a second) and the
// connection test: who, on which site and Tempo host, and which of the Tempo token's scopes are missing (each asked
// with one small read; a token's scopes are chosen when it is made).
import { localDate } from '../../../domain/time.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { TempoContext, TempoGrid, TempoPlanView } from '../context.ts';
import type { TempoScope } from '../errors.ts';
import { accountEndpoints, type AccountEndpoints } from './endpoints.ts';

/** What each scope a connection test finds missing leaves out, in words. */
const SCOPE_USES: Readonly<Record<Exclude<TempoScope, 'Accounts'>, string>> = {
  Worklogs: 'your worklogs',
  Schemes: 'your schedule',
  Approvals: 'timesheet approvals',
  Teams: "your team's report",
};

export class TempoAccount extends CellPart<TempoContext, AccountEndpoints, { plan: TempoPlanView }> {
  /** Whose the Jira login is: its accountId, read afresh and learning nothing else. */
  async personId(): Promise<string> {
    return (await this.context.me(true)).accountId;
  }

  async whoami(): Promise<Person> {
    const [user, line, week] = await Promise.all([this.context.me(), this.context.connectionLine(), this.parts.plan.week()]);
    const target = week === null ? (this.parts.plan.missing() ?? "Targets come from Punchcard's settings.") : 'Targets and holidays from your Tempo schedule.';
    return {
      name: this.context.nameOf(user),
      connection: `${line} ${target}`,
      ...(week === null ? { holidaysFromSettings: true } : { workWeek: week, holidays: "your Tempo schedule's holidays" }),
    };
  }

  async timeZone(): Promise<string | null> {
    return this.context.zone();
  }

  /**
   * Whom the person leads, once the team tools are on (each Tempo request counts on its 5 a second); nothing else is
   * asked. The teams are an optional read (context.ts): a token without the Teams scope shows none, and the person
   * leads none Punchcard can see; any other failure leaves what was known.
   */
  async detectFeatures(): Promise<void> {
    if (this.context.options.teamToolsWanted?.() !== true) return;
    const accountId = await this.context.accountId();
    const teams = await this.context.optional.teams.read(() => this.endpoints.teams(), null);
    const leads = teams?.some((team) => team?.lead?.accountId === accountId) ?? false;
    if (leads !== this.context.facts.current.leadsTeams) this.context.facts.learn({ leadsTeams: leads });
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      // Jira first: it alone says who the person is, and a refused e-mail and token are told apart from Tempo's.
      const user = await this.context.me(true);
      await this.context.site(true);
      const day = localDate(this.context.options.now(), await this.context.zone());
      const missing = await this.#missingScopes(user.accountId, day);
      const line = await this.context.connectionLine();
      if (missing.includes('Worklogs')) {
        return {
          ok: false,
          verdict: 'no_permission',
          message: `${line} But your Tempo API token lacks the Worklogs scope, without which Punchcard can neither read nor book your time: make a new one with the Worklogs, Schemes, Approvals and Teams scopes.`,
        };
      }
      const lacking =
        missing.length === 0
          ? ''
          : ` Your Tempo API token lacks the ${listed(missing)} scope${missing.length > 1 ? 's' : ''}, so Punchcard cannot read ${listed(missing.map((scope) => SCOPE_USES[scope]))}; a token's scopes are chosen when it is made.`;
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${line}${lacking}`,
        user: {
          id: user.accountId,
          name: this.context.nameOf(user),
          timezone: await this.context.zone(),
          ...(user.emailAddress ? { email: user.emailAddress } : { email: this.context.options.profile.email }),
        },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }

  /** The scopes the Tempo token lacks, each found by one small read it is refused (403); any other failure is said. */
  async #missingScopes(accountId: string, day: string): Promise<Array<Exclude<TempoScope, 'Accounts'>>> {
    const probes: Array<[Exclude<TempoScope, 'Accounts'>, () => Promise<unknown>]> = [
      ['Worklogs', () => this.endpoints.probeWorklogs(accountId, day)],
      ['Schemes', () => this.endpoints.probeSchedule(day)],
      ['Approvals', () => this.endpoints.probeApprovals(accountId, day)],
      ['Teams', () => this.endpoints.probeTeams()],
    ];
    const missing: Array<Exclude<TempoScope, 'Accounts'>> = [];
    for (const [scope, probe] of probes) {
      try {
        await probe();
      } catch (error) {
        if (error instanceof RemoteError && error.status === 403) missing.push(scope);
        else throw error;
      }
    }
    return missing;
  }
}

function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, AccountEndpoints>({
  endpoints: accountEndpoints,
  parts: (context, endpoints, built) => ({ account: new TempoAccount(context, endpoints, { plan: built.part('plan') }) }),
});
