// Administration, people: the people the back end lets the person see, a page at a time, the deactivated
// too where asked; one invited, changed (name, e-mail, role), deactivated or reactivated after a second
// word. Each is the engine's manage_people with the person's own rights: what the back end refuses (its
// own account, a role it does not know, a right missing) comes back in its words where it was asked.
import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminPerson, PeopleView, PersonChange } from '../../../../window-contract/admin-people.ts';
import { api } from '../../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, LoadError, Loading, StatusText } from '../../components.tsx';
import { useAction } from '../../hooks.ts';
import { stores, useKeyed } from '../../store.ts';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';
import { quote } from './words.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const keyOf = (page: number, includeInactive: boolean) => `${page}${includeInactive ? '+inactive' : ''}`;

interface PersonFields {
  name: string;
  email: string;
  role: string;
}

/** What is wrong with the fields as the back end takes them, by field; empty when nothing is. */
function problemsOf(fields: PersonFields, requireAll: boolean): Partial<PersonFields> {
  const problems: Partial<PersonFields> = {};
  if (requireAll && fields.name.trim() === '') problems.name = 'Give their name.';
  if (fields.email.trim() === '' ? requireAll : !EMAIL.test(fields.email.trim())) problems.email = 'Give an e-mail address like ada@example.com.';
  return problems;
}

export function PeopleSection() {
  const [page, setPage] = useState(1);
  const [includeInactive, setIncludeInactive] = useState(false);
  const key = keyOf(page, includeInactive);
  const { data, error } = useKeyed(stores.people, key);
  // The page shown until the next one is in: the table does not jump while it loads (set while rendering, as React allows for derived state).
  const [last, setLast] = useState<PeopleView | undefined>(undefined);
  if (data && data !== last) setLast(data);
  const shown = data ?? last;
  const [said, setSaid] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    void stores.people.of(key).ensure();
  }, [key]);

  const changed = (change: PersonChange) => {
    setSaid(change.message);
    void stores.people.of(key).load();
  };
  // The roles the back end's list shows, for the role fields to suggest (the back end's own words).
  const roles = [...new Set((shown?.people ?? []).flatMap((person) => (person.role ? [person.role] : [])))].sort();

  return (
    <section className="card admin-section admin-people" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>People</h2>
        {shown && <span className="total">{shown.total === 1 ? '1 person' : `${shown.total} people`}</span>}
      </div>
      {error && !shown && <LoadError message={error} onRetry={() => void stores.people.of(key).load()} />}
      {error && shown && <ErrorText message={`Could not load page ${page}: ${error}`} />}
      {!shown && !error && <Loading what="Loading the people" />}
      {shown && (
        <>
          <div className="admin-toolbar">
            <label className="check">
              <input
                type="checkbox"
                checked={includeInactive}
                onChange={(event) => {
                  setIncludeInactive(event.currentTarget.checked);
                  setPage(1);
                }}
              />{' '}
              Show deactivated people
            </label>
          </div>
          <datalist id={`${id}-roles`}>
            {roles.map((role) => (
              <option key={role} value={role} />
            ))}
          </datalist>
          {shown.people.length === 0 ? (
            <p className="muted">Nobody to show.</p>
          ) : (
            <table className="admin-table admin-people-table" aria-label={`People, page ${shown.page} of ${shown.totalPages}`}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="sr-only">Change</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.people.map((person) => (
                  <PersonRow key={person.id} person={person} rolesId={`${id}-roles`} onChanged={changed} />
                ))}
              </tbody>
            </table>
          )}
          {shown.totalPages > 1 && (
            <div className="toolbar" role="toolbar" aria-label="People pages">
              <Button disabled={page <= 1} onClick={() => setPage(page - 1)} aria-label="Previous page of people">
                ‹ Previous
              </Button>
              <span className="period" aria-live="polite">
                Page {shown.page} of {shown.totalPages}
              </span>
              <Button disabled={page >= shown.totalPages} onClick={() => setPage(page + 1)} aria-label="Next page of people">
                Next ›
              </Button>
            </div>
          )}
          <StatusText message={said} />
          <InvitePerson rolesId={`${id}-roles`} onChanged={changed} />
        </>
      )}
    </section>
  );
}

/**
 * An address that may wrap before its @ and the dots after it (a narrow column shows "ada" over
 * "@example" over ".com"), rather than at whichever letter reaches the edge.
 */
function breakableEmail(email: string) {
  const at = email.indexOf('@');
  if (at <= 0) return email;
  const parts = [email.slice(0, at), ...email.slice(at).split(/(?=\.)/)];
  return parts.map((part, index) => (
    <Fragment key={`${index}${part}`}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

function PersonRow({ person, rolesId, onChanged }: { person: AdminPerson; rolesId: string; onChanged: (change: PersonChange) => void }) {
  const action = useAction();
  const [mode, setMode] = useState<'idle' | 'edit' | 'active'>('idle');
  const changeRef = useRef<HTMLButtonElement>(null);
  const activeRef = useRef<HTMLButtonElement>(null);
  const verb = person.active ? 'Deactivate' : 'Reactivate';
  const back = (ref: React.RefObject<HTMLButtonElement | null>) => setTimeout(() => ref.current?.focus());

  const setActive = async () => {
    const result = await action.run('active', () => api.setPersonActive({ id: person.id, active: !person.active }));
    setMode('idle');
    if (result) onChanged(result);
    // The row stays (the list is asked again), its button now the other way, or the refusal under it.
    back(activeRef);
  };

  return (
    <>
      <tr className={mode === 'idle' ? undefined : 'asking'}>
        <th scope="row">{person.name}</th>
        <td className="admin-email">{breakableEmail(person.email)}</td>
        <td>{person.role ?? <span className="muted">—</span>}</td>
        <td className="admin-state">{person.active ? 'Active' : <Badge kind="idle">Deactivated</Badge>}</td>
        <td className="admin-actions">
          {mode === 'idle' && (
            <>
              <Button ref={changeRef} kind="link" onClick={() => (action.clear(), setMode('edit'))} aria-label={`Change ${person.name}`}>
                Change
              </Button>{' '}
              <Button
                ref={activeRef}
                kind="link"
                className={person.active ? 'danger' : undefined}
                onClick={() => (action.clear(), setMode('active'))}
                aria-label={`${verb} ${person.name}`}
              >
                {verb}
              </Button>
            </>
          )}
        </td>
      </tr>
      {(mode !== 'idle' || action.error) && (
        <tr className="admin-row-more">
          <td colSpan={5}>
            {mode === 'active' && (
              <Confirm
                question={`${verb} ${quote(person.name)}?`}
                prompt={
                  person.active
                    ? `Deactivate ${quote(person.name)}? They can no longer sign in; what they booked stays.`
                    : `Reactivate ${quote(person.name)}? They can sign in again.`
                }
                confirmLabel={verb}
                busyLabel={person.active ? 'Deactivating…' : 'Reactivating…'}
                keepLabel={person.active ? 'Keep them active' : 'Leave them deactivated'}
                confirmKind={person.active ? 'danger' : 'primary'}
                busy={action.pending === 'active'}
                onConfirm={() => void setActive()}
                onKeep={() => {
                  setMode('idle');
                  action.clear();
                  back(activeRef);
                }}
              />
            )}
            {mode === 'edit' && (
              <EditPerson
                person={person}
                rolesId={rolesId}
                onDone={(change) => {
                  setMode('idle');
                  if (change) onChanged(change);
                  back(changeRef);
                }}
              />
            )}
            {mode !== 'edit' && <ErrorText message={action.error?.message} />}
          </td>
        </tr>
      )}
    </>
  );
}

/** The change form under a person's row: only what differs from what they have is sent. */
function EditPerson({ person, rolesId, onDone }: { person: AdminPerson; rolesId: string; onDone: (change: PersonChange | null) => void }) {
  const [fields, setFields] = useState<PersonFields>({ name: person.name, email: person.email, role: person.role ?? '' });
  const [problems, setProblems] = useState<Partial<PersonFields>>({});
  const firstRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => firstRef.current?.focus(), []);

  const changes: { name?: string; email?: string; role?: string } = {};
  if (fields.name.trim() !== '' && fields.name.trim() !== person.name) changes.name = fields.name.trim();
  if (fields.email.trim() !== '' && fields.email.trim().toLowerCase() !== person.email.toLowerCase()) changes.email = fields.email.trim();
  if (fields.role.trim() !== '' && fields.role.trim() !== (person.role ?? '')) changes.role = fields.role.trim();
  const words = [
    changes.name && `name to ${quote(changes.name)}`,
    changes.email && `e-mail to ${changes.email}`,
    changes.role && `role from ${person.role ?? 'none'} to ${changes.role}`,
  ].filter(Boolean);

  const { formRef, openerRef, ...change } = useConfirmedChange('update', () => api.updatePerson({ id: person.id, ...changes }), onDone);
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(fields, false);
    if (words.length === 0 && !found.name && !found.email) found.name = 'Change the name, the e-mail or the role first.';
    setProblems(found);
    change.ask(Boolean(found.name || found.email));
  };
  const field = (name: keyof PersonFields) => ({
    value: fields[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setFields({ ...fields, [name]: event.currentTarget.value });
      setProblems({ ...problems, [name]: undefined });
    },
  });

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
      <h3 id={`${id}-title`}>Change {person.name}</h3>
      <div className="admin-fields">
        <Field label="Name" error={problems.name}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input ref={firstRef} id={fieldId} maxLength={200} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('name')} />
          )}
        </Field>
        <Field label="E-mail" error={problems.email}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input id={fieldId} type="email" maxLength={200} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('email')} />
          )}
        </Field>
        <Field label="Role">{({ id: fieldId }) => <input id={fieldId} list={rolesId} maxLength={100} spellCheck={false} {...field('role')} />}</Field>
      </div>
      <ConfirmedChange change={change} question={`Change ${quote(person.name)}: ${words.join(', ')}?`} confirmLabel="Change" busyLabel="Changing…">
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

function InvitePerson({ rolesId, onChanged }: { rolesId: string; onChanged: (change: PersonChange) => void }) {
  const empty: PersonFields = { name: '', email: '', role: '' };
  const [fields, setFields] = useState<PersonFields>(empty);
  const [problems, setProblems] = useState<Partial<PersonFields>>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const name = fields.name.trim();
  const email = fields.email.trim();
  const role = fields.role.trim();

  const { formRef, openerRef, ...change } = useConfirmedChange(
    'invite',
    () => api.invitePerson({ name, email, ...(role ? { role } : {}) }),
    (result) => {
      onChanged(result);
      setFields(empty);
      setTimeout(() => nameRef.current?.focus());
    },
  );
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(fields, true);
    setProblems(found);
    change.ask(Boolean(found.name || found.email));
  };
  const field = (key: keyof PersonFields) => ({
    value: fields[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setFields({ ...fields, [key]: event.currentTarget.value });
      setProblems({ ...problems, [key]: undefined });
    },
  });

  return (
    <form ref={formRef} className="admin-add" aria-labelledby={`${id}-title`} onSubmit={ask} noValidate>
      <h3 id={`${id}-title`}>Invite someone</h3>
      <div className="admin-fields">
        <Field label="Name" error={problems.name}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input ref={nameRef} id={fieldId} maxLength={200} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('name')} />
          )}
        </Field>
        <Field label="E-mail" error={problems.email}>
          {({ id: fieldId, describedBy, invalid }) => (
            <input id={fieldId} type="email" maxLength={200} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...field('email')} />
          )}
        </Field>
        <Field label="Role (optional)" hint="The back end's own word, as the list shows it.">
          {({ id: fieldId, describedBy }) => (
            <input id={fieldId} list={rolesId} maxLength={100} spellCheck={false} aria-describedby={describedBy} {...field('role')} />
          )}
        </Field>
      </div>
      <ConfirmedChange
        change={change}
        question={`Invite ${quote(name)} <${email}>${role ? ` as ${role}` : ''}? They get an account that can sign in.`}
        confirmLabel="Invite"
        busyLabel="Inviting…"
      >
        <Button ref={openerRef} kind="primary" submit>
          Invite
        </Button>
      </ConfirmedChange>
    </form>
  );
}
