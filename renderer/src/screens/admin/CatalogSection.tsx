// Administration, the catalog: every customer, project and activity the back end lets the person see,
// archived ones too; one archived or restored after a second word, one added after a second word, and,
// where the back end lets the person, what one keeps changed from what it keeps now (CatalogItemEditor.tsx).
// Each change is the engine's archive_catalog_item, create_catalog_item or update_catalog_item, with the
// person's own rights: what the back end refuses comes back in its words, in the row or the form that asked.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminCatalogItem, AdminCatalogView, AdminChange, CatalogKind } from '../../../../window-contract/admin-catalog.ts';
import { api } from '../../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, StatusText } from '../../components.tsx';
import { useAction } from '../../hooks.ts';
import { stores, useStore } from '../../store.ts';
import { CatalogItemEditor } from './CatalogItemEditor.tsx';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';
import { quote } from './words.ts';

const KINDS: CatalogKind[] = ['customer', 'project', 'activity'];
const PLURAL: Record<CatalogKind, 'customers' | 'projects' | 'activities'> = { customer: 'customers', project: 'projects', activity: 'activities' };
const TITLE: Record<CatalogKind, string> = { customer: 'Customers', project: 'Projects', activity: 'Activities' };
/** What an item of each kind belongs to, as its column and the add form's field call it. */
const PARENT: Record<CatalogKind, string | null> = { customer: null, project: 'Customer', activity: 'Project' };

/**
 * The engine's fresh catalog after a change: shown here and in the Rates section's picker (the same
 * view), and the Timesheet's suggestions asked again where they were loaded.
 */
function adopt(change: AdminChange<AdminCatalogView>): void {
  stores.adminCatalog.set(change.view);
  if (stores.rateCatalog.get().data) stores.rateCatalog.set(change.view);
  if (stores.catalog.get().data) void stores.catalog.load();
}

export function CatalogSection() {
  const { data, error } = useStore(stores.adminCatalog);
  const [kind, setKind] = useState<CatalogKind>('project');
  const [said, setSaid] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    void stores.adminCatalog.ensure();
  }, []);

  const changed = (change: AdminChange<AdminCatalogView>) => {
    adopt(change);
    setSaid(change.message);
  };
  const items = data?.[PLURAL[kind]] ?? [];
  const archived = items.filter((item) => item.archived).length;

  return (
    <section className="card admin-section admin-catalog" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Catalog</h2>
        {data && (
          <span className="total">
            {data.customers.length} customers, {data.projects.length} projects, {data.activities.length} activities
          </span>
        )}
      </div>
      {error && !data && <LoadError message={error} onRetry={() => void stores.adminCatalog.load()} />}
      {!data && !error && <Loading what="Loading the catalog" />}
      {data && (
        <>
          <div className="admin-toolbar">
            <Field label="Show">
              {({ id: fieldId }) => (
                <select id={fieldId} value={kind} onChange={(event) => setKind(event.currentTarget.value as CatalogKind)}>
                  {KINDS.map((option) => (
                    <option key={option} value={option}>
                      {TITLE[option]} ({data[PLURAL[option]].length})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <span className="muted">{archived === 0 ? 'None archived.' : `${archived} archived.`}</span>
          </div>
          {data.note && (
            <p className="message note" role="note">
              {data.note}
            </p>
          )}
          {items.length === 0 ? (
            <p className="muted">No {PLURAL[kind]} yet.</p>
          ) : (
            <table className="admin-table" aria-label={TITLE[kind]}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  {PARENT[kind] && <th scope="col">{PARENT[kind]}</th>}
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="sr-only">Change</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <CatalogRow key={item.id} kind={kind} item={item} catalog={data} onChanged={changed} />
                ))}
              </tbody>
            </table>
          )}
          <StatusText message={said} />
          <AddItem key={kind} kind={kind} catalog={data} onChanged={changed} />
        </>
      )}
    </section>
  );
}

function CatalogRow({
  kind,
  item,
  catalog,
  onChanged,
}: {
  kind: CatalogKind;
  item: AdminCatalogItem;
  catalog: AdminCatalogView;
  onChanged: (change: AdminChange<AdminCatalogView>) => void;
}) {
  const action = useAction();
  const [mode, setMode] = useState<'idle' | 'archive' | 'edit'>('idle');
  const asking = mode === 'archive';
  const setAsking = (on: boolean) => setMode(on ? 'archive' : 'idle');
  const askRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const verb = item.archived ? 'Restore' : 'Archive';
  const back = () => setTimeout(() => askRef.current?.focus());

  const change = async () => {
    const result = await action.run('archive', () => api.setCatalogItemArchived({ kind, id: item.id, archived: !item.archived }));
    setAsking(false);
    if (!result) {
      // The refusal shows under the row; focus goes back to the button that asked, to try again or move on.
      back();
      return;
    }
    onChanged(result);
    // The row stays, its button now the other way: focus goes back to it.
    back();
  };

  const columns = PARENT[kind] ? 4 : 3;
  return (
    <>
      <tr className={mode === 'idle' ? undefined : 'asking'}>
        <th scope="row">{item.name}</th>
        {PARENT[kind] && <td>{item.parent ?? <span className="muted">{kind === 'activity' ? 'Every project' : '—'}</span>}</td>}
        <td>{item.archived ? <Badge kind="idle">Archived</Badge> : 'Active'}</td>
        <td className="admin-actions">
          {mode === 'idle' && catalog.changeable && (
            <>
              <Button
                ref={editRef}
                kind="link"
                onClick={() => {
                  action.clear();
                  setMode('edit');
                }}
                aria-label={`Change the ${kind} ${item.name}`}
              >
                Change
              </Button>{' '}
            </>
          )}
          {mode === 'idle' && (
            <Button
              ref={askRef}
              kind="link"
              className={item.archived ? undefined : 'danger'}
              onClick={() => {
                // A refusal from the last try goes: the question is asked afresh.
                action.clear();
                setAsking(true);
              }}
              aria-label={`${verb} the ${kind} ${item.name}`}
            >
              {verb}
            </Button>
          )}
        </td>
      </tr>
      {/* The question and any refusal take the row's whole width under it: the columns keep theirs. */}
      {(mode !== 'idle' || action.error) && (
        <tr className="admin-row-more">
          <td colSpan={columns}>
            {mode === 'edit' && (
              <CatalogItemEditor
                kind={kind}
                item={item}
                catalog={catalog}
                onDone={(done) => {
                  setMode('idle');
                  if (done) onChanged(done);
                  // The row stays (renamed, perhaps): focus goes back to the button that opened the form.
                  setTimeout(() => editRef.current?.focus());
                }}
              />
            )}
            {asking && (
              <Confirm
                question={`${verb} the ${kind} ${quote(item.name)}?`}
                prompt={
                  item.archived
                    ? `Restore ${quote(item.name)}? It is offered for new entries again.`
                    : `Archive ${quote(item.name)}? It is no longer offered for new entries; what was booked on it stays.`
                }
                confirmLabel={verb}
                busyLabel={item.archived ? 'Restoring…' : 'Archiving…'}
                keepLabel={item.archived ? 'Leave it archived' : 'Keep it'}
                confirmKind={item.archived ? 'primary' : 'danger'}
                busy={action.pending === 'archive'}
                onConfirm={() => void change()}
                onKeep={() => {
                  setAsking(false);
                  action.clear();
                  back();
                }}
              />
            )}
            <ErrorText message={action.error?.message} />
          </td>
        </tr>
      )}
    </>
  );
}

function AddItem({ kind, catalog, onChanged }: { kind: CatalogKind; catalog: AdminCatalogView; onChanged: (change: AdminChange<AdminCatalogView>) => void }) {
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const parents = kind === 'project' ? catalog.customers : kind === 'activity' ? catalog.projects : [];
  const trimmed = name.trim();

  const { formRef, openerRef, ...change } = useConfirmedChange(
    'add',
    () => api.addCatalogItem({ kind, name: trimmed, ...(parent ? { parent } : {}) }),
    (result) => {
      onChanged(result);
      setName('');
      setTimeout(() => nameRef.current?.focus());
    },
  );
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === '') setProblem(`Give the new ${kind} a name.`);
    change.ask(trimmed === '');
  };

  return (
    <form ref={formRef} className="admin-add" aria-labelledby={`${id}-title`} onSubmit={ask} noValidate>
      <h3 id={`${id}-title`}>Add a {kind}</h3>
      <div className="admin-fields">
        <Field label="Name" error={problem}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input
              ref={nameRef}
              id={fieldId}
              value={name}
              maxLength={150}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setProblem(undefined);
              }}
            />
          )}
        </Field>
        {PARENT[kind] && (
          <Field label={`${PARENT[kind]} (optional)`}>
            {({ id: fieldId }) => (
              <select id={fieldId} value={parent} onChange={(event) => setParent(event.currentTarget.value)}>
                <option value="">{kind === 'activity' ? 'Every project' : 'None'}</option>
                {parents
                  .filter((item) => !item.archived)
                  .map((item) => (
                    <option key={item.id} value={item.name}>
                      {item.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <ConfirmedChange change={change} question={`Add the ${kind} ${quote(trimmed)}${parent ? ` to ${parent}` : ''}?`} confirmLabel="Add" busyLabel="Adding…">
        <Button ref={openerRef} kind="primary" submit>
          Add {kind}
        </Button>
      </ConfirmedChange>
    </form>
  );
}
