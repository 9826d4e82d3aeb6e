// The Account screen's connections (docs/using-the-app.md, "Several connections"): with several, the list of them (name,
// back end, address, Clockify workspace, work week, which is the default) with Test connection, Make default,
// Rename, Work week (where its back end keeps no targets) and Remove on each; the default stays while there are
// others, and says so where Remove would be. Adding one is AddConnection.tsx. Each change answers with the fresh
// view, and the engine starts over with the connections it now has (a week it reads as the settings say it now).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView, ConnectionResult, ConnectionView } from '../../../window-contract/account.ts';
import { connectionNameSentence } from '../../../mcp-server/contract/connection-names.ts';
import { api } from '../bridge.ts';
import { Badge, Button, Confirm, ErrorText, Field, StatusText } from '../components.tsx';
import { useAction, type ActionState } from '../hooks.ts';
import { stores } from '../store.ts';
import { choiceOf } from './account-form.ts';
import { offersWeek, weekFacts } from './connection-week.ts';
import { WeekEditor } from './ConnectionWeek.tsx';
import type { WeekHours } from '../../../mcp-server/contract/connections.ts';

/** Other connections mean other tools, timers and projects: the screens that show them ask again. */
export function connectionsChanged(): void {
  void stores.tools.load();
  void stores.status.load();
  void stores.preferences.load();
}

/** Another week for a connection: the targets the window holds (reports, weeks, the status) are asked again. */
function weekChanged(): void {
  void stores.status.load();
  for (const key of stores.reports.keys()) void stores.reports.of(key).load();
  for (const key of stores.timesheet.keys()) void stores.timesheet.of(key).load();
}

export function ConnectionList({ saved }: { saved: AccountView }) {
  const headingId = useId();
  const action = useAction();
  const [tests, setTests] = useState<Record<string, ConnectionResult>>({});
  const others = saved.connections.filter((connection) => !connection.isDefault).map((connection) => connection.name);

  const change = async (key: string, task: () => Promise<AccountView>, done: string) => {
    const result = await action.run(key, task, done);
    if (result) {
      stores.account.set(result);
      if (key.startsWith('week:')) weekChanged();
      else connectionsChanged();
    }
    return result !== undefined;
  };
  const test = async (name: string) => {
    setTests(({ [name]: _old, ...rest }) => rest);
    const result = await action.run(`test:${name}`, () => api.testConnection({ connection: name }));
    if (result) setTests((current) => ({ ...current, [name]: result }));
  };

  return (
    <section className="card connections" aria-labelledby={headingId}>
      <h2 id={headingId}>Connections</h2>
      <p className="muted">
        Your AI clients choose a connection by its name; whatever names none goes to the default. Changes take effect when Punchcard's engine starts over, which
        it does at once.
      </p>
      <ul className="connection-list">
        {saved.connections.map((connection) => (
          <ConnectionRow
            key={connection.name}
            saved={saved}
            connection={connection}
            others={others}
            action={action}
            test={tests[connection.name]}
            onTest={() => void test(connection.name)}
            onMakeDefault={() =>
              void change(`default:${connection.name}`, () => api.makeDefaultConnection({ name: connection.name }), `"${connection.name}" is the default now.`)
            }
            onRename={(to) =>
              change(`rename:${connection.name}`, () => api.renameConnection({ name: connection.name, to }), `Renamed "${connection.name}" to "${to}".`)
            }
            onWeek={(workWeek) =>
              change(
                `week:${connection.name}`,
                () => api.setConnectionWeek({ name: connection.name, workWeek }),
                workWeek ? `"${connection.name}" has a work week of its own now.` : `"${connection.name}" shares the work week in Preferences now.`,
              )
            }
            onRemove={() => change(`remove:${connection.name}`, () => api.removeConnection({ name: connection.name }), `Removed "${connection.name}".`)}
          />
        ))}
      </ul>
      {action.done && !action.done.key.startsWith('test:') && <StatusText message={action.done.message} className="success" />}
    </section>
  );
}

interface RowProps {
  saved: AccountView;
  connection: ConnectionView;
  /** The names of the connections that are not the default. */
  others: string[];
  action: ActionState;
  /** The last test's answer for this connection. */
  test: ConnectionResult | undefined;
  onTest(): void;
  onMakeDefault(): void;
  /** Resolves true when the name was changed. */
  onRename(to: string): Promise<boolean>;
  /** A week of its own, or null for the one in Preferences; resolves true when it was saved. */
  onWeek(workWeek: WeekHours | null): Promise<boolean>;
  onRemove(): Promise<boolean>;
}

function ConnectionRow({ saved, connection, others, action, test, onTest, onMakeDefault, onRename, onWeek, onRemove }: RowProps) {
  const { name } = connection;
  const [step, setStep] = useState<'rename' | 'week' | 'remove' | null>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const weekRef = useRef<HTMLButtonElement>(null);
  // Once a week is saved and its fields are gone, focus goes back to Work week (after the row is drawn again).
  const [weekSaved, setWeekSaved] = useState(0);
  useEffect(() => {
    if (weekSaved > 0) weekRef.current?.focus();
  }, [weekSaved]);
  const error = action.error?.key.endsWith(`:${name}`) ? action.error.message : null;
  const backToList = (ref: typeof removeRef) => {
    setStep(null);
    // After the step's controls are gone, focus goes back to the button that opened it.
    queueMicrotask(() => ref.current?.focus());
  };
  return (
    <li className={`connection${connection.isDefault ? ' default' : ''}`} aria-labelledby={`connection-${name}`}>
      <div className="card-title">
        <h3 id={`connection-${name}`}>{name}</h3>
        {connection.isDefault && <Badge kind="ok">Default</Badge>}
      </div>
      <ConnectionFacts saved={saved} connection={connection} />
      {step === 'rename' ? (
        <RenameForm
          connection={connection}
          taken={saved.connections.map((each) => each.name).filter((each) => each !== name)}
          busy={action.pending === `rename:${name}`}
          onRename={async (to) => {
            if (await onRename(to)) setStep(null);
          }}
          onCancel={() => backToList(renameRef)}
        />
      ) : step === 'week' ? (
        <WeekEditor
          connection={connection}
          busy={action.pending === `week:${name}`}
          onSave={async (week) => {
            if (!(await onWeek(week))) return;
            setStep(null);
            setWeekSaved((count) => count + 1);
          }}
          onCancel={() => backToList(weekRef)}
        />
      ) : (
        <div className="form-actions">
          <Button busy={action.pending === `test:${name}`} busyLabel="Testing…" onClick={onTest}>
            Test connection<span className="sr-only"> {name}</span>
          </Button>
          {!connection.isDefault && (
            <Button busy={action.pending === `default:${name}`} busyLabel="Making default…" onClick={onMakeDefault}>
              Make default<span className="sr-only"> {name}</span>
            </Button>
          )}
          <Button ref={renameRef} onClick={() => setStep('rename')}>
            Rename<span className="sr-only"> {name}</span>
          </Button>
          {offersWeek(saved, connection.provider.type) && (
            <Button ref={weekRef} onClick={() => setStep('week')}>
              Work week<span className="sr-only"> of {name}</span>
            </Button>
          )}
          {connection.isDefault ? (
            <span className="muted inline-note">
              The default stays while there are others: make {others.length === 1 ? `“${others[0]}”` : 'another one'} the default to remove this one.
            </span>
          ) : step === 'remove' ? (
            <Confirm
              question={`Remove ${name}?`}
              prompt={`Remove “${name}”? Punchcard stops using it; what it keeps stays there.`}
              confirmLabel={`Remove ${name}`}
              busyLabel="Removing…"
              keepLabel="Keep"
              busy={action.pending === `remove:${name}`}
              onConfirm={() => void onRemove()}
              onKeep={() => backToList(removeRef)}
            />
          ) : (
            <Button ref={removeRef} kind="danger" onClick={() => setStep('remove')}>
              Remove<span className="sr-only"> {name}</span>
            </Button>
          )}
        </div>
      )}
      <StatusText message={test?.ok ? test.message : null} className="success" />
      <ErrorText message={test && !test.ok ? test.message : error} />
    </li>
  );
}

/** What a connection is: its back end, where, which workspace, and whether its secret is saved. */
function ConnectionFacts({ saved, connection }: { saved: AccountView; connection: ConnectionView }) {
  const choice = choiceOf(saved, connection.provider.type);
  const provider = connection.provider as { url?: string; email?: string; workspace?: string | null; account_id?: string | null };
  return (
    <dl className="connection-facts">
      <dt>Back end</dt>
      <dd>{choice?.label ?? connection.provider.type}</dd>
      {provider.url && (
        <>
          <dt>Address</dt>
          <dd>{provider.url}</dd>
        </>
      )}
      {provider.email && (
        <>
          <dt>Login</dt>
          <dd>{provider.email}</dd>
        </>
      )}
      {'workspace' in provider && (
        <>
          <dt>Workspace</dt>
          <dd>{provider.workspace || 'the one you last used'}</dd>
        </>
      )}
      {provider.account_id && (
        <>
          <dt>Account id</dt>
          <dd>{provider.account_id}</dd>
        </>
      )}
      {choice?.secret && (
        <>
          <dt>{choice.secret.name}</dt>
          <dd>{connection.hasCredential ? 'saved in your keychain' : 'none saved: add the connection again with it'}</dd>
        </>
      )}
      <dt>Work week</dt>
      <dd>{weekFacts(saved, connection)}</dd>
    </dl>
  );
}

function RenameForm({
  connection,
  taken,
  busy,
  onRename,
  onCancel,
}: {
  connection: ConnectionView;
  taken: string[];
  busy: boolean;
  onRename(to: string): void;
  onCancel(): void;
}) {
  const [to, setTo] = useState(connection.name);
  const [problem, setProblem] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = connectionNameSentence(to.trim(), taken);
    setProblem(found);
    if (found) inputRef.current?.focus();
    else onRename(to.trim());
  };
  return (
    <form
      className="rename"
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onCancel();
      }}
    >
      <Field label={`New name for ${connection.name}`} error={problem} hint="Lower-case letters, digits and -, starting with a letter; at most 24.">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            ref={(element) => {
              inputRef.current = element;
              // Focus moves to the field when it opens.
              if (element && document.activeElement?.tagName !== 'INPUT') element.focus();
            }}
            spellCheck={false}
            autoComplete="off"
            maxLength={24}
            value={to}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setTo(event.currentTarget.value);
              setProblem(undefined);
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button kind="primary" submit busy={busy} busyLabel="Renaming…">
          Rename
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
