// A team lead's leave decisions on Kimai's absence plugin, for the team server acting for them with the organisation's
// account (acting.ts; docs/back-ends/kimai.md, "Acting for others"). The plugin's confirm and reject
// (`PATCH /api/absences/{id}/confirm|reject`) name nobody and Kimai judges them against the calling account, which may
// decide anyone's; so a decision is sent only for an absence a listing naming its owner showed, of someone of the teams
// the person leads by their own role, never their own, and still waiting: read again just before, unless it was a moment
// ago. The absence as the plugin answers it names no decider, whichever account decides: the record is what the lead's
// own token would leave, and Punchcard's audit log names the lead.
import { BackEndError } from '../../time-tracker.ts';
import { type KimaiActing, withheldError } from '../acting.ts';
import { absenceLastDay, leaveStatus } from '../mapping.ts';
import type { KimaiAbsence } from '../wire.ts';

/** An absence listed this recently (and found waiting) is not read again before its decision. */
const RECENT_LISTING_MS = 5_000;

/**
 * Confirms or rejects absence `id` for the lead through `send` (the plugin's confirm or reject, as Kimai's API sends
 * it), refused unsent where it is their own, not listed, of someone they do not lead (now), gone or decided meanwhile.
 * Requests: the listing naming its owner (≤ 1), the decision (1).
 */
export async function decidedByLead(acting: KimaiActing, id: number, decide: () => Promise<unknown>): Promise<unknown> {
  if (acting.ownsAbsence(id)) throw new BackEndError('leave_request_own', { request: id });
  const { sees } = await acting.look();
  if (sees.size <= 1) throw withheldError('decide absences');
  const known = acting.listedAbsence(id);
  if (!known) throw new BackEndError('kimai_leave_request_not_listed', { request: id });
  if (known.owner === acting.personId) throw new BackEndError('leave_request_own', { request: id });
  const person = nameOf(known.absence, known.owner);
  if (!sees.has(known.owner)) throw withheldError(`decide the leave of ${person}, whom you do not lead`);
  const current =
    acting.now() - known.at < RECENT_LISTING_MS
      ? known.absence
      : (
          await acting.absencesOf(
            {
              user: known.owner,
              begin: `${known.absence.date.slice(0, 10)}T00:00:00`,
              end: `${absenceLastDay(known.absence)}T23:59:59`,
              status: 'all',
            },
            { action: `read ${person}'s absence before deciding it` },
          )
        ).find((absence) => absence.id === id);
  if (!current) throw new BackEndError('kimai_leave_request_gone', { request: id, person });
  const status = leaveStatus(current.status);
  if (status !== 'pending') throw new BackEndError('leave_request_decided', { request: id, person, status });
  acting.decidedAbsence(id);
  return decide();
}

/** The absence's person as the plugin names them (alias, else login), else by number. */
function nameOf(absence: KimaiAbsence, owner: number): string {
  const user = absence.user;
  if (typeof user === 'object' && user !== null) return user.alias || user.username || `user #${owner}`;
  return `user #${owner}`;
}
