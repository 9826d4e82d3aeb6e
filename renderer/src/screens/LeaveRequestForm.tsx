// A new leave request (Leave.tsx): its type, days and note; what it costs in working days, what it
// leaves of the balance and who else is away then, counted by the engine a moment after the person
// stops changing the dates; and sending it, confirmed here first where it goes beyond the balance.
// The pure part (the request the fields make, the preview's words) is leave-request.ts.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { LeavePreview, LeaveRequestInput, LeaveRequestView, LeaveTypeName } from '../../../window-contract/leave.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, Field } from '../components.tsx';
import { leaveSpanText as spanText } from '../format.ts';
import { useAction } from '../hooks.ts';
import { today } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';
import {
  awayText,
  costText,
  freeText,
  inputOf,
  isBeyond,
  leavesText,
  needsConfirming,
  newRequestFields,
  overlapOf,
  rangeText,
  withChange,
  type DayShape,
  type RequestFields,
} from './leave-request.ts';

/** The engine's count for one request (`key`: the request as JSON), or why it could not count it. */
interface Cost {
  key: string;
  preview?: LeavePreview;
  problem?: string;
}

export function RequestForm({
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
  const [fields, setFields] = useState<RequestFields>(() => newRequestFields(year, today()));
  /** What the person is asked to confirm before a request beyond the balance is sent. */
  const [confirming, setConfirming] = useState<LeavePreview | null>(null);
  const action = useAction();
  const first = useRef<HTMLSelectElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const input = inputOf(fields);
  const shown = useCost(input, canPreview);

  useEffect(() => first.current?.focus(), []);

  const update = (patch: Partial<RequestFields>) => {
    setFields((current) => withChange(current, patch));
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
    if (preview && needsConfirming(preview)) {
      setConfirming(preview);
      return;
    }
    await send(input);
  };

  const stopConfirming = () => {
    setConfirming(null);
    requestAnimationFrame(() => sendRef.current?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  const overlapping = overlapOf(requests, input);
  const busy = action.pending === 'send';

  return (
    <form className="card request-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} noValidate>
      <div className="card-title">
        <h2 id={`${id}-title`}>Request leave</h2>
      </div>
      <RequestInputs fields={fields} single={typeof input !== 'string' && input.firstDay === input.lastDay} firstRef={first} update={update} />
      <CostLine input={input} canPreview={canPreview} shown={shown} />
      {overlapping && (
        <p className="message warning">
          This overlaps your {overlapping.status} {overlapping.kind ?? LEAVE_TYPE_NAMES[overlapping.type].toLowerCase()} ({spanText(overlapping)}).
        </p>
      )}
      <ErrorText message={action.error?.message} />
      {confirming && typeof input !== 'string' ? (
        <BeyondConfirm id={id} confirming={confirming} busy={busy} onSend={() => void send({ ...input, beyondBalance: true })} onBack={stopConfirming} />
      ) : (
        <div className="editor-actions">
          <Button ref={sendRef} kind="primary" submit busy={busy} busyLabel="Sending…">
            Send request
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      )}
    </form>
  );
}

/** The engine's count for the request as it stands now, asked a moment after the person stops changing it; null until it is in. */
function useCost(input: LeaveRequestInput | string, canPreview: boolean): Cost | null {
  const [cost, setCost] = useState<Cost | null>(null);
  const key = JSON.stringify(input);
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
  return cost?.key === key ? cost : null;
}

interface InputsProps {
  fields: RequestFields;
  /** Whether the request is of one day: how much of it, rather than half days at either end. */
  single: boolean;
  update(patch: Partial<RequestFields>): void;
}

/** The type, the days, how much of them, and a note for whoever approves it. */
function RequestInputs({ fields, single, firstRef, update }: InputsProps & { firstRef: RefObject<HTMLSelectElement | null> }) {
  return (
    <div className="request-fields">
      <Field label="Type">
        {({ id: fieldId }) => (
          <select ref={firstRef} id={fieldId} value={fields.type} onChange={(event) => update({ type: event.currentTarget.value as LeaveTypeName })}>
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
      <DayParts fields={fields} single={single} update={update} />
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
  );
}

/** One day: the whole of it, the morning or the afternoon. Several: whether the first starts and the last ends at noon. */
function DayParts({ fields, single, update }: InputsProps) {
  if (single) {
    return (
      <Field label="How much of the day">
        {({ id: fieldId }) => (
          <select id={fieldId} value={fields.singlePart} onChange={(event) => update({ singlePart: event.currentTarget.value as DayShape })}>
            <option value="full">The whole day</option>
            <option value="morning">The morning</option>
            <option value="afternoon">The afternoon</option>
          </select>
        )}
      </Field>
    );
  }
  return (
    <fieldset className="half-days">
      <legend>Half days</legend>
      <label>
        <input type="checkbox" checked={fields.firstHalf} onChange={(event) => update({ firstHalf: event.currentTarget.checked })} /> Start at noon on the first
        day
      </label>
      <label>
        <input type="checkbox" checked={fields.lastHalf} onChange={(event) => update({ lastHalf: event.currentTarget.checked })} /> End at noon on the last day
      </label>
    </fieldset>
  );
}

/** What the request costs, read out as it changes: what is missing, the engine's count, or why it could not count. */
function CostLine({ input, canPreview, shown }: { input: LeaveRequestInput | string; canPreview: boolean; shown: Cost | null }) {
  return (
    <div className="cost" aria-live="polite">
      {typeof input === 'string' ? (
        <span className="muted">{input}</span>
      ) : !canPreview ? (
        <span className="muted">The working days are counted when the request is sent.</span>
      ) : shown?.preview ? (
        <>
          <strong>{costText(shown.preview)}</strong>{' '}
          <span className="muted">
            {rangeText(input)}. {freeText(shown.preview)}
          </span>
          <Consequences preview={shown.preview} />
        </>
      ) : shown?.problem ? (
        <span className="field-error">{shown.problem}</span>
      ) : (
        <span className="muted">Counting the working days…</span>
      )}
    </div>
  );
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

/** In place of the form's buttons: the question whether to send a request beyond the balance. Escape takes it back, not the whole form. */
function BeyondConfirm({ id, confirming, busy, onSend, onBack }: { id: string; confirming: LeavePreview; busy: boolean; onSend(): void; onBack(): void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onBack();
  };
  return (
    <div className="beyond-confirm" role="group" aria-labelledby={`${id}-beyond`} onKeyDown={onKeyDown}>
      <p id={`${id}-beyond`}>
        <strong>This goes beyond your balance:</strong> it {leavesText(confirming)}. Send the request anyway?
      </p>
      <div className="editor-actions">
        <Button kind="danger" autoFocus busy={busy} busyLabel="Sending…" onClick={onSend}>
          Send anyway
        </Button>
        <Button onClick={onBack}>Go back</Button>
      </div>
    </div>
  );
}
