// The Team screen, for a person who leads people (docs/decisions.md, "The team group"): a week of the
// hours of everyone the back end lets them see, against each one's target where the back end keeps
// targets, with the days nothing was recorded and who is running a timer; and the leave requests
// waiting for their decision, each with its cost, who else is away then, and approve or reject after a
// second word. Everything comes from the engine's team tools, so the window shows exactly what an AI
// client would be told, and nothing the back end would not show the person.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PendingLeaveView, TeamHoursView } from '../../../window-contract/team.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { addDaysTo, daysText, leaveSpanText, mondayOf, rangeLabel, weekdayShort } from '../format.ts';
import { useAction, useDurations, useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed, useStore } from '../store.ts';
import { LEAVE_TYPE_NAMES, workingTimeCountsWords } from '../words.ts';

type Person = TeamHoursView['people'][number];
type Request = PendingLeaveView['requests'][number];

export function TeamScreen() {
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const { data, error } = useKeyed(stores.team, monday);
  useReadyMark('team', data !== undefined);

  useEffect(() => {
    void stores.team.of(monday).ensure();
  }, [monday]);

  const thisWeek = mondayOf(today());
  return (
    <>
      <ScreenHeader title="Team">
        {data?.hours?.covers ? `Hours of ${data.hours.covers}.` : 'The hours of the people you lead, and the leave waiting for your decision.'}
      </ScreenHeader>
      {error && !data && <LoadError message={error} onRetry={() => void stores.team.of(monday).load()} />}
      {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
      {data?.availability.unavailable && (
        <p className="message note" role="note">
          {data.availability.unavailable}
        </p>
      )}
      {data?.availability.leave && <PendingLeave />}
      {data?.hours && (
        <>
          <div className="toolbar" role="toolbar" aria-label="Week">
            <Button onClick={() => setMonday(addDaysTo(monday, -7))} aria-label="Previous week">
              ‹ Previous
            </Button>
            <Button onClick={() => setMonday(thisWeek)} aria-current={monday === thisWeek ? 'date' : undefined}>
              This week
            </Button>
            <Button onClick={() => setMonday(addDaysTo(monday, 7))} aria-label="Next week">
              Next ›
            </Button>
            <h2 className="period" aria-live="polite">
              {rangeLabel(monday, addDaysTo(monday, 6))}
            </h2>
          </div>
          <TeamHours key={monday} first={data.hours} />
        </>
      )}
      {!data && !error && <Loading what="Loading the team" />}
    </>
  );
}

/** The week's people, the first window from the store and any further windows the person asks for. */
function TeamHours({ first }: { first: TeamHoursView }) {
  const durations = useDurations();
  const [more, setMore] = useState<TeamHoursView[]>([]);
  const action = useAction();
  const firstAddedRef = useRef<HTMLTableRowElement>(null);
  const windowsShown = useRef(0);
  const last = more.at(-1) ?? first;
  const people = [first, ...more].flatMap((window) => window.people);

  // The button pressed stays at the end of the list: focus goes to the first person it added.
  useEffect(() => {
    if (more.length > windowsShown.current) firstAddedRef.current?.focus();
    windowsShown.current = more.length;
  }, [more.length]);

  const showMore = async () => {
    if (last.nextOffset === null) return;
    const next = await action.run('more', () => api.getTeamHours({ date: first.from, offset: last.nextOffset ?? 0 }));
    if (next?.hours) setMore([...more, next.hours]);
  };

  if (people.length === 0) {
    return (
      <p className="message note" role="note">
        Nobody’s hours to show: {first.covers} is nobody.
      </p>
    );
  }
  const firstAdded = people.length - (more.at(-1)?.people.length ?? 0);
  return (
    <section className="card team-hours" aria-labelledby="team-hours-title">
      <div className="card-title">
        <h2 id="team-hours-title">Hours</h2>
        <span className="total">
          {first.total === people.length ? `${first.total} ${first.total === 1 ? 'person' : 'people'}` : `${people.length} of ${first.total} people`}
        </span>
      </div>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col" className="number">
              Worked
            </th>
            <th scope="col">Nothing recorded</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person, index) => (
            <tr
              key={`${person.name}:${index}`}
              ref={more.length > 0 && index === firstAdded ? firstAddedRef : undefined}
              tabIndex={more.length > 0 && index === firstAdded ? -1 : undefined}
            >
              <th scope="row">
                <span className="team-name">{person.name}</span>
                {person.running && <Badge kind="running">Running</Badge>}
                <span className="team-work muted">{workLine(person, durations.text)}</span>
                {person.workingTime && <span className="team-working-time">{workingTimeCountsWords(person.workingTime)}</span>}
              </th>
              <td className="number">
                <strong>{durations.text(person.minutes)}</strong>
                {person.targetMinutes !== null && <span className="muted"> of {durations.text(person.targetMinutes)}</span>}
              </td>
              <td>{person.missingDays.length === 0 ? <span className="muted">—</span> : person.missingDays.map((day) => weekdayShort(day)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last.nextOffset !== null && (
        <Button busy={action.pending === 'more'} busyLabel="Loading more people…" onClick={() => void showMore()}>
          Show more people
        </Button>
      )}
      <ErrorText message={action.error?.message} />
    </section>
  );
}

/** "Running: Website · Design. Website · Design 12 h, Internal 3 h": what they ran and worked on. */
function workLine(person: Person, text: (minutes: number) => string): string {
  const running = person.running ? `Running: ${person.running}. ` : '';
  const projects = person.byProject
    .slice(0, 3)
    .map((group) => `${[group.project, group.activity].filter(Boolean).join(' · ') || 'No project'} ${text(group.minutes)}`)
    .join(', ');
  const rest = person.byProject.length > 3 ? `, and ${person.byProject.length - 3} more` : '';
  return `${running}${projects}${rest}`;
}

/** The requests waiting for the person's decision, read when the screen shows and after each decision. */
function PendingLeave() {
  const { data, error } = useStore(stores.pendingLeave);
  const [outcome, setOutcome] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void stores.pendingLeave.ensure();
  }, []);

  const decided = (words: string) => {
    setOutcome(words);
    // The request decided leaves the list: focus goes to the list's heading, where the outcome is said.
    headingRef.current?.focus();
    void stores.pendingLeave.load();
  };

  return (
    <section className="card pending-leave" aria-labelledby="pending-title">
      <div className="card-title">
        <h2 id="pending-title" ref={headingRef} tabIndex={-1}>
          Waiting for your decision
        </h2>
        {data && (
          <span className="total">
            {data.requests.length === 0
              ? 'None'
              : `${data.requests.length}${data.nextOffset === null ? '' : '+'} ${data.requests.length === 1 ? 'request' : 'requests'}`}
          </span>
        )}
      </div>
      {error && !data && <LoadError message={error} onRetry={() => void stores.pendingLeave.load()} />}
      {data && data.requests.length === 0 && <p className="muted">No leave request waits for your decision.</p>}
      {data && data.requests.length > 0 && (
        <ul className="pending-list">
          {data.requests.map((request) => (
            <PendingRequest key={request.id} request={request} onDecided={decided} />
          ))}
        </ul>
      )}
      {data && data.nextOffset !== null && <p className="muted">More wait: decide these, and the next ones show.</p>}
      <StatusText message={outcome} />
    </section>
  );
}

function PendingRequest({ request, onDecided }: { request: Request; onDecided: (words: string) => void }) {
  const action = useAction();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const approveRef = useRef<HTMLButtonElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const kind = request.kind ?? LEAVE_TYPE_NAMES[request.type];
  const what = `${request.person}’s ${kind.toLowerCase()}, ${leaveSpanText(request)} (${daysText(request.days)})`;

  const decide = async (decision: 'approve' | 'reject') => {
    const result = await action.run(decision, () =>
      api.decideLeave({ id: request.id, decision, ...(decision === 'reject' && reason.trim() ? { reason: reason.trim() } : {}) }),
    );
    if (result) onDecided(result.outcome);
  };
  const keep = () => {
    const back = asking === 'approve' ? approveRef : rejectRef;
    setAsking(null);
    setTimeout(() => back.current?.focus());
  };
  const onReject = (event: FormEvent) => {
    event.preventDefault();
    void decide('reject');
  };

  return (
    <li className="pending-request" aria-labelledby={`pending-${request.id}`}>
      <p id={`pending-${request.id}`} className="pending-what">
        <strong>{request.person}</strong> · {kind}, {leaveSpanText(request)} · {daysText(request.days)}
      </p>
      {request.comment && <p className="pending-comment">“{request.comment}”</p>}
      <p className="muted">{request.alsoAway.length === 0 ? 'Nobody else you see is away then.' : `Also away then: ${request.alsoAway.join(', ')}.`}</p>
      {asking === null && (
        <div className="pending-choices">
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
          busy={action.pending === 'approve'}
          onConfirm={() => void decide('approve')}
          onKeep={keep}
        />
      )}
      {asking === 'reject' && (
        <form className="reject-form" aria-label={`Reject ${what}`} onSubmit={onReject} onKeyDown={(event) => event.key === 'Escape' && keep()}>
          <Field label="Reason (optional)" hint="Sent where the tracker keeps one; otherwise Punchcard says so, and you tell them yourself.">
            {({ id, describedBy }) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                value={reason}
                maxLength={500}
                rows={2}
                autoFocus
                onChange={(event) => setReason(event.currentTarget.value)}
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
      <ErrorText message={action.error?.message} />
    </li>
  );
}
