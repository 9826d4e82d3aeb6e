// Who the person is on Toggl Track and where Punchcard works: whoami (the person as asked once this process, the
// workspace and its plan; Toggl keeps no targets per person, so the settings' week is the plan), the zone, the
// background check (the person's role, once a tool it decides is switched on: the team's, the admin's, approvals) and the connection test. /me counts on the person's own quota of 30 requests an hour, so nothing
// here asks it twice in a process: the connection test is the one that asks afresh (docs/back-ends/toggl.md, "Quotas").
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import type { TogglContext, TogglGrid } from '../context.ts';

export class TogglAccount extends CellPart<TogglContext, NoEndpoints> {
  /**
   * Whose the token is: Toggl's id of the user, as asked once this process (/me counts on the person's hourly quota,
   * so it is not asked again for this; a token refused meanwhile is asked about afresh by every read after it).
   */
  async personId(): Promise<string> {
    return String((await this.context.person()).id);
  }

  async whoami(): Promise<Person> {
    const person = await this.context.person();
    return {
      name: person.name,
      connection: `${await this.context.connectionLine()} Targets and holidays from Punchcard's settings (Toggl Track keeps none per person).`,
      holidaysFromSettings: true,
    };
  }

  timeZone(): Promise<string | null> {
    return this.context.timeZone();
  }

  /**
   * The person's role, once they switched the team, an admin or the approvals tools on, and only where the one
   * remembered is a day old, another person's, or none (remote/remembered-role.ts): the workspace's role (read with the
   * workspace, or alone where it was remembered), their own project users, and on Premium with the approvals on their
   * timesheet setups (as member, as approver), and for a workspace admin with the admin tools on their organizations
   * (on their own quota): five requests a day at most. A part Toggl refuses as unavailable is none (context.ts's
   * optional reads), the rest of the role learned all the same. Nothing else in the background: a request Toggl counts
   * by the hour is never spent while nobody asks Punchcard anything.
   */
  async detectFeatures(): Promise<void> {
    const { teamToolsWanted, adminToolsWanted, approvalToolsWanted, log } = this.context.options;
    if (!(teamToolsWanted?.() || adminToolsWanted?.() || approvalToolsWanted?.()) || !this.context.roleStale()) return;
    try {
      await this.context.rights(true);
    } catch (error) {
      log(`Could not read your role in Toggl Track: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      const person = await this.context.person();
      await this.context.workspace(true);
      return {
        ok: true,
        verdict: 'ok',
        message: `Connected to ${await this.context.connectionLine()}`,
        user: { id: String(person.id), name: person.name, timezone: (await this.context.timeZone()) ?? '', ...(person.email ? { email: person.email } : {}) },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid>({
  parts: (context, endpoints) => ({ account: new TogglAccount(context, endpoints, {}) }),
});
