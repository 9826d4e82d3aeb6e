// The timer and the entries under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): every
// endpoint narrowed to the person (acting.ts), the ones it shares with other capabilities as the root narrows them.
// Kimai's `/active`, `/recent` and `/restart` always act for the caller, so they are never sent: emulated with reads
// filtered to the person and a create naming them.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { type KimaiActing, notThePersons, ownerOf, withheldError } from '../acting.ts';
import { KimaiError, type RequestPurpose } from '../errors.ts';
import { readKimaiTime } from '../mapping.ts';
import { relationId } from '../wire.ts';
import type { KimaiTimesheet } from '../wire.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';

export function underOrganisation(api: TimesheetsEndpoints, acting: KimaiActing): TimesheetsEndpoints {
  const { timesheetPage } = acting.shared;
  const createTimesheet = (body: Record<string, unknown>, purpose: RequestPurpose) => created(api, acting, body, purpose);
  return {
    timesheetPage,
    timesheet: acting.shared.timesheet,
    patchTimesheet: acting.shared.patchTimesheet,
    findTags: acting.shared.findTags,
    createTag: acting.shared.createTag,
    activeTimesheets: async () => (await timesheetPage({ active: 1, full: 'true' }, 1, 50, 'begin', 'DESC', { action: 'read the running timer' }))?.items ?? [],
    /** Kimai's /recent: the latest record of each project and activity, newest first. */
    recentTimesheets: async (size) => {
      const page = await timesheetPage({ full: 'true' }, 1, size === 1 ? 1 : 50, 'begin', 'DESC', { action: 'find your last project' });
      const seenCombos = new Set<string>();
      return (page?.items ?? [])
        .filter((sheet) => {
          const combo = `${relationId(sheet.project)}/${relationId(sheet.activity)}`;
          if (seenCombos.has(combo)) return false;
          seenCombos.add(combo);
          return true;
        })
        .slice(0, size);
    },
    createTimesheet,
    stopTimesheet: async (id) => {
      const seen = await acting.look();
      // Kimai validates a stop as any change (TimesheetService::stopTimesheet): a record begun in the lockdown, or
      // exported, is closed to the person's own token, not to the administrator's; so is one begun in a week the
      // plugin's per-user lockdown holds (the stop would end it there).
      const record = await acting.theirRecord(id);
      acting.holds.record(seen, record);
      await acting.holds.approvals(seen, [readKimaiTime(record.begin)]);
      return acting.checked(api.stopTimesheet(id));
    },
    /**
     * Kimai's restart acts for the caller: a new record for the person on the same project and activity instead, begun
     * at restart's `begin` where one is given (held as any record made with a start).
     */
    restartTimesheet: async (id, body) => {
      await acting.look();
      const unknown = Object.keys(body).filter((key) => key !== 'copy' && key !== 'begin');
      if (unknown.length > 0) throw withheldError(`restart a timer with ${unknown.join(', ')}`);
      const last = await acting.theirRecord(id);
      const copy = body.copy === 'all';
      return createTimesheet(
        {
          project: relationId(last.project),
          activity: relationId(last.activity),
          ...(copy && last.description ? { description: last.description } : {}),
          ...(copy && Array.isArray(last.tags) && last.tags.length > 0 ? { tags: last.tags.join(',') } : {}),
          ...(body.begin === undefined ? {} : { begin: body.begin }),
        },
        { action: 'resume your last timer' },
      );
    },
    deleteTimesheet: async (id) => {
      const seen = await acting.look();
      const record = await acting.theirRecord(id);
      acting.holds.record(seen, record);
      await acting.holds.approvals(seen, [readKimaiTime(record.begin)]);
      acting.forget(id);
      return api.deleteTimesheet(id);
    },
    /**
     * A meta field of the person's own record, held as a change of it is (their record, the lockdown, export, approvals),
     * of a rule the person is granted: any other name is not defined for their own token, and Kimai answers it 404.
     */
    setTimesheetMeta: async (id, name, value) => {
      const seen = await acting.look();
      const record = await acting.theirRecord(id);
      const action = `set the field ${name} of time entry #${id}`;
      if (!(await acting.personsRules()).some((rule) => rule.name.toLowerCase() === name.toLowerCase()))
        throw new KimaiError('not_found', remoteRefusal('kimai_no_such_address', { url: acting.baseUrl, action }), 404);
      acting.holds.record(seen, record);
      await acting.holds.approvals(seen, [readKimaiTime(record.begin)]);
      return acting.checked(api.setTimesheetMeta(id, name, value));
    },
  };
}

/**
 * A record made for the person: only the fields their own form takes, naming them, held where their own token would be
 * (the tracking mode, the lockdown, their teams' reach, the plugin's weeks); one Kimai booked for someone else after all
 * is taken back where it can be, and nothing of it trusted.
 */
async function created(api: TimesheetsEndpoints, acting: KimaiActing, body: Record<string, unknown>, purpose: RequestPurpose): Promise<KimaiTimesheet> {
  const seen = await acting.look();
  const sent = acting.personsBody(body, seen);
  await acting.holds.times(seen, body, true);
  const begin = body.begin === undefined ? acting.now() : acting.instantOf(body.begin, seen);
  acting.holds.lockdown(seen, begin);
  await acting.holds.booking(body);
  await acting.holds.approvals(seen, [begin]);
  const made = await api.createTimesheet({ ...sent, user: acting.personId }, purpose);
  if (ownerOf(made) !== acting.personId) {
    await api.deleteTimesheet(made.id).catch(() => undefined);
    throw notThePersons();
  }
  acting.remember([made]);
  return acting.shownOne(made);
}
