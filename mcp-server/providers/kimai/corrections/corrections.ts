// Bulk corrections of time entries on Kimai (docs/back-ends/kimai.md, "Administration"). Whose entries
// a person may correct is what Kimai itself shows them with `user=all`: an administrator everyone's
// (edit_other_timesheet), a team lead their own and their teams' members' (edit_team_timesheet), so the
// scope is Kimai's, never assumed. An exported entry needs edit_exported_timesheet (administrators); the
// lockdown comes from the settings (Kimai publishes none) and holds for every role here. Each change is
// one PATCH; a 403 withdraws the capability at once.
import { lockedPeriod } from '../../../domain/kimai-lockdown.ts';
import { formatWallClock } from '../../../domain/time.ts';
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../../../domain/corrections.ts';
import { refusalOf } from '../../../contract/outcomes/refusals.ts';
import { allPages } from '../../remote/paging.ts';
import { CellPart } from '../../grid/cell-part.ts';
import type { CorrectionsPart } from '../../time-tracker.ts';
import { MAX_PAGE_SIZE } from '../api.ts';
import type { KimaiContext } from '../context.ts';
import { isKimaiAdmin, personName } from '../facts.ts';
import type { CorrectionsEndpoints } from './endpoints.ts';
import { readKimaiTime } from '../mapping.ts';
import type { KimaiTimesheet } from '../wire.ts';

export class KimaiCorrections extends CellPart<KimaiContext, CorrectionsEndpoints> implements CorrectionsPart {
  async correctionWorld(scope: CorrectionScope): Promise<CorrectionWorld> {
    const me = await this.context.profile();
    // Kimai's `end` filter is on a record's begin, both ends included.
    const filter = {
      begin: formatWallClock(scope.from, me.timezone),
      end: formatWallClock(scope.to - 1_000, me.timezone),
      user: 'all',
      full: 'true',
      ...(scope.projectId === undefined ? {} : { project: scope.projectId }),
      ...(scope.activityId === undefined ? {} : { activity: scope.activityId }),
    };
    const sheets = await allPages(this.context.pager, (page) =>
      this.endpoints.timesheetPage(filter, page, MAX_PAGE_SIZE, 'begin', 'ASC', { action: 'read the time entries to correct' }),
    );
    const admin = isKimaiAdmin(me);
    const lockdown = this.context.options.profile.lockdown;
    return {
      entries: sheets.map((sheet) => subject(sheet, me.id === idOf(sheet.user) ? personName(me) : undefined)),
      locked: lockdown ? lockedPeriod(lockdown, this.context.options.now(), me.timezone) : undefined,
      editsExported: admin,
      covers: admin ? "everyone's entries" : "your own entries and your teams' members'",
    };
  }

  async knownTags(names: readonly string[]): Promise<string[]> {
    const known: string[] = [];
    for (const name of names) {
      const wanted = name.trim().toLowerCase();
      // Kimai's find matches part of a name; a timesheet takes only a visible tag's whole name.
      const found = (await this.endpoints.findTags(name.trim())).find((tag) => tag.name.toLowerCase() === wanted && tag.visible !== false);
      if (found) known.push(found.name);
    }
    return known;
  }

  async correct(entry: CorrectionSubject, set: CorrectionSet): Promise<CorrectionSubject> {
    const body: Record<string, unknown> = {};
    if (set.projectId !== undefined) body.project = set.projectId;
    if (set.activityId !== undefined) body.activity = set.activityId;
    if (set.billable !== undefined) body.billable = set.billable;
    if (set.exported !== undefined) body.exported = set.exported;
    // Kimai's tags field replaces the entry's tags: the ones it has go along with the new ones.
    if (set.addTags !== undefined) body.tags = [...new Set([...entry.tags, ...set.addTags])].join(',');
    // The missing right depends on the person's role, read only once Kimai has refused (and the tool is withdrawn).
    const refusal = async () => {
      const me = await this.context.profile();
      const permission = entry.exported ? 'edit_exported_timesheet' : isKimaiAdmin(me) ? 'edit_other_timesheet' : 'edit_team_timesheet';
      return refusalOf('kimai_correction_denied', { entry: entry.id, permission });
    };
    const answer = await this.context.administering('corrections', refusal, () =>
      this.endpoints.patchTimesheet(entry.id, body, { action: `correct time entry #${entry.id}` }),
    );
    return { ...subject(answer, entry.person), person: entry.person, login: entry.login, personId: entry.personId };
  }
}

function idOf(relation: KimaiTimesheet['user'] | KimaiTimesheet['project'] | KimaiTimesheet['activity']): number | null {
  if (typeof relation === 'number') return relation;
  return relation && typeof relation === 'object' ? relation.id : null;
}

function subject(sheet: KimaiTimesheet, name: string | undefined): CorrectionSubject {
  const user = sheet.user;
  const personId = idOf(user) ?? 0;
  return {
    id: sheet.id,
    start: readKimaiTime(sheet.begin),
    end: sheet.end === null || sheet.end === undefined ? null : readKimaiTime(sheet.end),
    personId,
    person: typeof user === 'object' && user !== null ? personName(user) : (name ?? `user #${personId}`),
    login: typeof user === 'object' && user !== null ? user.username : '',
    projectId: idOf(sheet.project),
    activityId: idOf(sheet.activity),
    billable: sheet.billable !== false,
    exported: sheet.exported === true,
    tags: sheet.tags ?? [],
  };
}
