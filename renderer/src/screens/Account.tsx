// Which back end Punchcard uses. A back end's secret (a Kimai token, a Clockodo, Calamari or Clockify API
// key) goes from this form to main and into the keychain; the window never sees a saved one, only
// whether there is one. The form is drawn from the back ends' descriptors main sends (AccountView's
// choices): each field the descriptor names, in the words it gives, checked with the engine's rules.
// Its pure core (the checks, the request) is account-form.ts; its parts are in AccountFields.tsx.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView, BackEndType, ConnectionResult, LinkId } from '../../../window-contract/account.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { useAction, useFocusFirstInvalid, useReadyMark, type ActionState } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import {
  addressOpenAtFirst,
  chosenOf,
  formFor,
  fromView,
  inputOf,
  problemsOf,
  type AccountInput,
  type Errors,
  type FormState,
  type SetField,
} from './account-form.ts';
import { AccountFields, BackEndChoices } from './AccountFields.tsx';
import { AddConnection } from './AddConnection.tsx';
import { ConnectionList } from './Connections.tsx';

export function AccountScreen() {
  const { data, error } = useStore(stores.account);
  useReadyMark('account', data !== undefined);
  return (
    <>
      <ScreenHeader title="Account">Where your time is kept: the timesheet on this computer, or the back end your company uses.</ScreenHeader>
      {error && !data && <LoadError message={error} onRetry={() => void stores.account.load()} />}
      {data ? <AccountContent saved={data} /> : !error && <Loading what="Loading account" className="account-placeholder" />}
    </>
  );
}

/**
 * One connection: today's form, and *Add connection* under it. Several: the list of them
 * (Connections.tsx). Adding opens its form in place of the button, which gets focus back after.
 */
function AccountContent({ saved }: { saved: AccountView }) {
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const full = saved.connections.length >= saved.maxConnections;
  const close = (message?: string) => {
    setAdding(false);
    setAdded(message ?? null);
    queueMicrotask(() => addRef.current?.focus());
  };
  return (
    <>
      {saved.connections.length > 1 ? <ConnectionList saved={saved} /> : <AccountForm saved={saved} />}
      {adding ? (
        <AddConnection saved={saved} onClose={close} />
      ) : (
        <div className="add-connection-row">
          <Button ref={addRef} unavailable={full} aria-describedby={full ? 'connections-full' : undefined} onClick={() => setAdding(true)}>
            Add connection
          </Button>
          <span className="muted" id={full ? 'connections-full' : undefined}>
            {full
              ? `Punchcard holds at most ${saved.maxConnections} connections: remove one to add another.`
              : 'Another back end, or another workspace of the same key: your AI clients then choose one by its name.'}
          </span>
        </div>
      )}
      {added && <StatusText message={added} className="success" />}
    </>
  );
}

function AccountForm({ saved }: { saved: AccountView }) {
  const id = useId();
  const [form, setForm] = useState<FormState>(() => fromView(saved));
  // What was typed for each back end, so switching back and forth loses nothing and one back end's
  // address never becomes another's.
  const drafts = useRef<Partial<Record<BackEndType, FormState>>>({});
  // The optional sections stay as the person opened or closed them; a problem inside opens them.
  const [addressOpen, setAddressOpen] = useState(() => addressOpenAtFirst(saved, form));
  const [certificatesOpen, setCertificatesOpen] = useState(() => form.caFile !== '' || form.allowInsecureTls);
  const [errors, setErrors] = useState<Errors>({});
  const [test, setTest] = useState<ConnectionResult | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const chosen = chosenOf(saved, form);

  const set: SetField = (key, value) => {
    setForm((current) => ({ ...current, [key]: value }));
    setTest(null);
    if (key === 'url' || key === 'email' || key === 'token' || key === 'secondToken') setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const switchTo = (type: BackEndType) => {
    drafts.current[form.type] = form;
    setForm(formFor(type, saved, drafts.current));
    setTest(null);
    setErrors({});
    action.clear();
  };

  /** The request for main, or null with the problems flagged (and the address section open for one in it). */
  const request = (forSave: boolean): AccountInput | null => {
    const found = problemsOf(form, chosen, forSave);
    setErrors(found);
    if (found.url && chosen.urlOptional) setAddressOpen(true);
    if (Object.keys(found).length > 0) {
      flagProblems();
      return null;
    }
    return inputOf(form, chosen.choice);
  };

  const testConnection = async () => {
    setTest(null);
    const input = request(false);
    if (!input) return;
    const result = await action.run('test', () => api.testConnection(input));
    if (result) setTest(result);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTest(null);
    const input = request(true);
    if (!input) return;
    const result = await action.run('save', () => api.saveAccount(input), 'Saved.');
    if (result) {
      stores.account.set(result);
      setForm((current) => ({ ...current, token: '', secondToken: '' }));
      backEndChanged();
    }
  };

  // Forget removes the saved back end's secrets: both, where it has two (Tempo's and Jira's tokens).
  const savedSecond = saved.choices.find((choice) => choice.type === saved.provider.type)?.secondSecret;
  const secondName = saved.hasSecondCredential !== null && savedSecond ? `${savedSecond.service} ${savedSecond.name}` : null;
  const forgotten = secondName ? `${chosen.savedSecretName} and ${secondName}` : chosen.savedSecretName;
  const forget = async () => {
    const result = await action.run('forget', () => api.forgetCredential(), `The ${forgotten} ${secondName ? 'are' : 'is'} no longer in your keychain.`);
    if (result) {
      stores.account.set(result);
      backEndChanged();
    }
  };

  const secret = chosen.choice?.secret;
  return (
    <form className="account-form" onSubmit={(event) => void save(event)} noValidate ref={formRef}>
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
      <AccountActions
        saved={saved}
        action={action}
        test={test}
        hasProblems={Object.values(errors).some(Boolean)}
        savedSecretName={forgotten}
        onTest={() => void testConnection()}
        onForget={() => void forget()}
      />
    </form>
  );
}

interface ActionsProps {
  saved: AccountView;
  action: ActionState;
  /** The last test's answer, until a field changes. */
  test: ConnectionResult | null;
  /** Whether a field is flagged. */
  hasProblems: boolean;
  savedSecretName: string;
  onTest(): void;
  onForget(): void;
}

/** The form's buttons (test, save, forget the saved secret) and what came of the last one. */
function AccountActions({ saved, action, test, hasProblems, savedSecretName, onTest, onForget }: ActionsProps) {
  return (
    <>
      {saved.credentialProblem && (
        <p className="message warning" role="alert">
          Punchcard could not ask the system keychain: {saved.credentialProblem}
        </p>
      )}
      <div className="form-actions">
        <Button busy={action.pending === 'test'} busyLabel="Testing…" onClick={onTest}>
          Test connection
        </Button>
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Save
        </Button>
        {saved.hasCredential && (
          <Button kind="danger" busy={action.pending === 'forget'} busyLabel="Forgetting…" onClick={onForget}>
            Forget {savedSecretName}
          </Button>
        )}
      </div>
      <StatusText message={test?.ok ? test.message : action.done?.message} className="success" />
      <ErrorText message={test && !test.ok ? test.message : null} />
      <ErrorText message={action.error?.message} />
      {hasProblems && <ErrorText message="Check the highlighted fields." />}
    </>
  );
}

/**
 * Another back end (or none reachable) means other tools, another timer and other projects, and
 * perhaps a work week, holidays and leave that the back end keeps.
 */
function backEndChanged(): void {
  void stores.tools.load();
  void stores.status.load();
  void stores.preferences.load();
}
