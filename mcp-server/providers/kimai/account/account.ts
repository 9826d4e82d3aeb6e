// Who the person is on Kimai and what the server offers them: whoami, the zone, the background check
// for the absence and approval plugins and the connection test, which also teaches the next start.
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled } from '../../remote/cache.ts';
import type { Person } from '../../time-tracker.ts';
import { probeAbsencePlugin, probeApprovalPlugin, testConnection, type ConnectionReport } from './connection-test.ts';
import type { KimaiContext } from '../context.ts';
import { personName } from '../facts.ts';
import type { AccountEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export class KimaiAccount extends CellPart<KimaiContext, AccountEndpoints> {
  /**
   * The zone tools read and show times in. A zone remembered from an earlier profile read saves the
   * first call of a start a request of its own; every profile read (each call that needs the user)
   * corrects it.
   */
  async timeZone(): Promise<string | null> {
    return this.context.facts.current.timezone ?? (await this.context.profile()).timezone;
  }

  /** Whose the token is: Kimai's id of the user, read afresh and learning nothing else (a folder not yet known to be theirs keeps no fact of them). */
  async personId(): Promise<string> {
    return String((await this.context.api.me()).id);
  }

  async whoami(): Promise<Person> {
    // A fresh profile read: whoami doubles as the live connection check in a chat. The tracking mode
    // is said when the settings are at hand; a connection test (or --test-connection) says the rest.
    const [me, session] = await allSettled([this.context.freshProfile(), this.context.sessionIfKnown()]);
    const leave = this.context.facts.capabilities.current.has('leave');
    const plugin = this.context.options.actingFor
      ? `through your company's account, which Punchcard narrows to your own time${leave ? ' and leave' : ' (leave tools off)'}`
      : leave
        ? 'absence plugin available'
        : 'no absence plugin (leave tools off)';
    const mode = session ? `; tracking mode ${session.config.trackingMode}` : '';
    return { name: personName(me), connection: `Kimai at ${this.context.baseUrl} as ${quotedLine(me.username)}${mode}; ${plugin}.` };
  }

  /**
   * Asks the server whether the absence plugin is there, remembers the answer for the next start and
   * switches the leave tools when it changed. The engine runs this in the background after start; a
   * server that cannot be reached leaves everything as it was. A plugin remembered as present is not
   * asked about again: should it be gone, the first leave request's 404 says so and withdraws the
   * tools (leave/leave.ts), so a session pays for the check only where it can change something.
   */
  async detectFeatures(): Promise<void> {
    // Whether the person leads a team is read from their profile (context.ts learns it with every read).
    // So is the role that decides what they may administer.
    const stored = this.context.facts.stored();
    // Acting for a person, the person is read every time (their role decides the team tools), and the plugins are asked
    // as for anyone: the absence plugin's type list names nobody, the ApprovalBundle's week names the person (acting.ts).
    if (this.context.options.actingFor) {
      await this.context.profile().catch((error: unknown) => this.context.options.log(`Could not read your Kimai account: ${(error as Error).message}`));
    } else if (stored?.leads === undefined || stored.role === undefined) {
      try {
        await this.context.profile();
      } catch (error) {
        this.context.options.log(`Could not read your Kimai profile to see whether you lead a team: ${(error as Error).message}`);
      }
    }
    await this.#detectApprovals();
    if (this.context.facts.stored()?.absences === true) return;
    let plugin;
    try {
      plugin = await probeAbsencePlugin(this.endpoints);
    } catch (error) {
      this.context.options.log(`Could not check ${this.context.baseUrl} for the absence plugin: ${(error as Error).message}`);
      return;
    }
    if (plugin === 'forbidden') this.context.options.log('Kimai has the absence plugin, but your account may not use it; the leave tools are off.');
    this.context.learnAbsences(plugin === 'present');
  }

  /**
   * Whether the ApprovalBundle plugin answers, asked once the person switched an approvals tool on (the
   * group is off by default: nobody else pays for the question). Unlike the absence plugin it is offered
   * only once found (cells.ts), so while it is not known to be there it is asked every hour: one
   * installed later shows within the hour. One remembered as there is not asked again: should it be gone, the first 404
   * of its routes withdraws the tools (approvals/approvals.ts), and a write's check of the locks then asks no more.
   */
  async #detectApprovals(): Promise<void> {
    if (this.context.options.approvalToolsWanted?.() !== true || this.context.facts.stored()?.approvals === true) return;
    let plugin;
    try {
      plugin = await probeApprovalPlugin(this.endpoints, new Date(this.context.options.now()).toISOString().slice(0, 10));
    } catch (error) {
      this.context.options.log(`Could not check ${this.context.baseUrl} for the ApprovalBundle plugin: ${(error as Error).message}`);
      return;
    }
    this.context.learnApprovals(plugin === 'present');
  }

  /** The connection test also teaches the next start: the plugin answer and the profile's zone. */
  async testConnection(): Promise<ConnectionReport> {
    const report = await testConnection(this.endpoints, this.context.baseUrl);
    if (report.ok && report.absences && report.user) this.context.facts.learn({ absences: report.absences === 'present', timezone: report.user.timezone });
    return report;
  }
}
