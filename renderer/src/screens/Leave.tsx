// The year's leave: the balance as the back end (or the settings) keep it, every request with its
// status, a pending one withdrawn where the back end allows it, and a new request whose cost in
// working days, what it leaves of the balance and who else is away then are shown before it is sent,
// counted by the engine over its own calendar. A request beyond the balance is sent only once the
// person confirms it here.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { LeaveBalanceView, LeavePreview, LeaveRequestInput, LeaveRequestView, LeaveTypeName, LeaveView } from '../../../window-contract/leave.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { addDaysTo, dayFull, dayShort, daysText, leaveSpanText as spanText } from '../format.ts';
import { useAction, useBackEndName, useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';

export { LEAVE_TYPE_NAMES } from '../words.ts';

const STATUS_BADGES: Record<LeaveRequestView['status'], string> = { pending: 'warn', approved: 'ok', rejected: 'bad', cancelled: 'neutral' };

export function LeaveScreen() {
  const [year, setYear] = useState(() => Number(today().slice(0, 4)));
  const { data, error } = useKeyed(stores.leave, String(year));
  const [filing, setFiling] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  useReadyMark('leave', data !== undefined);

  useEffect(() => {
    void stores.leave.of(String(year)).ensure();
  }, [year]);

  const reload = () => void stores.leave.of(String(year)).load();

  return (
    <>
      <ScreenHeader title="Leave" />
      <div className="toolbar" role="toolbar" aria-label="Year">
        <Button onClick={() => setYear(year - 1)} aria-label={`Previous year, ${year - 1}`}>
          ‹ {year - 1}
        </Button>
        <h2 className="period" aria-live="polite">
          {year}
        </h2>
        <Button onClick={() => setYear(year + 1)} aria-label={`Next year, ${year + 1}`}>
          {year + 1} ›
        </Button>
        {data?.rights.request && !filing && (
          <Button ref={newRef} kind="primary" className="toolbar-end" onClick={() => setFiling(true)}>
            Request leave…
          </Button>
        )}
      </div>
      {error && !data && <LoadError message={error} onRetry={reload} />}
      {data?.unavailable && (
        <p className="message note" role="note">
          {data.unavailable}
        </p>
      )}
      {filing && data && (
        <RequestForm
          year={year}
          requests={data.requests}
          preview={data.rights.preview}
          onDone={(message) => {
            setFiling(false);
            setSaid(message);
            reload();
            requestAnimationFrame(() => newRef.current?.focus());
          }}
          onCancel={() => {
            setFiling(false);
            requestAnimationFrame(() => newRef.current?.focus());
          }}
        />
      )}
      <StatusText message={said} className="success" />
      {data && !data.unavailable && (
        <>
          {data.balance && <Balance balance={data.balance} />}
          <Requests view={data} onCancelled={(message) => setSaid(message)} />
        </>
      )}
      {!data && !error && <Loading what="Loading leave" className="leave-placeholder" />}
    </>
  );
}

function Balance({ balance }: { balance: LeaveBalanceView }) {
  const backEnd = useBackEndName();
  return (
    <section className="card balance" aria-labelledby="balance-title">
      <div className="card-title">
        <h2 id="balance-title">Vacation {balance.year}</h2>
        <Badge kind="neutral">{balance.source === 'back_end' ? `Kept by ${backEnd ?? 'your back end'}` : 'From your preferences'}</Badge>
      </div>
      <div className="balance-figures">
        <div className={`figure big${!balance.unlimited && balance.remaining < 0 ? ' beyond' : ''}`}>
          <span className="figure-value">{balance.unlimited ? 'No limit' : daysText(balance.remaining)}</span>
          <span className="figure-label">{balance.unlimited ? 'on vacation days' : balance.remaining < 0 ? 'beyond your balance' : 'left'}</span>
        </div>
        <dl className="balance-list">
          {balance.entitlement !== null && !balance.unlimited && (
            <div>
              <dt>Entitlement</dt>
              <dd>
                {daysText(balance.entitlement)}
                {balance.carryOver ? <span className="muted"> ({daysText(balance.carryOver)} carried over)</span> : null}
              </dd>
            </div>
          )}
          <div>
            <dt>Taken</dt>
            <dd>{daysText(balance.taken)}</dd>
          </div>
          <div>
            <dt>Planned</dt>
            <dd>{daysText(balance.planned)}</dd>
          </div>
        </dl>
        {!balance.unlimited && balance.entitlement !== null && balance.entitlement > 0 && (
          <svg className="balance-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect className="track" x="0" y="0" width="100" height="6" rx="3" />
            <rect className="taken" x="0" y="0" width={Math.min(100, (balance.taken / balance.entitlement) * 100)} height="6" rx="3" />
            <rect
              className="planned"
              x={Math.min(100, (balance.taken / balance.entitlement) * 100)}
              y="0"
              width={Math.max(0, Math.min(100 - (balance.taken / balance.entitlement) * 100, (balance.planned / balance.entitlement) * 100))}
              height="6"
            />
          </svg>
        )}
      </div>
      {balance.other.length > 0 && (
        <p className="other-leave">
          Other leave this year:{' '}
          {balance.other.map((item, index) => (
            <span key={item.type}>
              {index > 0 && ', '}
              {LEAVE_TYPE_NAMES[item.type]} {daysText(item.days)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function Requests({ view, onCancelled }: { view: LeaveView; onCancelled(message: string): void }) {
  return (
    <section className="card requests" aria-labelledby="requests-title">
      <div className="card-title">
        <h2 id="requests-title">Requests</h2>
        <span className="muted">{view.requests.length === 1 ? '1 request' : `${view.requests.length} requests`}</span>
      </div>
      {view.rights.note && view.requests.some((request) => request.status === 'pending') && (
        <p className="hint" role="note">
          {view.rights.note}
        </p>
      )}
      {view.requests.length === 0 ? (
        <p className="muted empty">No leave requested in {view.year}.</p>
      ) : (
        <ol className="request-list">
          {view.requests.map((request) => (
            <RequestRow key={request.id} request={request} year={view.year} canCancel={view.rights.cancel} onCancelled={onCancelled} />
          ))}
        </ol>
      )}
    </section>
  );
}

function RequestRow({
  request,
  year,
  canCancel,
  onCancelled,
}: {
  request: LeaveRequestView;
  year: number;
  canCancel: boolean;
  onCancelled(message: string): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const rowRef = useRef<HTMLLIElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const name = request.kind ?? LEAVE_TYPE_NAMES[request.type];

  const cancel = async () => {
    const cancelled = await action.run('cancel', () => api.cancelLeave({ id: request.id }));
    if (cancelled) {
      onCancelled(`Cancelled ${name}, ${spanText(request)}.`);
      await stores.leave.of(String(year)).load();
      // The button is gone with the pending status: focus stays on the request, now cancelled.
      rowRef.current?.focus();
    }
  };

  const keep = () => {
    setConfirming(false);
    requestAnimationFrame(() => askRef.current?.focus());
  };

  return (
    <li ref={rowRef} tabIndex={-1} className={`request ${request.status}`}>
      <span className="request-when">{spanText(request)}</span>
      <span className="request-what">
        {name}
        {request.workingElsewhere && <span className="muted"> · working elsewhere</span>}
        {request.comment && <span className="note">{request.comment}</span>}
      </span>
      <span className="request-days">{request.workingElsewhere ? '—' : daysText(request.days)}</span>
      <span className="request-status">
        <Badge kind={STATUS_BADGES[request.status]}>{request.status[0]?.toUpperCase() + request.status.slice(1)}</Badge>
      </span>
      <span className="row-actions">
        {canCancel && request.status === 'pending' && !confirming && (
          <Button ref={askRef} kind="link" className="danger" onClick={() => setConfirming(true)}>
            Cancel request
            <span className="sr-only">
              {' '}
              for {name}, {spanText(request)}
            </span>
          </Button>
        )}
        {confirming && (
          <Confirm
            question="Cancel this request?"
            confirmLabel="Cancel it"
            busyLabel="Cancelling…"
            keepLabel="Keep it"
            busy={action.pending === 'cancel'}
            onConfirm={() => void cancel()}
            onKeep={keep}
          />
        )}
      </span>
      {action.error && (
        <span className="row-error">
          <ErrorText message={action.error.message} />
        </span>
      )}
    </li>
  );
}

type DayShape = 'full' | 'morning' | 'afternoon';

interface RequestFields {
  type: LeaveTypeName;
  firstDay: string;
  lastDay: string;
  /** One day: the whole of it or a half; several: whether the first starts at noon and the last ends then. */
  singlePart: DayShape;
  firstHalf: boolean;
  lastHalf: boolean;
  comment: string;
}

function inputOf(fields: RequestFields): LeaveRequestInput | string {
  if (!fields.firstDay) return 'Choose the first day.';
  const lastDay = fields.lastDay || fields.firstDay;
  if (lastDay < fields.firstDay) return 'The last day is before the first.';
  const single = lastDay === fields.firstDay;
  return {
    type: fields.type,
    firstDay: fields.firstDay,
    lastDay,
    firstDayPart: single ? (fields.singlePart === 'afternoon' ? 'afternoon' : 'full') : fields.firstHalf ? 'afternoon' : 'full',
    lastDayPart: single ? (fields.singlePart === 'morning' ? 'morning' : 'full') : fields.lastHalf ? 'morning' : 'full',
    ...(fields.comment.trim() ? { comment: fields.comment.trim() } : {}),
  };
}

/** "Dec 25 (Christmas Day) is a holiday; Dec 26 and 27 are days off." */
function freeText(preview: LeavePreview): string {
  const holidays = preview.free.filter((day) => day.reason === 'holiday').map((day) => `${dayShort(day.date)}${day.holiday ? ` (${day.holiday})` : ''}`);
  const off = preview.free.filter((day) => day.reason === 'day off').map((day) => dayShort(day.date));
  const parts = [
    ...(holidays.length ? [`${holidays.join(', ')} ${holidays.length === 1 ? 'is a public holiday' : 'are public holidays'}`] : []),
    ...(off.length ? [`${off.length} ${off.length === 1 ? 'day is' : 'days are'} off anyway`] : []),
  ];
  return parts.length ? `Not counted: ${parts.join('; ')}.` : '';
}

/** Whether the request goes beyond a balance it draws on. */
function isBeyond(preview: LeavePreview): boolean {
  return preview.leaves.some((left) => left.days < 0);
}

/** "leaves you 6.5 days", "leaves you -1 day of 2026 and 20 days of 2027". */
function leavesText(preview: LeavePreview): string {
  const of = (left: LeavePreview['leaves'][number]) => `${daysText(left.days)}${preview.leaves.length > 1 && left.year !== null ? ` of ${left.year}` : ''}`;
  return `leaves you ${preview.leaves.map(of).join(' and ')}`;
}

/** "Bob Builder, sick leave, May 11 – May 13" with only what the back end shows of a colleague's absence. */
function awayText(away: NonNullable<LeavePreview['away']>[number]): string {
  const what = away.kind ?? (away.type ? LEAVE_TYPE_NAMES[away.type].toLowerCase() : null);
  const when = away.firstDay === away.lastDay ? dayShort(away.firstDay) : `${dayShort(away.firstDay)} – ${dayShort(away.lastDay)}`;
  return [away.person, what, when].filter(Boolean).join(', ');
}

/** What the request leaves of the balance, red with a sign and words beyond it, and who else is away then. */
function Consequences({ preview }: { preview: LeavePreview }) {
  const beyond = isBeyond(preview);
  return (
    <>
      {preview.leaves.length > 0 && (
        <p className={`cost-leaves${beyond ? ' beyond' : ''}`}>
          {beyond && (
            <span className="beyond-mark" aria-hidden="true">
              !
            </span>
          )}
          It {leavesText(preview)}
          {beyond ? ': beyond your balance.' : '.'}
        </p>
      )}
      {preview.balanceProblem && <p className="muted cost-note">Your balance could not be read just now: {preview.balanceProblem}</p>}
      {beyond && preview.beyondRefused && <p className="message warning">{preview.beyondRefused}</p>}
      {preview.away && (
        <p className="cost-away">
          {preview.away.length === 0 ? (
            <span className="muted">Nobody else is away then.</span>
          ) : (
            <>
              <span className="cost-away-label">Also away:</span> {preview.away.map(awayText).join('; ')}.
            </>
          )}
        </p>
      )}
    </>
  );
}

function RequestForm({
  year,
  requests,
  preview: canPreview,
  onDone,
  onCancel,
}: {
  year: number;
  requests: LeaveRequestView[];
  preview: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const id = useId();
  const start = today().slice(0, 4) === String(year) ? addDaysTo(today(), 1) : `${year}-01-01`;
  const [fields, setFields] = useState<RequestFields>({
    type: 'vacation',
    firstDay: start,
    lastDay: start,
    singlePart: 'full',
    firstHalf: false,
    lastHalf: false,
    comment: '',
  });
  const [cost, setCost] = useState<{ key: string; preview?: LeavePreview; problem?: string } | null>(null);
  /** What the person is asked to confirm before a request beyond the balance is sent. */
  const [confirming, setConfirming] = useState<LeavePreview | null>(null);
  const action = useAction();
  const first = useRef<HTMLSelectElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const input = inputOf(fields);
  const key = JSON.stringify(input);

  useEffect(() => first.current?.focus(), []);

  // The cost is asked of the engine a moment after the person stops changing the dates.
  useEffect(() => {
    if (!canPreview || typeof input === 'string') return;
    let current = true;
    const timer = setTimeout(() => {
      api.previewLeave(input).then(
        (preview) => current && setCost({ key, preview }),
        (error: unknown) => current && setCost({ key, problem: error instanceof Error ? error.message : String(error) }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `input` is described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, canPreview]);

  const update = (patch: Partial<RequestFields>) => {
    setFields((current) => {
      const next = { ...current, ...patch };
      // Moving the first day past the last moves the last along.
      if (patch.firstDay && next.lastDay < patch.firstDay) next.lastDay = patch.firstDay;
      return next;
    });
    setConfirming(null);
    action.clear();
  };

  const send = async (request: LeaveRequestInput) => {
    const filed = await action.run('send', () => api.requestLeave(request));
    if (filed) onDone(filed.message);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (typeof input === 'string') return action.fail('send', input);
    // Beyond the balance the person confirms first. The cost is asked now where it is not in yet, so
    // such a request is never sent unconfirmed; where the back end refuses it whatever the person
    // says, it is sent as it is and refused in the engine's words.
    const preview = canPreview ? (shown?.preview ?? (await action.run('send', () => api.previewLeave(input)))) : undefined;
    if (canPreview && !preview) return;
    if (preview && isBeyond(preview) && !preview.beyondRefused) {
      setConfirming(preview);
      return;
    }
    await send(input);
  };

  const stopConfirming = () => {
    setConfirming(null);
    requestAnimationFrame(() => sendRef.current?.focus());
  };

  const onConfirmKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    // Escape takes back the confirmation, not the whole form.
    event.preventDefault();
    event.stopPropagation();
    stopConfirming();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  const single = typeof input !== 'string' && input.firstDay === input.lastDay;
  const shown = cost?.key === key ? cost : null;
  const overlapping =
    typeof input === 'string'
      ? undefined
      : requests.find(
          (request) =>
            (request.status === 'pending' || request.status === 'approved') && request.firstDay <= input.lastDay && request.lastDay >= input.firstDay,
        );

  return (
    <form className="card request-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} noValidate>
      <div className="card-title">
        <h2 id={`${id}-title`}>Request leave</h2>
      </div>
      <div className="request-fields">
        <Field label="Type">
          {({ id: fieldId }) => (
            <select ref={first} id={fieldId} value={fields.type} onChange={(event) => update({ type: event.currentTarget.value as LeaveTypeName })}>
              {Object.entries(LEAVE_TYPE_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="First day">
          {({ id: fieldId }) => (
            <input id={fieldId} type="date" value={fields.firstDay} required onChange={(event) => update({ firstDay: event.currentTarget.value })} />
          )}
        </Field>
        <Field label="Last day">
          {({ id: fieldId }) => (
            <input id={fieldId} type="date" value={fields.lastDay} min={fields.firstDay} onChange={(event) => update({ lastDay: event.currentTarget.value })} />
          )}
        </Field>
        {single ? (
          <Field label="How much of the day">
            {({ id: fieldId }) => (
              <select id={fieldId} value={fields.singlePart} onChange={(event) => update({ singlePart: event.currentTarget.value as DayShape })}>
                <option value="full">The whole day</option>
                <option value="morning">The morning</option>
                <option value="afternoon">The afternoon</option>
              </select>
            )}
          </Field>
        ) : (
          <fieldset className="half-days">
            <legend>Half days</legend>
            <label>
              <input type="checkbox" checked={fields.firstHalf} onChange={(event) => update({ firstHalf: event.currentTarget.checked })} /> Start at noon on the
              first day
            </label>
            <label>
              <input type="checkbox" checked={fields.lastHalf} onChange={(event) => update({ lastHalf: event.currentTarget.checked })} /> End at noon on the
              last day
            </label>
          </fieldset>
        )}
        <Field label="Note" className="wide">
          {({ id: fieldId }) => (
            <input
              id={fieldId}
              value={fields.comment}
              maxLength={2000}
              placeholder="Optional, for whoever approves it"
              onChange={(event) => update({ comment: event.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <div className="cost" aria-live="polite">
        {typeof input === 'string' ? (
          <span className="muted">{input}</span>
        ) : !canPreview ? (
          <span className="muted">The working days are counted when the request is sent.</span>
        ) : shown?.preview ? (
          <>
            <strong>{shown.preview.days === 0 ? 'No working days' : `Costs ${daysText(shown.preview.days)}`}</strong>{' '}
            <span className="muted">
              {input.firstDay === input.lastDay ? dayFull(input.firstDay) : `${dayShort(input.firstDay)} – ${dayFull(input.lastDay)}`}.{' '}
              {freeText(shown.preview)}
            </span>
            <Consequences preview={shown.preview} />
          </>
        ) : shown?.problem ? (
          <span className="field-error">{shown.problem}</span>
        ) : (
          <span className="muted">Counting the working days…</span>
        )}
      </div>
      {overlapping && (
        <p className="message warning">
          This overlaps your {overlapping.status} {overlapping.kind ?? LEAVE_TYPE_NAMES[overlapping.type].toLowerCase()} ({spanText(overlapping)}).
        </p>
      )}
      <ErrorText message={action.error?.message} />
      {confirming && typeof input !== 'string' ? (
        <div className="beyond-confirm" role="group" aria-labelledby={`${id}-beyond`} onKeyDown={onConfirmKeyDown}>
          <p id={`${id}-beyond`}>
            <strong>This goes beyond your balance:</strong> it {leavesText(confirming)}. Send the request anyway?
          </p>
          <div className="editor-actions">
            <Button kind="danger" autoFocus busy={action.pending === 'send'} busyLabel="Sending…" onClick={() => void send({ ...input, beyondBalance: true })}>
              Send anyway
            </Button>
            <Button onClick={stopConfirming}>Go back</Button>
          </div>
        </div>
      ) : (
        <div className="editor-actions">
          <Button ref={sendRef} kind="primary" submit busy={action.pending === 'send'} busyLabel="Sending…">
            Send request
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      )}
    </form>
  );
}
