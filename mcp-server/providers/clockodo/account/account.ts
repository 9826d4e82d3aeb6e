// Who the person is on Clockodo and what they may do: whoami (with their target hours), the zone, the
// background check of their rights, the company's modules and, once the team tools are on, whom they
// lead (each trusted for a day once learned), and the connection test.
import type { ConnectedUser } from '../../remote-tracker.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled } from '../../remote/cache.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { ClockodoContext, ClockodoPlanView } from '../context.ts';
import type { AccountEndpoints } from './endpoints.ts';
import { workWeekOn } from '../mapping.ts';

/** A start reads the person's rights and the company's modules again when they are older than this. */
const RECHECK_MS = 24 * 3_600_000;

export class ClockodoAccount extends CellPart<ClockodoContext, AccountEndpoints, { plan: ClockodoPlanView }> {
  async timeZone(): Promise<string | null> {
    return this.context.facts.current.timezone ?? (await this.context.me()).user.timezone ?? null;
  }

  async whoami(): Promise<Person> {
    const today = this.context.today();
    const [identity, rows] = await allSettled([this.context.me(true), this.parts.plan.targetRows()]);
    const week = rows === 'refused' ? undefined : workWeekOn(rows, today);
    return {
      name: this.context.nameOf(identity.user),
      connection: this.context.connectionLine(identity),
      ...(week ? { workWeek: week } : {}),
      holidays: "Clockodo's non-business days",
    };
  }

  /**
   * Reads the person and the company in the background: their rights and modules decide the tools.
   * What an earlier start (or the app's connection test) learned today is trusted, so a start costs
   * no request of its own; whoami and the connection test read afresh whenever asked. Whom the person
   * leads, which decides the team tools whatever their role, only once they switched the team group
   * on (it costs listings of its own, which nobody else should pay), and again a day later.
   */
  async detectFeatures(): Promise<void> {
    const facts = this.context.facts.current;
    const checkedAt = Date.parse(facts.checkedAt ?? '');
    const known = facts.userId !== undefined && !Number.isNaN(checkedAt) && this.context.options.now() - checkedAt < RECHECK_MS;
    try {
      if (!known) await this.context.me(true);
    } catch (error) {
      this.context.options.log(`Could not ask Clockodo what ${this.context.whom} may do: ${(error as Error).message}`);
      return;
    }
    if (this.context.options.teamToolsWanted?.() !== true || !this.context.leadershipStale()) return;
    try {
      // Acting for a person, whom they lead is read through the owner's account whatever their role (../acting.ts).
      const { acting } = this.context;
      if (acting) {
        const [led, reach] = await Promise.all([acting.led(), acting.absenceReach()]);
        this.context.learnLeadership({ leads: led.people.length > 0, decidesLeave: reach.decides.length > 0 });
      } else await this.context.learnWhomTheyLead();
    } catch (error) {
      this.context.options.log(`Could not read from Clockodo whom ${this.context.whom} leads: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      const identity = await this.context.me(true);
      // The person may read their own clock: the least any Clockodo login can do.
      await this.endpoints.clock('read your running clock');
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${this.context.connectionLine(identity)}`,
        user: {
          id: String(identity.user.id),
          name: this.context.nameOf(identity.user),
          timezone: identity.user.timezone ?? '',
          ...(identity.user.email ? { email: identity.user.email } : {}),
        },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }
}
