// Administration, rates: a customer, project or activity picked from the whole catalog (archived ones
// too: their rates still bill old entries), its rates for everyone and per person, one set or removed
// after a second word that names the rate before and after. Each is the engine's manage_rates with the
// person's own rights: what the back end refuses (a person it does not know, a right missing) comes back
// in its words where it was asked.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminCatalogItem, AdminChange, CatalogKind, RatesView, RateView } from '../../../../window-contract/admin-catalog.ts';
import { api } from '../../bridge.ts';
import { Button, Confirm, ErrorText, Field, LoadError, Loading, StatusText } from '../../components.tsx';
import { useAction } from '../../hooks.ts';
import { stores, useKeyed, useStore } from '../../store.ts';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';
import { quote } from './words.ts';

const KINDS: Array<{ kind: CatalogKind; label: string; list: 'customers' | 'projects' | 'activities' }> = [
  { kind: 'customer', label: 'Customer', list: 'customers' },
  { kind: 'project', label: 'Project', list: 'projects' },
  { kind: 'activity', label: 'Activity', list: 'activities' },
];

/** "€80.00" as the person's formats write it; without a currency (a global activity's), the number alone. */
function money(amount: number, currency: string | null): string {
  if (!currency) return new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** "€80.00 an hour, internal €50.00" or "€30.00 per time entry". */
function rateText(rate: Pick<RateView, 'hourly' | 'fixed' | 'internal'>, currency: string | null): string {
  const charged = rate.fixed !== null ? `${money(rate.fixed, currency)} per time entry` : `${money(rate.hourly ?? 0, currency)} an hour`;
  return rate.internal === null ? charged : `${charged}, internal ${money(rate.internal, currency)}`;
}

const whom = (rate: RateView) => rate.person?.name ?? 'everyone';

export function RatesSection() {
  const { data: catalog, error } = useStore(stores.rateCatalog);
  const [kind, setKind] = useState<CatalogKind>('project');
  const [chosen, setChosen] = useState<number | null>(null);
  const id = useId();

  useEffect(() => {
    void stores.rateCatalog.ensure();
  }, []);

  const { list, label } = KINDS.find((one) => one.kind === kind) ?? (KINDS[1] as (typeof KINDS)[number]);
  const items = catalog?.[list] ?? [];
  const item = items.find((one) => one.id === chosen) ?? items[0];

  return (
    <section className="card admin-section admin-rates" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Rates</h2>
      </div>
      {error && !catalog && <LoadError message={error} onRetry={() => void stores.rateCatalog.load()} />}
      {!catalog && !error && <Loading what="Loading the catalog" />}
      {catalog && (
        <>
          <div className="admin-fields rate-pick">
            <Field label="Rates of a">
              {({ id: fieldId }) => (
                <select
                  id={fieldId}
                  value={kind}
                  onChange={(event) => {
                    setKind(event.currentTarget.value as CatalogKind);
                    setChosen(null);
                  }}
                >
                  {KINDS.map((one) => (
                    <option key={one.kind} value={one.kind}>
                      {one.label.toLowerCase()}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={label}>
              {({ id: fieldId }) => (
                <select id={fieldId} value={item?.id ?? ''} disabled={items.length === 0} onChange={(event) => setChosen(Number(event.currentTarget.value))}>
                  {items.map((one) => (
                    <option key={one.id} value={one.id}>
                      {itemWords(one)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {item ? <RatesOf key={`${kind}:${item.id}`} kind={kind} item={item} /> : <p className="muted">No {list} yet.</p>}
        </>
      )}
    </section>
  );
}

/** "Website (ACME)", "Hotline (archived)". */
function itemWords(item: AdminCatalogItem): string {
  return [item.name, item.parent && `(${item.parent})`, item.archived && '(archived)'].filter(Boolean).join(' ');
}

function RatesOf({ kind, item }: { kind: CatalogKind; item: AdminCatalogItem }) {
  const key = `${kind}:${item.id}`;
  const { data, error } = useKeyed(stores.rates, key);
  const [said, setSaid] = useState<string | null>(null);

  // Asked afresh each time the item is chosen: its rates may have changed in the back end meanwhile.
  useEffect(() => {
    void stores.rates.of(key).load();
  }, [key]);

  const changed = (change: AdminChange<RatesView>) => {
    stores.rates.of(key).set(change.view);
    setSaid(change.message);
  };
  if (error && !data) return <LoadError message={error} onRetry={() => void stores.rates.of(key).load()} />;
  if (!data) return <Loading what="Loading the rates" />;
  const what = `the ${kind} ${quote(item.name)}`;
  return (
    <div className="admin-rates-of">
      {data.rates.length === 0 ? (
        <p className="muted">No rates of its own: entries bill at the rates the back end applies otherwise.</p>
      ) : (
        <table className="admin-table" aria-label={`Rates of ${item.name}`}>
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">Rate</th>
              <th scope="col">
                <span className="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rates.map((rate) => (
              <RateRow key={rate.id} view={data} rate={rate} what={what} onChanged={changed} />
            ))}
          </tbody>
        </table>
      )}
      {data.currency === null && <p className="muted">Amounts are in the currency of the customer booked for.</p>}
      <StatusText message={said} />
      <SetRate view={data} what={what} onChanged={changed} />
    </div>
  );
}

function RateRow({ view, rate, what, onChanged }: { view: RatesView; rate: RateView; what: string; onChanged: (change: AdminChange<RatesView>) => void }) {
  const action = useAction();
  const [asking, setAsking] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const back = () => setTimeout(() => removeRef.current?.focus());

  const remove = async () => {
    const result = await action.run('remove', () => api.removeRate({ kind: view.kind, item: view.item.id, person: rate.person?.id ?? null }));
    setAsking(false);
    // A removed rate's row goes with it; a refusal stays under the row, the focus back on its button.
    if (result) onChanged(result);
    else back();
  };

  return (
    <>
      <tr className={asking ? 'asking' : undefined}>
        <th scope="row">{rate.person ? rate.person.name : 'Everyone'}</th>
        <td>{rateText(rate, view.currency)}</td>
        <td className="admin-actions">
          {!asking && (
            <Button
              ref={removeRef}
              kind="link"
              className="danger"
              onClick={() => (action.clear(), setAsking(true))}
              aria-label={`Remove the rate for ${whom(rate)}`}
            >
              Remove
            </Button>
          )}
        </td>
      </tr>
      {(asking || action.error) && (
        <tr className="admin-row-more">
          <td colSpan={3}>
            {asking && (
              <Confirm
                question={`Remove the rate of ${what} for ${whom(rate)}: ${rateText(rate, view.currency)} → none?`}
                confirmLabel="Remove"
                busyLabel="Removing…"
                keepLabel="Keep it"
                busy={action.pending === 'remove'}
                onConfirm={() => void remove()}
                onKeep={() => {
                  setAsking(false);
                  back();
                }}
              />
            )}
            {!asking && <ErrorText message={action.error?.message} />}
          </td>
        </tr>
      )}
    </>
  );
}

interface RateFields {
  person: string;
  amount: string;
  per: 'hour' | 'entry';
  internal: string;
}

/** An amount as typed ("80", "80.5", "80,5"), or undefined when it is none. */
function amountOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,4})?$/.test(trimmed)) return undefined;
  const amount = Number(trimmed);
  return amount <= 1_000_000 ? amount : undefined;
}

function SetRate({ view, what, onChanged }: { view: RatesView; what: string; onChanged: (change: AdminChange<RatesView>) => void }) {
  const empty: RateFields = { person: '', amount: '', per: 'hour', internal: '' };
  const [fields, setFields] = useState<RateFields>(empty);
  const [problems, setProblems] = useState<{ amount?: string; internal?: string }>({});
  const id = useId();
  const person = fields.person.trim();
  const amount = amountOf(fields.amount);
  const internal = fields.internal.trim() === '' ? null : amountOf(fields.internal);
  // The rate it replaces, where the list shows one for the words typed (everyone's when empty).
  const before = view.rates.find((rate) =>
    person === ''
      ? rate.person === null
      : rate.person !== null && (rate.person.name.toLowerCase() === person.toLowerCase() || String(rate.person.id) === person),
  );
  const after = { hourly: fields.per === 'hour' ? (amount ?? 0) : null, fixed: fields.per === 'entry' ? (amount ?? 0) : null, internal: internal ?? null };

  const { formRef, openerRef, ...change } = useConfirmedChange(
    'set',
    () =>
      api.setRate({
        kind: view.kind,
        item: view.item.id,
        ...(person ? { person } : {}),
        ...(fields.per === 'hour' ? { hourly: amount ?? 0 } : { fixed: amount ?? 0 }),
        ...(internal !== null && internal !== undefined ? { internal } : {}),
      }),
    (result) => {
      onChanged(result);
      setFields(empty);
    },
  );
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      amount: amount === undefined ? 'Give an amount from 0 to 1,000,000, like 80 or 80.50.' : undefined,
      internal: internal === undefined ? 'Give the internal amount like 50 or 50.50, or leave it empty.' : undefined,
    };
    setProblems(found);
    change.ask(Boolean(found.amount || found.internal));
  };
  const field = (name: 'person' | 'amount' | 'internal') => ({
    value: fields[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setFields({ ...fields, [name]: event.currentTarget.value });
      setProblems({ ...problems, [name]: undefined });
    },
  });

  return (
    <form ref={formRef} className="admin-add" aria-labelledby={`${id}-title`} onSubmit={ask} noValidate>
      <h3 id={`${id}-title`}>Set a rate</h3>
      <div className="admin-fields">
        <Field label="For (optional)" hint="A name, e-mail or id; everyone when empty.">
          {({ id: fieldId, describedBy }) => <input id={fieldId} maxLength={200} aria-describedby={describedBy} {...field('person')} />}
        </Field>
        <Field label="Amount" error={problems.amount}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input id={fieldId} inputMode="decimal" maxLength={12} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('amount')} />
          )}
        </Field>
        <Field label="Charged">
          {({ id: fieldId }) => (
            <select id={fieldId} value={fields.per} onChange={(event) => setFields({ ...fields, per: event.currentTarget.value as RateFields['per'] })}>
              <option value="hour">per hour</option>
              <option value="entry">per time entry (fixed)</option>
            </select>
          )}
        </Field>
        <Field label="Internal (optional)" error={problems.internal}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input id={fieldId} inputMode="decimal" maxLength={12} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('internal')} />
          )}
        </Field>
      </div>
      <ConfirmedChange
        change={change}
        question={`Set the rate of ${what} for ${person || 'everyone'}: ${before ? rateText(before, view.currency) : 'none'} → ${rateText(after, view.currency)}?`}
        confirmLabel="Set rate"
        busyLabel="Setting…"
      >
        <Button ref={openerRef} kind="primary" submit>
          Set rate
        </Button>
      </ConfirmedChange>
    </form>
  );
}
