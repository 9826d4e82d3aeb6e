// Administration, the catalog: the form under an item's row that changes what it keeps. It reads the item
// afresh when it opens (what the back end keeps may have changed in its own pages or through an AI client),
// shows only the fields the back end answered, sends only what differs after a second word, and shows the
// engine's refusal in the form, keeping what was typed. Escape backs out of the whole change.
import { useEffect, useId, useRef, useState, type ChangeEvent, type ComponentProps, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { AdminCatalogItem, AdminCatalogView, AdminChange, CatalogItemView, CatalogKind } from '../../../../window-contract/admin-catalog.ts';
import { api, errorMessage } from '../../bridge.ts';
import { Button, ErrorText, Field, Loading } from '../../components.tsx';
import { type CatalogForm, type FormField, fieldsShown, formOf, MAX_COMMENT, outcomeOf, PERIOD_WORDS, questionOf } from './catalog-change.ts';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';

interface EditorProps {
  kind: CatalogKind;
  item: AdminCatalogItem;
  /** The catalog shown, for a project's customers to choose from. */
  catalog: AdminCatalogView;
  /** The change made (the engine's sentence and the catalog after it), or null when the person backed out. */
  onDone: (change: AdminChange<AdminCatalogView> | null) => void;
}

export function CatalogItemEditor({ kind, item, catalog, onDone }: EditorProps) {
  // Each try reads afresh; what it answered counts only for that try (a late answer of an earlier one is dropped).
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ attempt: number; view?: CatalogItemView; error?: string }>({ attempt: -1 });
  useEffect(() => {
    let current = true;
    api.getCatalogItem({ kind, id: item.id }).then(
      (view) => current && setAnswer({ attempt, view }),
      (error: unknown) => current && setAnswer({ attempt, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [kind, item.id, attempt]);
  const read: { view?: CatalogItemView; error?: string } = answer.attempt === attempt ? answer : {};
  // The button that asked is gone while it reads: focus waits here, where Escape backs out, until the form takes it.
  const waitRef = useRef<HTMLDivElement>(null);
  useEffect(() => waitRef.current?.focus(), [attempt]);

  if (read.view) return <EditForm view={read.view} item={item} catalog={catalog} onDone={onDone} />;
  return (
    <div
      ref={waitRef}
      tabIndex={-1}
      className="admin-edit"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onDone(null);
      }}
    >
      {read.error ? (
        <div className="load-error">
          <ErrorText message={read.error} />
          <span className="admin-buttons">
            <Button onClick={() => setAttempt(attempt + 1)}>Try again</Button>
            <Button onClick={() => onDone(null)}>Cancel</Button>
          </span>
        </div>
      ) : (
        <Loading what={`Reading what ${item.name} keeps`} className="admin-edit-placeholder" />
      )}
    </div>
  );
}

function EditForm({
  view,
  item,
  catalog,
  onDone,
}: {
  view: CatalogItemView;
  item: AdminCatalogItem;
  catalog: AdminCatalogView;
  onDone: EditorProps['onDone'];
}) {
  const { kind, fields } = view;
  const [form, setForm] = useState<CatalogForm>(() => formOf(fields));
  const [problems, setProblems] = useState<Problems>({});
  const firstRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const shown = new Set(fieldsShown(fields));
  const outcome = outcomeOf(fields, form, catalog.customers);

  useEffect(() => firstRef.current?.focus(), []);

  const { formRef, openerRef, ...change } = useConfirmedChange('update', () => api.updateCatalogItem({ kind, id: view.id, ...outcome.change }), onDone);
  const ask = (event: FormEvent) => {
    event.preventDefault();
    setProblems(outcome.problems);
    change.ask(Object.keys(outcome.problems).length > 0);
  };
  const set = (field: FormField, value: string) => {
    setForm({ ...form, [field]: value });
    setProblems({ ...problems, [field]: undefined });
  };

  return (
    <form
      ref={formRef}
      className="admin-add admin-edit"
      aria-labelledby={`${id}-title`}
      onSubmit={ask}
      noValidate
      onKeyDown={(event) => {
        // Escape backs out of the change as a whole, unless the question under it takes it first.
        if (event.key !== 'Escape' || change.confirming) return;
        event.preventDefault();
        onDone(null);
      }}
    >
      <h3 id={`${id}-title`}>Change {item.name}</h3>
      <ItemFields fields={fields} form={form} problems={problems} shown={shown} set={set} customers={catalog.customers} firstRef={firstRef} />
      <p className="hint">Only what you change is sent{shown.has('budgetHours') || shown.has('budgetMoney') ? '; an empty budget is none' : ''}.</p>
      <ConfirmedChange change={change} question={questionOf(kind, fields.name, outcome.words)} confirmLabel="Change" busyLabel="Changing…">
        <span className="admin-buttons">
          <Button ref={openerRef} kind="primary" submit>
            Save changes
          </Button>
          <Button onClick={() => onDone(null)}>Cancel</Button>
        </span>
      </ConfirmedChange>
    </form>
  );
}

type Problems = Partial<Record<FormField, string>>;
type FieldIds = Parameters<ComponentProps<typeof Field>['children']>[0];

/** What the parts of the form are given: what the back end answered, the form as typed, its problems, and the way to change a field. */
interface PartProps {
  fields: CatalogItemView['fields'];
  form: CatalogForm;
  problems: Problems;
  /** The fields the back end answered: only those show. */
  shown: ReadonlySet<FormField>;
  set(field: FormField, value: string): void;
}

/** The props of a text control of `field`, with its problem wired to it. */
function textControl({ form, set }: Pick<PartProps, 'form' | 'set'>) {
  return (field: FormField, ids: FieldIds) => ({
    id: ids.id,
    value: form[field],
    'aria-invalid': ids.invalid || undefined,
    'aria-describedby': ids.describedBy,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(field, event.currentTarget.value),
  });
}

/** The fields of the item the back end answered, in the form's order; `firstRef` is the name's, which takes the focus. */
function ItemFields({
  firstRef,
  customers: all,
  ...part
}: PartProps & { customers: readonly AdminCatalogItem[]; firstRef: RefObject<HTMLInputElement | null> }) {
  const { form, problems, shown } = part;
  const text = textControl(part);
  // A project's customer from those not archived, and its own even where it is.
  const customers = all.filter((customer) => !customer.archived || String(customer.id) === form.customer);
  return (
    <div className="admin-fields admin-item-fields">
      <Field label="Name" error={problems.name}>
        {(ids) => <input ref={firstRef} maxLength={150} {...text('name', ids)} />}
      </Field>
      {shown.has('customer') && (
        <Field label="Customer">
          {(ids) => (
            <select {...text('customer', ids)}>
              {form.customer === '' && <option value="">None</option>}
              {customers.map((customer) => (
                <option key={customer.id} value={String(customer.id)}>
                  {customer.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <BudgetFields {...part} />
      {(['start', 'end'] as const).map(
        (field) =>
          shown.has(field) && (
            <Field key={field} label={field === 'start' ? 'Start' : 'End'} error={problems[field]}>
              {(ids) => <input type="date" {...text(field, ids)} />}
            </Field>
          ),
      )}
      {shown.has('comment') && (
        <Field label="Comment" error={problems.comment} className="admin-wide">
          {(ids) => <textarea rows={2} maxLength={MAX_COMMENT} {...text('comment', ids)} />}
        </Field>
      )}
    </div>
  );
}

/** The budgets in hours and money, the period they count over, and whether the work is billable. */
function BudgetFields(props: PartProps) {
  const { fields, problems, shown } = props;
  const text = textControl(props);
  const choice = (field: 'budgetPeriod' | 'billable', label: string, options: ReactNode) =>
    shown.has(field) && (
      <Field label={label}>
        {(ids) => (
          <select {...text(field, ids)}>
            {fields[field] === null && <option value="">Not set</option>}
            {options}
          </select>
        )}
      </Field>
    );
  return (
    <>
      {shown.has('budgetHours') && (
        <Field label="Time budget (hours)" error={problems.budgetHours}>
          {(ids) => <input inputMode="decimal" maxLength={16} {...text('budgetHours', ids)} />}
        </Field>
      )}
      {shown.has('budgetMoney') && (
        <Field label="Money budget" error={problems.budgetMoney}>
          {(ids) => <input inputMode="decimal" maxLength={16} {...text('budgetMoney', ids)} />}
        </Field>
      )}
      {choice(
        'budgetPeriod',
        'Budget period',
        <>
          <option value="total">{PERIOD_WORDS.total}</option>
          <option value="month">{PERIOD_WORDS.month}</option>
        </>,
      )}
      {choice(
        'billable',
        'Billable',
        <>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </>,
      )}
    </>
  );
}
