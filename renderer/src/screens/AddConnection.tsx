// *Add connection* (docs/using-the-app.md, "Several connections"): a name (suggested from the workspace, the host or the back
// end, checked by the name rule beside the field), the back end and its fields as today's form has them,
// the secret, which goes to main and into the keychain, and a work week of its own where its back end keeps no
// targets. A Clockify key that sees several workspaces lists them once it tests well, each with a tick and a name of
// its own: every ticked one becomes a connection, all sharing the one key. The pure core is connection-form.ts.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { AccountView, BackEndType, ConnectionResult, LinkId } from '../../../window-contract/account.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, Field, StatusText } from '../components.tsx';
import { useAction, useFocusFirstInvalid } from '../hooks.ts';
import { stores } from '../store.ts';
import { chosenForNew, emptyForm, inputOf, problemsOf, type FormState, type SetField } from './account-form.ts';
import { AccountFields, BackEndChoices } from './AccountFields.tsx';
import { checkAdd, picksOf, suggestedNameFor, type AddErrors, type WorkspacePick } from './connection-form.ts';
import { connectionsChanged } from './Connections.tsx';
import { draftOf, offersWeek, type WeekDraft } from './connection-week.ts';
import { OWN_WEEK_HINT, WeekFields } from './ConnectionWeek.tsx';
import type { Day } from './preferences-form.ts';

interface Props {
  saved: AccountView;
  /** Closes the form; with a sentence of what was added, when something was. */
  onClose(added?: string): void;
}

/** The back end a new connection starts with: the first the organisation allows other than the local timesheet. */
function firstType(saved: AccountView): BackEndType {
  const allowed = saved.choices.filter((choice) => choice.type !== 'local' && (saved.organisation?.allowed?.includes(choice.type) ?? true));
  return allowed[0]?.type ?? saved.provider.type;
}

/** The form opens with the name's field focused: it is the first thing it asks. */
export function AddConnection({ saved, onClose }: Props) {
  const id = useId();
  const taken = saved.connections.map((connection) => connection.name);
  const [form, setForm] = useState<FormState>(() => emptyForm(firstType(saved)));
  const drafts = useRef<Partial<Record<BackEndType, FormState>>>({});
  const [typedName, setTypedName] = useState<string | null>(null);
  const [addressOpen, setAddressOpen] = useState(false);
  const [certificatesOpen, setCertificatesOpen] = useState(false);
  const [errors, setErrors] = useState<AddErrors>({});
  const [pickErrors, setPickErrors] = useState<Record<string, string | undefined>>({});
  const [test, setTest] = useState<ConnectionResult | null>(null);
  const [picks, setPicks] = useState<WorkspacePick[] | null>(null);
  // A week of its own, where its back end keeps no targets; without one it shares the week in Preferences.
  const [ownWeek, setOwnWeek] = useState<WeekDraft | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const nameRef = useRef<HTMLInputElement>(null);
  const chosen = chosenForNew(saved, form);
  const name = typedName ?? suggestedNameFor(form, chosen.choice, taken);

  useEffect(() => nameRef.current?.focus(), []);

  const set: SetField = (key, value) => {
    setForm((current) => ({ ...current, [key]: value }));
    // Another key, address or workspace: the test and the workspaces it listed are another's.
    setTest(null);
    setPicks(null);
    if (key === 'url' || key === 'email' || key === 'token' || key === 'secondToken') setErrors((current) => ({ ...current, [key]: undefined }));
  };
  const switchTo = (type: BackEndType) => {
    drafts.current[form.type] = form;
    setForm(drafts.current[type] ?? emptyForm(type));
    setTest(null);
    setPicks(null);
    setErrors({});
    action.clear();
  };

  const chooseWeek = (draft: WeekDraft | null) => {
    setOwnWeek(draft);
    setErrors((current) => ({ ...current, week: undefined }));
  };

  const testConnection = async () => {
    setTest(null);
    setPicks(null);
    const found = problemsOf(form, chosen, false);
    setErrors(found);
    if (Object.keys(found).length > 0) return flagProblems();
    const result = await action.run('test', () => api.testConnection(inputOf(form, chosen.choice)));
    if (!result) return;
    setTest(result);
    if (result.workspaces && result.workspaces.length > 1) setPicks(picksOf(result.workspaces, form.workspace, taken));
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkAdd(form, chosen, picks, name, taken, offersWeek(saved, form.type) ? ownWeek : null);
    setErrors(check.errors);
    setPickErrors(check.pickErrors);
    if (!check.request) return flagProblems();
    const { request, names } = check;
    const result = await action.run('add', () => api.addConnections(request));
    if (!result) return;
    stores.account.set(result);
    connectionsChanged();
    onClose(names.length === 1 ? `Added "${names[0]}".` : `Added ${names.map((each) => `"${each}"`).join(', ')}.`);
  };

  const secret = chosen.choice?.secret;
  return (
    <form className="card add-connection" aria-labelledby={`${id}-title`} onSubmit={(event) => void add(event)} noValidate ref={formRef}>
      <h2 id={`${id}-title`}>Add connection</h2>
      {!picks && (
        <NameField
          name={name}
          error={errors.name}
          inputRef={nameRef}
          onChange={(value) => {
            setTypedName(value);
            setErrors((current) => ({ ...current, name: undefined }));
          }}
        />
      )}
      <BackEndChoices id={id} saved={saved} type={form.type} onChoose={switchTo} />
      <AccountFields
        id={id}
        form={form}
        errors={errors}
        chosen={chosen}
        set={set}
        addressFixed={saved.organisation?.fixed === true}
        address={{ open: addressOpen, setOpen: setAddressOpen }}
        certificates={{ open: certificatesOpen, setOpen: setCertificatesOpen }}
        onHelp={(which) =>
          void action.run('help', () => api.openLink({ id: (which === 'second' ? chosen.choice?.secondSecret?.help.id : secret?.help.id) as LinkId }))
        }
      />
      {offersWeek(saved, form.type) && <OwnWeek draft={ownWeek} errors={errors.week ?? {}} onChange={chooseWeek} />}
      {picks && (
        <WorkspacePicker
          picks={picks}
          errors={pickErrors}
          problem={errors.workspaces}
          onChange={(next) => {
            setPicks(next);
            setPickErrors({});
            setErrors((current) => ({ ...current, workspaces: undefined }));
          }}
        />
      )}
      <div className="form-actions">
        <Button busy={action.pending === 'test'} busyLabel="Testing…" onClick={() => void testConnection()}>
          Test connection
        </Button>
        <Button kind="primary" submit busy={action.pending === 'add'} busyLabel="Adding…">
          {picks ? 'Add the ticked workspaces' : 'Add connection'}
        </Button>
        <Button onClick={() => onClose()}>Cancel</Button>
      </div>
      <StatusText message={test?.ok ? test.message : null} className="success" />
      <ErrorText message={test && !test.ok ? test.message : null} />
      <ErrorText message={action.error?.message} />
    </form>
  );
}

/** The new connection's name: suggested until the person types one. */
function NameField({
  name,
  error,
  inputRef,
  onChange,
}: {
  name: string;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange(value: string): void;
}) {
  return (
    <Field label="Name" error={error} hint="What your AI clients call it: lower-case letters, digits and -, starting with a letter.">
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          ref={inputRef}
          spellCheck={false}
          autoComplete="off"
          maxLength={24}
          value={name}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** Whether the new connection has a week of its own (off: it shares the week in Preferences), and the week. */
function OwnWeek({ draft, errors, onChange }: { draft: WeekDraft | null; errors: Partial<Record<Day, string>>; onChange(draft: WeekDraft | null): void }) {
  const id = useId();
  return (
    <div className="own-week">
      <label className="tick">
        <input
          type="checkbox"
          checked={draft !== null}
          aria-describedby={`${id}-about`}
          onChange={(event) => onChange(event.currentTarget.checked ? draftOf(null) : null)}
        />
        <span>A work week of its own</span>
      </label>
      {draft === null ? (
        <p className="hint" id={`${id}-about`}>
          Without one it shares the work week in Preferences with the other connections that have none: their hours together against one target.
        </p>
      ) : (
        <>
          <span className="sr-only" id={`${id}-about`}>
            Its own targets, apart from the other connections'.
          </span>
          <WeekFields legend="Its work week" draft={draft} errors={errors} onChange={onChange} hint={OWN_WEEK_HINT} />
        </>
      )}
    </div>
  );
}

interface PickerProps {
  picks: WorkspacePick[];
  /** Each ticked workspace's name problem, by workspace id. */
  errors: Record<string, string | undefined>;
  /** None ticked. */
  problem: string | undefined;
  onChange(picks: WorkspacePick[]): void;
}

/** The key's workspaces, a tick and a name each; a subdomain's or a region's workspace is said apart. */
function WorkspacePicker({ picks, errors, problem, onChange }: PickerProps) {
  const id = useId();
  const change = (index: number, part: Partial<WorkspacePick>) => onChange(picks.map((pick, at) => (at === index ? { ...pick, ...part } : pick)));
  return (
    <fieldset className="card workspaces" aria-describedby={`${id}-about${problem ? ` ${id}-problem` : ''}`}>
      <legend>Workspaces this key sees</legend>
      <p className="hint" id={`${id}-about`}>
        Each ticked workspace becomes a connection of its own, all with this one key. A workspace on its own subdomain is not listed here: it needs a key made
        there. One in a region needs its region's address (Address, above).
      </p>
      <ul className="workspace-picks">
        {picks.map((pick, index) => (
          <li key={pick.workspace.id} className={`workspace-pick${pick.ticked ? ' selected' : ''}`}>
            <label className="tick">
              <input
                type="checkbox"
                checked={pick.ticked}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => change(index, { ticked: event.currentTarget.checked })}
              />
              <span>{pick.workspace.name}</span>
            </label>
            {pick.ticked && (
              <Field label={`Name for ${pick.workspace.name}`} error={errors[pick.workspace.id]} className="pick-name">
                {({ id: fieldId, describedBy, invalid }) => (
                  <input
                    id={fieldId}
                    spellCheck={false}
                    autoComplete="off"
                    maxLength={24}
                    value={pick.name}
                    aria-invalid={invalid || undefined}
                    aria-describedby={describedBy}
                    onChange={(event) => change(index, { name: event.currentTarget.value })}
                  />
                )}
              </Field>
            )}
          </li>
        ))}
      </ul>
      {problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
