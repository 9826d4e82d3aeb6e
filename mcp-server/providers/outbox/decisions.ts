// The kept writes that wait for the person (docs/decisions.md, "The outbox"), as the window lists
// them: what happened, as the notice the engine already said it with, and the choices. Two, for every kind:
// dismiss it (what the back end has stays as it is) or send it again (the look before a send runs
// again, so a conflict the person cleared up on the web meanwhile no longer stops it). An entry that
// overlaps one the back end has is sent anyway when the person says so: both are theirs to keep. Pure.
import { noticeOf, noticeSentence } from '../../contract/outcomes/notices.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import type { KeptWriteDecision } from '../time-tracker.ts';
import type { OutboxRow } from './outbox-store.ts';
import type { LogTimePayload } from './pending.ts';

/** The list's entry for one row waiting for a decision. */
export function decisionOf(row: OutboxRow, service: string): KeptWriteDecision {
  const notice = row.outcome ?? noticeOf('kept_write_not_sent', { service });
  return {
    id: row.seq,
    kind: row.kind,
    happenedAt: row.happenedAt,
    notice,
    words: modelText(noticeSentence(notice)),
    choices: [
      // Sent anyway, an entry stands beside the one it overlaps; a locked period holds it however it is sent.
      { choice: 'send_again', label: sendAgainLabel(row, notice.code) },
      { choice: 'dismiss', label: `Keep ${service} as it is` },
    ],
  };
}

/** Sent with the tracker's login where whose it was is not known; sent anyway, an entry stands beside the one it overlaps. */
function sendAgainLabel(row: OutboxRow, code: string): string {
  if (code === 'kept_write_login_unknown') return 'Send with this login';
  return row.kind === 'log_time' && code !== 'kept_write_period_locked' ? 'Send anyway' : 'Try again';
}

/** What a row is queued with when the person sends it again: an entry may then overlap another. */
export function payloadToSendAgain(row: OutboxRow): unknown {
  if (row.kind !== 'log_time') return row.payload;
  return { ...(row.payload as LogTimePayload), overlapAccepted: true };
}
