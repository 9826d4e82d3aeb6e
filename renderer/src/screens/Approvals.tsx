// The Approvals screen, for a person the engine offers the decision of others' timesheets (issue 67):
// the weeks of their people that wait for their decision, with hours, each opened to its entries
// (the app-only submission_entries), approved, or rejected with a note; each decision asked first. The
// weeks they decided lately follow. Everything comes from the engine's approvals tools, and a refusal
// shows in its code's words for people (main words it from the catalog).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SubmissionEntriesView, SubmissionView } from '../../../window-contract/approvals.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { hoursText, REJECTION_NEEDS_NOTE, WEEK_STATE_BADGES, WEEK_STATE_NAMES } from '../approvals.ts';
import { dateOf, dayShort, isoDuration, rangeLabel, wallClock, weekdayShort } from '../format.ts';
import { useAction, useDurations, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

/** Whether the status offers Approvals: only then is the list asked for. */
function useDecides(): boolean | undefined {
  const { data } = useStore(stores.status);
  return data?.decidesTimesheets;
}

export function ApprovalsScreen() {
  const decides = useDecides();
  const { data, error } = useStore(stores.approvals);
  const [outcome, setOutcome] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useReadyMark('approvals', data !== undefined || decides === false);

  useEffect(() => {
    if (decides) void stores.approvals.ensure();
  }, [decides]);

  const decided = (words: string) => {
    setOutcome(words);
    // The week decided leaves the list: focus goes to the list's heading, where the outcome is said.
    headingRef.current?.focus();
    void stores.approvals.load();
  };

  const waiting = data?.submissions.filter((submission) => submission.status === 'pending') ?? [];
  const done = data?.submissions.filter((submission) => submission.status !== 'pending') ?? [];
  return (
    <>
      <ScreenHeader title="Approvals">
        The timesheets of your people that wait for your decision{data ? `, ${rangeLabel(data.from, data.to)}` : ''}.
      </ScreenHeader>
      {decides === false && (
        <p className="message note" role="note">
          Your time tracker leaves nobody's timesheet to your decision through Punchcard.
        </p>
      )}
      {error && !data && <LoadError message={error} onRetry={() => void stores.approvals.load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      {decides !== false && !data && !error && <Loading what="Loading the approvals" />}
      {data && (
        <section className="card approvals-waiting" aria-labelledby="approvals-waiting-title">
          <div className="card-title">
            <h2 id="approvals-waiting-title" ref={headingRef} tabIndex={-1}>
              Waiting for your decision
            </h2>
            <span className="total">{waiting.length === 0 ? 'None' : `${waiting.length} ${waiting.length === 1 ? 'week' : 'weeks'}`}</span>
          </div>
          {waiting.length === 0 && <p className="muted">No timesheet waits for your decision.</p>}
          {waiting.length > 0 && (
            <ul className="pending-list">
              {waiting.map((submission) => (
                <WaitingSubmission key={submission.id} submission={submission} onDecided={decided} />
              ))}
            </ul>
          )}
          {data.more && <p className="muted">More matched than are listed: decide these, and the next ones show.</p>}
          <StatusText message={outcome} />
        </section>
      )}
      {done.length > 0 && <DecidedList submissions={done} />}
    </>
  );
}

function periodText(submission: SubmissionView): string {
  return rangeLabel(submission.firstDay, submission.lastDay);
}

function WaitingSubmission({ submission, onDecided }: { submission: SubmissionView; onDecided: (words: string) => void }) {
  const id = useId();
  const action = useAction();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState<string | null>(null);
  const [entries, setEntries] = useState<SubmissionEntriesView | null>(null);
  const approveRef = useRef<HTMLButtonElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const what = `${submission.person}’s timesheet, ${periodText(submission)} (${hoursText(submission.hours)})`;

  const decide = async (decision: 'approve' | 'reject') => {
    const result = await action.run(decision, () =>
      api.decideTimesheet({ id: submission.id, decision, ...(decision === 'reject' ? { note: note.trim() } : {}) }),
    );
    if (result) onDecided(result.outcome);
  };
  const keep = () => {
    const back = asking === 'approve' ? approveRef : rejectRef;
    setAsking(null);
    setNoteProblem(null);
    setTimeout(() => back.current?.focus());
  };
  const onReject = (event: FormEvent) => {
    event.preventDefault();
    // Said before anything is sent: the engine would refuse a rejection without a note.
    if (note.trim() === '') {
      setNoteProblem(REJECTION_NEEDS_NOTE);
      noteRef.current?.focus();
      return;
    }
    void decide('reject');
  };
  const toggleEntries = async () => {
    if (entries) return setEntries(null);
    const opened = await action.run('entries', () => api.getSubmissionEntries({ id: submission.id }));
    if (opened) setEntries(opened);
  };

  return (
    <li className="pending-request submission" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`} className="pending-what">
        <strong>{submission.person}</strong> · {periodText(submission)} · {hoursText(submission.hours)}
      </p>
      {asking === null && (
        <div className="pending-choices">
          <Button
            onClick={() => void toggleEntries()}
            busy={action.pending === 'entries'}
            busyLabel="Opening…"
            aria-expanded={entries !== null}
            aria-controls={`${id}-entries`}
            aria-label={`${entries ? 'Hide' : 'Show'} entries of ${what}`}
          >
            {entries ? 'Hide entries' : 'Show entries'}
          </Button>
          <Button ref={approveRef} kind="primary" onClick={() => setAsking('approve')} aria-label={`Approve ${what}`}>
            Approve
          </Button>
          <Button ref={rejectRef} onClick={() => setAsking('reject')} aria-label={`Reject ${what}`}>
            Reject
          </Button>
        </div>
      )}
      {asking === 'approve' && (
        <Confirm
          question={`Approve ${what}?`}
          confirmLabel="Approve"
          busyLabel="Approving…"
          keepLabel="Keep waiting"
          confirmKind="primary"
          busy={action.pending === 'approve'}
          onConfirm={() => void decide('approve')}
          onKeep={keep}
        />
      )}
      {asking === 'reject' && (
        <form className="reject-form" aria-label={`Reject ${what}`} noValidate onSubmit={onReject} onKeyDown={(event) => event.key === 'Escape' && keep()}>
          <Field label="Note (required)" hint="Say what to fix: a rejection needs a note." error={noteProblem ?? undefined}>
            {({ id: fieldId, describedBy, invalid }) => (
              <textarea
                ref={noteRef}
                id={fieldId}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required="true"
                value={note}
                maxLength={1000}
                rows={2}
                autoFocus
                onChange={(event) => {
                  setNote(event.currentTarget.value);
                  if (noteProblem && event.currentTarget.value.trim()) setNoteProblem(null);
                }}
              />
            )}
          </Field>
          <div className="pending-choices">
            <Button kind="danger" submit busy={action.pending === 'reject'} busyLabel="Rejecting…">
              Reject
            </Button>
            <Button onClick={keep}>Keep waiting</Button>
          </div>
        </form>
      )}
      <div id={`${id}-entries`}>{entries && <SubmissionEntries view={entries} />}</div>
      <ErrorText message={action.error?.message} />
    </li>
  );
}

/** A submission's entries, as its approver reads them before deciding. */
function SubmissionEntries({ view }: { view: SubmissionEntriesView }) {
  const durations = useDurations();
  if (view.entries.length === 0) return <p className="muted">The submission holds no entries.</p>;
  return (
    <>
      <table className="submission-entries">
        <caption className="sr-only">
          Entries of {view.submission.person}’s timesheet, {periodText(view.submission)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Time</th>
            <th scope="col">Work</th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((entry) => (
            <tr key={`${entry.start}-${entry.project ?? ''}-${entry.description}`}>
              <td>
                {weekdayShort(dateOf(entry.start))} {dayShort(dateOf(entry.start))}
              </td>
              <td>
                {wallClock(entry.start)} – {entry.end ? wallClock(entry.end) : 'now'}
              </td>
              <td>
                {[entry.project, entry.activity].filter(Boolean).join(' · ') || 'No project'}
                {entry.description && <span className="note"> — {entry.description}</span>}
              </td>
              <td className="num">
                <time dateTime={isoDuration(entry.minutes)}>{durations.text(entry.minutes)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.more && <p className="muted">The submission holds more entries than are shown here.</p>}
    </>
  );
}

/** The weeks the person decided lately (or that were withdrawn), with their status and note. */
function DecidedList({ submissions }: { submissions: SubmissionView[] }) {
  return (
    <section className="card approvals-decided" aria-labelledby="approvals-decided-title">
      <div className="card-title">
        <h2 id="approvals-decided-title">Decided lately</h2>
      </div>
      <ul className="decided-list">
        {submissions.map((submission) => (
          <li key={submission.id}>
            <span>
              <strong>{submission.person}</strong> · {periodText(submission)} · {hoursText(submission.hours)}
            </span>
            <Badge kind={WEEK_STATE_BADGES[submission.status]}>{WEEK_STATE_NAMES[submission.status]}</Badge>
            {submission.note && <span className="pending-comment">“{submission.note}”</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
