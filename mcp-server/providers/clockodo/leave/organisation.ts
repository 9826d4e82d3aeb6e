// Leave on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md, "Acting for others"):
// every endpoint filed for the person alone and waiting, withdrawn as their own key could, the calendar naming only
// whom they may see. The shared endpoints as the root narrows them (acting.ts); an endpoint added to endpoints.ts does
// not compile until it is narrowed here.
import { type ClockodoActing, notTheirs, PENDING } from '../acting.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { LeaveEndpoints } from './endpoints.ts';
import { managesAllAbsences } from '../leadership.ts';
import { leaveStatusOf } from '../mapping.ts';
import type { ClockodoAbsence } from '../wire.ts';

export function underOrganisation(api: LeaveEndpoints, acting: ClockodoActing): LeaveEndpoints {
  return {
    absences: acting.shared.absences,
    absence: acting.shared.absence,
    usersPage: acting.shared.usersPage,
    createAbsence: async (body) => {
      const named = acting.naming(body, 'createAbsence');
      // A status other than waiting would be filed with the owner's rights: the person's request waits for a decision.
      if ('status' in body && body.status !== PENDING) throw new BackEndError('clockodo_not_for_others', { request: 'createAbsence' });
      return acting.first(async () => filedWaiting(api, acting, await api.createAbsence({ ...named, status: PENDING })));
    },
    setAbsenceStatus: (id, status) =>
      acting.first(async () => {
        const current = await acting.ownAbsence(id);
        // As their own key: a waiting request withdrawn (4); an approval cancelled (3) only by one who manages absences.
        if (status === 4 && current.status !== PENDING) throw decidedAlready(current);
        if (status === 3 && !(current.status === 1 && managesAllAbsences(await acting.person())))
          throw new BackEndError('clockodo_absence_approved', { absence: id });
        const answer = await api.setAbsenceStatus(id, status);
        acting.changedAbsence(id);
        return answer;
      }),
    deleteAbsence: (id) =>
      acting.first(async () => {
        // Deleting stands in for withdrawing a waiting request (leave.ts); a decided absence is not deleted in their name.
        const current = await acting.ownAbsence(id);
        if (current.status === 1) throw new BackEndError('clockodo_absence_approved', { absence: id });
        if (current.status !== PENDING) throw decidedAlready(current);
        const answer = await api.deleteAbsence(id);
        acting.changedAbsence(id);
        return answer;
      }),
    holidaysQuota: async (userId, year) => {
      acting.onlyThem(userId, 'holidaysQuota');
      return acting.first(async () => onlyTheirRows(acting, await api.holidaysQuota(userId, year)));
    },
    holidaysCarry: async (userId, year) => {
      acting.onlyThem(userId, 'holidaysCarry');
      return acting.first(async () => onlyTheirRows(acting, await api.holidaysCarry(userId, year)));
    },
  };
}

/**
 * The request just filed, read back: it must be the person's and waiting. One Clockodo filed decided all the same (the
 * owner's rights), or for someone else, is deleted again and refused, so no decided request stands in anyone's name.
 */
async function filedWaiting(api: LeaveEndpoints, acting: ClockodoActing, created: ClockodoAbsence): Promise<ClockodoAbsence> {
  const stored = await api.absence(created.id);
  if (stored.users_id === acting.userId && stored.status === PENDING) return stored;
  const removed = await api.deleteAbsence(stored.id).then(
    () => true,
    () => false,
  );
  if (stored.users_id !== acting.userId) throw notTheirs();
  throw new BackEndError('clockodo_leave_filed_decided', { absence: stored.id, status: leaveStatusOf(stored.status), removed });
}

function decidedAlready(absence: ClockodoAbsence): BackEndError {
  return new BackEndError('clockodo_absence_decided', { absence: absence.id, status: leaveStatusOf(absence.status) });
}

/** Rows of a balance asked with the person's id: a row naming someone else is not trusted. */
function onlyTheirRows<Row extends { users_id?: number }>(acting: ClockodoActing, rows: Row[]): Row[] {
  if (rows.some((row) => row.users_id !== undefined && row.users_id !== acting.userId)) throw notTheirs();
  return rows;
}
