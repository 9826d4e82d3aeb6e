// The team's tools on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md, "Acting for
// others"): every endpoint only the people Clockodo says the person leads or decides, never their own request. The
// shared endpoints as the root narrows them (acting.ts); an endpoint added to endpoints.ts does not compile until it
// is narrowed here.
import { type ClockodoActing, notTheirs, PENDING } from '../acting.ts';
import { BackEndError } from '../../time-tracker.ts';
import type { TeamEndpoints } from './endpoints.ts';
import { withDeciderNote } from './decider-note.ts';
import { leaveStatusOf } from '../mapping.ts';

export function underOrganisation(api: TeamEndpoints, acting: ClockodoActing): TeamEndpoints {
  return {
    entryPage: acting.shared.entryPage,
    customersPage: acting.shared.customersPage,
    projectsPage: acting.shared.projectsPage,
    absences: acting.shared.absences,
    absence: acting.shared.absence,
    usersPage: acting.shared.usersPage,
    // As Clockodo's `manageableAbsences` scope: their own too, which team.ts then refuses to decide in words.
    manageableAbsences: (years) =>
      acting.first(async () => {
        const reach = await acting.absenceReach();
        return acting.absencesOf(years, [acting.userId, ...reach.decides.map((user) => user.id)], 'read the absences you manage');
      }),
    decideAbsence: (id, status) =>
      acting.first(async () => {
        // By id Clockodo names nobody: the absence is read first, and decided only where its person is one the lead decides.
        const current = await api.absence(id);
        if (current.users_id === acting.userId) throw new BackEndError('leave_request_own', { request: id });
        const whose = (await acting.absenceReach()).decides.find((user) => user.id === current.users_id);
        if (!whose) throw new BackEndError('clockodo_leave_request_not_managed', { request: id });
        if (current.status !== PENDING)
          throw new BackEndError('leave_request_decided', {
            request: id,
            person: whose.name ?? `Colleague #${whose.id}`,
            status: leaveStatusOf(current.status),
          });
        const lead = await acting.person();
        // Clockodo names the owner in approved_by: the note names the lead, after the person's own words.
        const decided = await api.decideAbsence(id, status, withDeciderNote(current.note, lead.name ?? `user #${lead.id}`, status));
        if (decided.users_id !== current.users_id) throw notTheirs();
        return decided;
      }),
  };
}
