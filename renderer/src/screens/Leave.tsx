// The year's leave: the balance as the back end (or the settings) keep it, every request with its
// status, a pending one withdrawn where the back end allows it, and a new request whose cost in
// working days, what it leaves of the balance and who else is away then are shown before it is sent,
// counted by the engine over its own calendar. A request beyond the balance is sent only once the
// person confirms it here.
import { useEffect, useRef, useState } from 'react';
import type { LeaveBalanceView, LeaveRequestView, LeaveView } from '../../../window-contract/leave.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { daysText, leaveSpanText as spanText } from '../format.ts';
import { useAction, useBackEndName, useReadyMark } from '../hooks.ts';
import { stores, today, useKeyed } from '../store.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';
import { RequestForm } from './LeaveRequestForm.tsx';

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
