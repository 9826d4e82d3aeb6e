// The line a decision made through the organisation account adds to the absence's note (organisation.ts). Clockodo
// names the key's user, the company owner, as the one who approved or declined (`approved_by`), and keeps no note of
// a decision; the absence's private note, which only its person and those who manage absences read, is the one place
// that can say who decided. The person's own words stay as they were, with the line after them.
// Pure: no request here.

/** Clockodo's statuses for a decision: 1 approved, 2 declined. */
export type DecisionStatus = 1 | 2;

/** The note after a decision by `lead`: the person's note kept whole, then one line saying who decided and how. */
export function withDeciderNote(note: string | null | undefined, lead: string, status: DecisionStatus): string {
  const line = `${status === 1 ? 'Approved' : 'Declined'} by ${lead} through Punchcard (Clockodo names the company's account).`;
  const kept = note?.trimEnd() ?? '';
  return kept === '' ? line : `${kept}\n${line}`;
}
