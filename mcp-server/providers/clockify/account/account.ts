// Who the person is on Clockify and what their workspace offers: whoami (with their working week and
// where their targets and holidays come from), the zone, the background check (whose the key is,
// which workspace, whether time off answers: asked once per process, time off again only where that
// can change something) and the connection test, which names the person, the workspace and whether
// time off is available.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { allSettled } from '../../remote/cache.ts';
import { type ConnectionReport, failedConnection, RemoteError, remoteRefusal } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { ClockifyContext, ClockifyGrid, ClockifyPlanView } from '../context.ts';
import { ClockifyError } from '../errors.ts';

export class ClockifyAccount extends CellPart<ClockifyContext, NoEndpoints, { plan: ClockifyPlanView }> {
  /** Whose the key is: Clockify's id of the user, read afresh and learning nothing else. */
  async personId(): Promise<string> {
    const user = await this.context.api.user();
    if (!user || typeof user.id !== 'string' || user.id === '') throw new ClockifyError('wrong_service', remoteRefusal('clockify_key_owner_unnamed', {}));
    return user.id;
  }

  async whoami(): Promise<Person> {
    const user = await this.context.person(true);
    const [line, week, sources, workspace] = await allSettled([
      this.context.connectionLine(),
      this.parts.plan.week(),
      this.parts.plan.sources(),
      this.context.workspace(),
    ]);
    return {
      name: this.context.nameOf(user),
      workspace: workspace.name,
      connection: `${line} ${capitalised(sources.targets)}.`,
      ...(week ? { workWeek: week } : {}),
      holidays: sources.holidays,
      ...(sources.holidaysFromSettings ? { holidaysFromSettings: true } : {}),
    };
  }

  timeZone(): Promise<string | null> {
    return this.context.timeZone();
  }

  /**
   * Whose the key is and which workspace, once per process (a new key may be another person's); time
   * off where it was never asked about, or found off more than a day ago. Time off found available
   * is trusted until Clockify refuses one of its calls, which withdraws the leave tools then. The
   * person's role, which decides the team tools and what they may administer, once an hour, and only
   * once they switched the team group or an admin tool on: it costs requests of its own, which nobody
   * else should pay.
   */
  async detectFeatures(): Promise<void> {
    try {
      await this.context.workspace();
      const { timeOff } = this.context.facts.current;
      if (timeOff === undefined || (timeOff === false && this.context.stale())) await this.context.probeTimeOff();
      if (this.context.options.teamToolsWanted?.() || this.context.options.adminToolsWanted?.()) await this.context.teamRole();
    } catch (error) {
      this.context.options.log(`Could not ask Clockify what this workspace offers: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      // The person first: it alone tells a wrong address and a refused key apart; then the workspace
      // (which may not match), and time off, read afresh and remembered for the next start.
      const user = await this.context.person(true);
      await this.context.workspace(true);
      await this.context.probeTimeOff();
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${await this.context.connectionLine()}`,
        user: { id: user.id, name: this.context.nameOf(user), timezone: (await this.context.timeZone()) ?? '', ...(user.email ? { email: user.email } : {}) },
        // Every workspace the key sees, each of which the app may add as a connection of its own.
        workspaces: (await this.context.api.workspaces()).map(({ id, name }) => ({ id, name })),
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      // A key that works but names no workspace it sees (or several and none active) still says which it sees.
      const facts: Record<string, unknown> = { ...error.refusal.facts };
      const seen = Array.isArray(facts.seen) ? (facts.seen as ReadonlyArray<{ id: string; name: string }>) : undefined;
      return { ...failedConnection(error), ...(seen ? { workspaces: seen.map(({ id, name }) => ({ id, name })) } : {}) };
    }
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The cell as the composition takes it, loaded with the tracker (index.ts lists it). It sends nothing of its own:
 * under the organisation's credential, what the context reads for it is narrowed by the root (acting.ts).
 */
export const code = cellCode<ClockifyGrid>({
  parts: (context, endpoints, built) => ({ account: new ClockifyAccount(context, endpoints, { plan: built.part('plan') }) }),
});
