// Who the person is on Harvest and how their account keeps time: whoami (with their week from their own weekly
// capacity), the zone (Harvest's name for it, as an IANA zone), the background check (the account, the person and the
// company, once per process and then every few minutes as calls need them) and the connection test, which names the
// person, the account and whether it tracks durations or start and end times.
import { CellPart } from '../../grid/cell-part.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { HarvestContext, HarvestPlanView } from '../context.ts';
import type { AccountEndpoints } from './endpoints.ts';

export class HarvestAccount extends CellPart<HarvestContext, AccountEndpoints, { plan: HarvestPlanView }> {
  async whoami(): Promise<Person> {
    const [user, line, hours, week] = await Promise.all([
      this.context.me(),
      this.context.connectionLine(),
      this.parts.plan.weeklyHours(),
      this.parts.plan.week(),
    ]);
    const target =
      hours === null
        ? "No weekly capacity in your Harvest profile, so targets from Punchcard's settings."
        : `Targets from your weekly capacity in Harvest (${hours} hours) over your working days.`;
    return {
      name: this.context.nameOf(user),
      connection: `${line} ${target}`,
      workWeek: week,
      holidays: "the settings' holiday region (Harvest keeps no holidays)",
      holidaysFromSettings: true,
    };
  }

  async timeZone(): Promise<string | null> {
    return this.context.zone();
  }

  /** The account, the person and the company: nothing here changes the tools, so a failure is only logged. */
  async detectFeatures(): Promise<void> {
    try {
      await Promise.all([this.context.me(), this.context.company()]);
    } catch (error) {
      this.context.options.log(`Could not ask Harvest about your account: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      // The person first: it alone tells a wrong address and a refused token apart; then the company's way of tracking.
      const user = await this.context.me(true);
      await this.context.company(true);
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${await this.context.connectionLine()}`,
        user: { id: String(user.id), name: this.context.nameOf(user), timezone: await this.context.zone(), ...(user.email ? { email: user.email } : {}) },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }
}
