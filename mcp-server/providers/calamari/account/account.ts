// Who the person is on Calamari and which modules answer for the key: whoami (with their working
// week), the zone, the background check of the modules (asked only where that can change something:
// an idle server asks Calamari nothing) and the connection test.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { allSettled } from '../../remote/cache.ts';
import { type ConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { Person } from '../../time-tracker.ts';
import { type CalamariContext, type CalamariPlanView, type Module, personName, type CalamariGrid } from '../context.ts';
import { workWeekOf } from '../mapping.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** A module found off is asked about again after a day; one found in use is trusted until it refuses. */
const MODULE_RECHECK_MS = 24 * 3_600_000;

export class CalamariAccount extends CellPart<CalamariContext, NoEndpoints, { plan: CalamariPlanView }> {
  async whoami(): Promise<Person> {
    const employee = await this.context.person(true);
    const week = employee?.workingWeek ? (await this.parts.plan.weeks())?.find((item) => item.id === employee.workingWeek?.id) : undefined;
    const capabilities = this.context.facts.capabilities.current;
    const modules = [`Time & Attendance ${capabilities.has('timer') ? 'in use' : 'off'}`, `Time Off ${capabilities.has('leave') ? 'in use' : 'off'}`];
    const name = employee ? personName(employee) : this.context.email;
    return {
      name,
      connection:
        `Calamari at ${new URL(this.context.options.profile.url).host} as ${quotedLine(name)} (${this.context.email}); ${modules.join('; ')}. ` +
        `The API key is the organisation's; Punchcard acts for ${this.context.email} only.`,
      ...(week ? { workWeek: workWeekOf(week) } : {}),
      holidays: "Calamari's holiday calendar",
    };
  }

  timeZone(): Promise<string | null> {
    return this.context.timeZone();
  }

  /**
   * Which modules answer for this key, asked only where it can change something: a module never
   * asked about, or one found off more than a day ago. A module in use is trusted until one of its
   * calls is refused (which withdraws its tools then), so an idle server asks Calamari nothing.
   */
  async detectFeatures(): Promise<void> {
    const facts = this.context.facts.current;
    const checkedAt = Date.parse(facts.checkedAt ?? '');
    const stale = Number.isNaN(checkedAt) || this.context.options.now() - checkedAt > MODULE_RECHECK_MS;
    const unknown = (module: Module) => facts[module] === undefined || (facts[module] === false && stale);
    const modules = (['timeAndAttendance', 'timeOff'] as const).filter(unknown);
    if (modules.length > 0) {
      try {
        await Promise.all(modules.map((module) => this.context.probe(module)));
      } catch (error) {
        this.context.options.log(`Could not ask Calamari which modules ${this.context.email} may use: ${(error as Error).message}`);
      }
    }
    await this.#learnReports();
  }

  /**
   * Whether Calamari names people this person manages, read when never read or a day after the last
   * read (a new report, or a worker made a manager), as it costs a page of the employee list per few
   * people. A team call reads it too, and withdraws or offers the team tools with what it finds.
   */
  async #learnReports(): Promise<void> {
    const checkedAt = Date.parse(this.context.facts.current.managesCheckedAt ?? '');
    if (!Number.isNaN(checkedAt) && this.context.options.now() - checkedAt <= MODULE_RECHECK_MS) return;
    // Reading the whole employee list counts against the organisation's hourly limit: only for a
    // person who switched the team tools on (the hourly check learns it once they do).
    if (this.context.facts.current.timeAndAttendance === false || this.context.options.teamToolsWanted?.() !== true) return;
    try {
      await this.context.reports(true);
    } catch (error) {
      this.context.options.log(`Could not read from Calamari who reports to ${this.context.email}: ${(error as Error).message}`);
    }
  }

  async testConnection(): Promise<ConnectionReport & { user?: ConnectedUser }> {
    try {
      // The person first: it alone tells a wrong address, a refused key and an unknown e-mail apart.
      // Read afresh, and their zone remembered, so the next start need not ask for it.
      const employee = await this.context.person(true);
      const [timeAndAttendance, timeOff] = await allSettled([this.context.probe('timeAndAttendance'), this.context.probe('timeOff')]);
      if (employee === null && !timeAndAttendance && !timeOff) {
        return {
          ok: false,
          verdict: 'no_permission',
          message:
            'The Calamari API key may not use Time & Attendance, Time Off or the employee list. Ask your Calamari administrator for a key with those groups of endpoints.',
        };
      }
      const name = employee ? personName(employee) : this.context.email;
      const modules = [
        `Time & Attendance ${timeAndAttendance ? 'in use' : 'not available to this key'}`,
        `Time Off ${timeOff ? 'in use' : 'not available to this key'}`,
      ];
      return {
        ok: true,
        verdict: 'ok',
        message:
          `Connected to Calamari at ${new URL(this.context.options.profile.url).host} as ${quotedLine(name)} (${this.context.email}); ${modules.join('; ')}. ` +
          `The key is your organisation's; Punchcard uses it for ${this.context.email} only.`,
        user: { id: this.context.email, name, timezone: employee?.timeZone ?? employee?.timezone ?? '', email: this.context.email },
      };
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      return failedConnection(error);
    }
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid>({
  parts: (context, endpoints, built) => ({ account: new CalamariAccount(context, endpoints, { plan: built.part('plan') }) }),
});
