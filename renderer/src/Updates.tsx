// The app's updates in the window (main/updates/): a bar over every screen once a downloaded,
// verified update waits for a restart, and a card on Preferences with the state in words, the
// person's setting and the two actions. Every sentence is main's (update-model.ts), so the tray and
// the window say the same.
import { useId } from 'react';
import type { UpdateMode, UpdateView } from '../../window-contract/updates.ts';
import { api } from './bridge.ts';
import { Badge, Button, ErrorText } from './components.tsx';
import { useAction } from './hooks.ts';
import { stores, useStore } from './store.ts';

const MODES: Array<{ mode: UpdateMode; label: string; hint: string }> = [
  {
    mode: 'auto',
    label: 'Install automatically',
    hint: 'Downloads in the background and restarts Punchcard when no timer runs, nothing waits to be sent and this window is closed.',
  },
  { mode: 'notify', label: 'Tell me', hint: 'Downloads in the background; you restart when it suits you (or it installs when Punchcard quits).' },
  { mode: 'never', label: 'Never by itself', hint: 'Punchcard looks for updates only when you press Check now.' },
];

function useUpdateActions() {
  const action = useAction();
  const check = () => void action.run('check', () => api.checkForUpdates()).then((view) => view && stores.updates.set(view));
  const restart = () => void action.run('restart', () => api.installUpdate());
  return { action, check, restart };
}

/** Over every screen: the one thing to do once an update is ready. */
export function UpdateBar() {
  const { data } = useStore(stores.updates);
  const { action, restart } = useUpdateActions();
  if (!data?.canRestart || !data.readyVersion) return null;
  return (
    <aside className="update-bar" aria-label="Update ready">
      <p>
        <strong>Punchcard {data.readyVersion} is ready.</strong> Restarting installs it; your timer keeps running.
      </p>
      <Button kind="primary" busy={action.pending === 'restart'} busyLabel="Restarting…" onClick={restart}>
        Restart to update
      </Button>
      <ErrorText message={action.error?.message} />
    </aside>
  );
}

/** Preferences: the state in words, install automatically / tell me / never, Check now, Restart to update. */
export function UpdatesCard() {
  const id = useId();
  const { data, error } = useStore(stores.updates);
  const { action, check, restart } = useUpdateActions();
  const choose = (mode: UpdateMode) => void action.run('mode', () => api.setUpdateMode({ mode })).then((view) => view && stores.updates.set(view));
  return (
    <section className="card updates" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Updates</h2>
        {data && !data.canChoose && <Badge kind="neutral">Not set here</Badge>}
      </div>
      {error && !data && <ErrorText message={error} />}
      {data && <UpdateWords view={data} />}
      {data && (
        <fieldset className="update-modes" disabled={!data.canChoose} aria-describedby={`${id}-modes-hint`}>
          <legend>Install updates</legend>
          {MODES.map((option) => (
            <label key={option.mode} className={`choice${data.mode === option.mode ? ' selected' : ''}`}>
              <input type="radio" name={`${id}-mode`} value={option.mode} checked={data.mode === option.mode} onChange={() => choose(option.mode)} />
              <span>
                <strong>{option.label}</strong>
                <span className="muted">{option.hint}</span>
              </span>
            </label>
          ))}
          <p className="hint" id={`${id}-modes-hint`}>
            Every update is checked against its published checksum (and on Windows its publisher’s signature) before it is installed.
          </p>
        </fieldset>
      )}
      {data && (data.canCheck || data.canRestart) && (
        <div className="form-actions">
          {data.canRestart && (
            <Button kind="primary" busy={action.pending === 'restart'} busyLabel="Restarting…" onClick={restart}>
              Restart to update
            </Button>
          )}
          {data.canCheck && (
            <Button busy={action.pending === 'check'} busyLabel="Checking…" onClick={check}>
              Check now
            </Button>
          )}
        </div>
      )}
      <ErrorText message={action.error?.message} />
    </section>
  );
}

/**
 * The sentence, announced when it changes (checking, downloaded, failed): a polite live region, not a
 * second role="status" beside the Preferences form's own save message.
 */
function UpdateWords({ view }: { view: UpdateView }) {
  return (
    <p className={`update-words ${view.tone}`} aria-live="polite">
      {view.words}
    </p>
  );
}
