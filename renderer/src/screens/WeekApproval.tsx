// The Timesheet's card of the week's timesheet approval (issue 67): its status (not submitted, waiting,
// approved, rejected with the approver's note or where the note went), why a locked week's entries stay
// as they are, and "Submit week", asked first here, naming the week and its hours: the app's own engine
// asks the person nothing. Shown only where the back end has approvals (the week's `approval` is there).
import { useId, useRef, useState } from 'react';
import type { WeekApprovalView } from '../../../window-contract/approvals.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, StatusText } from '../components.tsx';
import { canSubmitWeek, stateDetail, WEEK_STATE_BADGES, WEEK_STATE_NAMES, weekState, weekSubmission } from '../approvals.ts';
import { addDaysTo, rangeLabel } from '../format.ts';
import { useAction, useDurations } from '../hooks.ts';
import { today } from '../store.ts';

/** The id of a lock's words, which a locked day's controls are described by. */
export function lockWordsId(firstDay: string): string {
  return `week-lock-${firstDay}`;
}

interface Props {
  approval: WeekApprovalView;
  monday: string;
  /** The person's time in the week, as the Timesheet counts it: what the question names. */
  weekMinutes: number;
  onSubmitted(approval: WeekApprovalView, outcome: string): void;
}

export function WeekApproval({ approval, monday, weekMinutes, onSubmitted }: Props) {
  const id = useId();
  const action = useAction();
  const durations = useDurations();
  const [asking, setAsking] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const sunday = addDaysTo(monday, 6);
  const submission = weekSubmission(approval, monday, sunday);
  const state = weekState(submission);
  const detail = stateDetail(submission, approval);
  const week = rangeLabel(monday, sunday);
  const offered = canSubmitWeek(approval, monday, today());

  const keep = () => {
    setAsking(false);
    requestAnimationFrame(() => submitRef.current?.focus());
  };
  const submit = async () => {
    const result = await action.run('submit', () => api.submitWeek({ date: monday }));
    if (!result) {
      // The refusal shows under the button, which has focus again.
      keep();
      return;
    }
    setAsking(false);
    setSaid(result.outcome);
    onSubmitted(result.approval, result.outcome);
    // The button is gone: focus stays in the card, on its heading, where the outcome is said.
    requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus());
  };

  return (
    <section className="card week-approval" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`} tabIndex={-1}>
          Approval
        </h2>
        <Badge kind={WEEK_STATE_BADGES[state]}>{WEEK_STATE_NAMES[state]}</Badge>
      </div>
      {approval.problem && <p className="message note">Could not read this week's approval: {approval.problem}</p>}
      {submission && submission.period !== 'week' && (
        <p className="muted">
          Submitted as {rangeLabel(submission.firstDay, submission.lastDay)}
          {submission.hours === null ? '' : `, ${submission.hours} h`}.
        </p>
      )}
      {detail && <p className="approval-detail">{detail}</p>}
      {approval.locks.map((lock) => (
        <p key={lock.firstDay} id={lockWordsId(lock.firstDay)} className="message note lock-words" role="note">
          {lock.words}
        </p>
      ))}
      {offered && !asking && (
        <Button ref={submitRef} kind="primary" onClick={() => setAsking(true)} aria-label={`Submit week ${week} for approval`}>
          Submit week
        </Button>
      )}
      {offered && asking && (
        <Confirm
          question={`Submit your timesheet for ${week} (${durations.text(weekMinutes)}) for approval? ${approval.backEnd} may keep its time as it is until it is decided.`}
          confirmLabel="Submit"
          busyLabel="Submitting…"
          keepLabel="Not yet"
          confirmKind="primary"
          busy={action.pending === 'submit'}
          onConfirm={() => void submit()}
          onKeep={keep}
        />
      )}
      <ErrorText message={action.error?.message} />
      <StatusText message={said} />
    </section>
  );
}
