// Who the person is on Harvest and how their account keeps time: whoami (with their week from their own weekly
// capacity), the zone (Harvest's name for it, as an IANA zone), the background check (the person's role, once a tool
// it decides is switched on) and the connection test, which names the person, the account and whether it tracks
// durations or start and end times.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { type ConnectionReport, failedConnection, RemoteError, remoteRefusal } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { HarvestContext, HarvestPlanView, HarvestGrid } from '../context.ts';
import { HarvestError } from '../errors.ts';

export class HarvestAccount extends CellPart<HarvestContext, NoEndpoints, { plan: HarvestPlanView }> {
  /** Whose the token is: Harvest's id of the user, read afresh and learning nothing else. */
  async personId(): Promise<string> {
    const user = await this.context.api.usersMe();
    if (typeof user?.id !== 'number') throw new HarvestError('wrong_service', remoteRefusal('harvest_unreadable', { what: 'a profile without its id' }));
    return String(user.id);
  }

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

  /**
   * The person's role, once they switched the team, an admin or an approvals tool on, and only where the one remembered
   * is a day old, another person's, or none (remote/remembered-role.ts): their own profile and project assignments (and
   * the company, whose modules decide approvals and invoices), three requests a day at most. Nothing else is asked:
   * every request counts on the person's 100 in 15 seconds, and a call reads what it needs when it needs it.
   */
  async detectFeatures(): Promise<void> {
    const { teamToolsWanted, adminToolsWanted, approvalToolsWanted, log } = this.context.options;
    if (!(teamToolsWanted?.() || adminToolsWanted?.() || approvalToolsWanted?.()) || !this.context.roleStale()) return;
    try {
      await Promise.all([this.context.rights(true), this.context.company()]);
    } catch (error) {
      log(`Could not read your role in Harvest: ${(error as Error).message}`);
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

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid>({
  parts: (context, endpoints, built) => ({ account: new HarvestAccount(context, endpoints, { plan: built.part('plan') }) }),
});
