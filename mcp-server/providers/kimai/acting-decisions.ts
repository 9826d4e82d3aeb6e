// A team lead's leave decisions on Kimai's absence plugin, for the team server acting for them with the organisation's
// account (acting-api.ts; docs/back-ends/kimai.md, "Acting for others"). The plugin's confirm and reject
// (`PATCH /api/absences/{id}/confirm|reject`) name nobody and Kimai judges them against the calling account, which may
// decide anyone's; so a decision is sent only for an absence a listing naming its owner showed, of someone of the teams
// the person leads by their own role, never their own, and still waiting: read again just before, unless it was a moment
// ago. The absence as the plugin answers it names no decider, whichever account decides: the record is what the lead's
// own token would leave, and Punchcard's audit log names the lead.
import { BackEndError } from '../time-tracker.ts';
import type { QueryValue } from './api.ts';
import { absenceLastDay, leaveStatus } from './absences.ts';
import type { RequestPurpose } from './errors.ts';
import type { KimaiAbsence } from './wire.ts';

/** An absence listed this recently (and found waiting) is not read again before its decision. */
const RECENT_LISTING_MS = 5_000;

export interface LedAbsenceSources {
  /** The person's Kimai id. */
  personId: number;
  now: () => number;
  /** Whom the person leads by their own role now (acting-api.ts, seenBy): themselves and, for a team lead, their teams' members. */
  sees: () => Promise<ReadonlySet<number>>;
  /** Whether a listing naming the person showed the absence theirs. */
  isOwn: (id: number) => boolean;
  /** One person's absences, through the narrowed listing (it names `user` and checks every answer is theirs). */
  absencesOf: (query: Record<string, QueryValue>, purpose?: RequestPurpose) => Promise<KimaiAbsence[]>;
  /** The plugin's confirm or reject, as Kimai's API sends it. */
  decide: (id: number, decision: 'confirm' | 'reject') => Promise<unknown>;
}

export function ledAbsenceDecisions(sources: LedAbsenceSources) {
  const { personId, now } = sources;
  /** Absences of people the person leads, by id, as the last listing naming their owner showed them. */
  const listed = new Map<number, { owner: number; at: number; absence: KimaiAbsence }>();

  return {
    /** Keeps what a listing naming `owner` (not the person) answered: whose each absence is, for a decision by id. */
    noteListed(owner: number, absences: readonly KimaiAbsence[]): void {
      if (owner === personId) return;
      const at = now();
      for (const absence of absences) listed.set(absence.id, { owner, at, absence });
    },

    /**
     * Confirms or rejects absence `id` for the lead, refused unsent where it is their own, not listed, of someone they do
     * not lead (now), gone or decided meanwhile. Requests: the listing naming its owner (≤ 1), the decision (1).
     */
    async decide(id: number, decision: 'confirm' | 'reject'): Promise<unknown> {
      if (sources.isOwn(id)) throw new BackEndError('leave_request_own', { request: id });
      const sees = await sources.sees();
      if (sees.size <= 1) throw new BackEndError('kimai_acting_for_withheld', { what: 'decide absences' });
      const known = listed.get(id);
      if (!known) throw new BackEndError('kimai_leave_request_not_listed', { request: id });
      if (known.owner === personId) throw new BackEndError('leave_request_own', { request: id });
      const person = nameOf(known.absence, known.owner);
      if (!sees.has(known.owner)) throw new BackEndError('kimai_acting_for_withheld', { what: `decide the leave of ${person}, whom you do not lead` });
      const current =
        now() - known.at < RECENT_LISTING_MS
          ? known.absence
          : (
              await sources.absencesOf(
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
      listed.delete(id);
      return sources.decide(id, decision);
    },
  };
}

/** The absence's person as the plugin names them (alias, else login), else by number. */
function nameOf(absence: KimaiAbsence, owner: number): string {
  const user = absence.user;
  if (typeof user === 'object' && user !== null) return user.alias || user.username || `user #${owner}`;
  return `user #${owner}`;
}
