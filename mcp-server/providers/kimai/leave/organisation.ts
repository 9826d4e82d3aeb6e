// Leave under the organisation's credential (docs/back-ends/kimai.md, "Acting for others"): every endpoint narrowed to
// the person (acting.ts), the listing as the root narrows it. A request is filed for the person alone and waits for a
// decision as their own would; an absence is cancelled only once a listing naming the person showed it theirs.
import { LEAVE_YEARS_AHEAD } from '../../../domain/call-limits.ts';
import { localDate } from '../../../domain/time.ts';
import { BackEndError } from '../../time-tracker.ts';
import { type KimaiActing, notThePersons, ownerOf, withheldError } from '../acting.ts';
import type { KimaiAbsence } from '../wire.ts';
import type { LeaveEndpoints } from './endpoints.ts';

/** The fields an absence request may carry for a person (their own form's): never a status, nor anyone else as `user`. */
const ABSENCE_FIELDS: ReadonlySet<string> = new Set(['type', 'date', 'end', 'halfDay', 'comment', 'user']);
/**
 * The absence types the plugin approves at once for everyone, the person's own filing included (its documentation:
 * sickness needs no approval): approved on filing, such a request is what the person's own token would have made.
 */
const APPROVED_FOR_EVERYONE: ReadonlySet<string> = new Set(['sickness']);

export function underOrganisation(api: LeaveEndpoints, acting: KimaiActing): LeaveEndpoints {
  return {
    absences: acting.shared.absences,
    createAbsence: (body) => filed(api, acting, body),
    /**
     * Deletes an absence by id (a request that names nobody) only once a listing naming the person showed it theirs: read
     * from last year as far ahead as leave is listed where no listing did yet. Requests: the listing (≤ 1), the deletion (1).
     */
    deleteAbsence: async (id) => {
      const seen = await acting.look();
      if (!acting.ownsAbsence(id)) {
        const year = Number(localDate(acting.now(), seen.personZone).slice(0, 4));
        const years = { begin: `${year - 1}-01-01T00:00:00`, end: `${year + LEAVE_YEARS_AHEAD}-12-31T23:59:59`, status: 'all' };
        await acting.absencesOf(years, { action: 'find the absence among yours' });
        if (!acting.ownsAbsence(id)) throw new BackEndError('kimai_absence_not_found', { absence: id });
      }
      await api.deleteAbsence(id);
      acting.ownAbsence(id, false);
      return undefined;
    },
  };
}

/**
 * Files the person's absence with `user` naming them, then reads it back from their own listing: the plugin's status
 * for an administrator's filing for someone else is not known, and a request filed for the person must wait for a
 * decision as their own would. One answered or read back approved (but sickness, approved for everyone) is deleted
 * again and refused in words. Requests: the filing (1), the read back (1), and the deletion where it was approved.
 */
async function filed(api: LeaveEndpoints, acting: KimaiActing, body: Record<string, unknown>): Promise<KimaiAbsence[]> {
  await acting.look();
  const unknown = Object.keys(body).filter((key) => !ABSENCE_FIELDS.has(key));
  if (unknown.length > 0) throw withheldError(`set ${unknown.join(', ')} on an absence`);
  if (body.user !== undefined && Number(body.user) !== acting.personId) throw withheldError('request absences for someone else');
  const answer = await api.createAbsence({ ...body, user: acting.personId });
  const made = Array.isArray(answer) ? answer : [answer];
  const takeBack = () =>
    Promise.all(
      made.map((absence) =>
        api.deleteAbsence(absence.id).then(
          () => true,
          () => false,
        ),
      ),
    );
  if (made.some((absence) => ownerOf(absence) !== acting.personId)) {
    // Filed for someone else after all: taken back where it can be, and nothing of it trusted.
    await takeBack();
    throw notThePersons();
  }
  const first = String(body.date);
  const last = typeof body.end === 'string' ? body.end : first;
  const readBack = { user: acting.personId, begin: `${first}T00:00:00`, end: `${last}T23:59:59`, status: 'all' };
  // Unread, its status is unknown: taken back rather than left standing, perhaps approved.
  const listed = await acting.absencesOf(readBack, { action: 'read back the absence filed for you' }).catch(async (error: unknown) => {
    await takeBack();
    throw error;
  });
  const kept = made.map((absence) => listed.find((item) => item.id === absence.id) ?? absence);
  if (kept.some((absence) => absence.status === 'approved' && !APPROVED_FOR_EVERYONE.has(absence.type))) {
    const undone = await takeBack();
    made.forEach((absence, index) => undone[index] && acting.ownAbsence(absence.id, false));
    throw new BackEndError('kimai_absence_approved_at_once', { first_day: first, last_day: last, taken_back: undone.every(Boolean) });
  }
  for (const absence of kept) acting.ownAbsence(absence.id, true);
  return kept;
}
