// Working time in Preferences (docs/working-time.md): which law's rules Punchcard checks the person's
// time against, and whether the tray warns before a limit. Off until the person chooses; the set of
// the holidays' country is offered, never switched on. Where the organisation's policy sets the
// rules, they show as its and cannot be changed here; the tray's warnings stay the person's.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { WorkingTimeRules, WorkingTimeSettingsView } from '../../../window-contract/working-time.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, Field, LoadError, StatusText, Switch } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { RULE_SET_NAMES } from '../working-time-words.ts';

const CHOICES: readonly WorkingTimeRules[] = ['off', 'eu', 'de', 'at'];

export function WorkingTimeCard() {
  const { data, error } = useStore(stores.workingTimeSettings);
  if (error && !data) return <LoadError message={`Working time: ${error}`} onRetry={() => void stores.workingTimeSettings.load()} />;
  if (!data) return null;
  // Another organisation's rules are another form; a save keeps this one, with its message.
  return <WorkingTimeForm key={data.organisation ?? ''} saved={data} />;
}

function WorkingTimeForm({ saved }: { saved: WorkingTimeSettingsView }) {
  const id = useId();
  const [rules, setRules] = useState(saved.rules);
  const [notify, setNotify] = useState(saved.notify);
  const action = useAction();
  const select = useRef<HTMLSelectElement>(null);
  const fixed = saved.organisation;
  const inForce = fixed ?? rules;
  const suggest = fixed === null && rules === 'off' && saved.suggested !== 'off';
  const countries = useStore(stores.countries).data;
  const country = countries?.find((each) => each.code.toUpperCase() === saved.country)?.name ?? saved.country;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const change = { ...(fixed === null && rules !== saved.rules ? { rules } : {}), ...(notify !== saved.notify ? { notify } : {}) };
    if (Object.keys(change).length === 0) {
      void action.run('save', () => Promise.resolve(), 'Nothing changed.');
      return;
    }
    const result = await action.run('save', () => api.saveWorkingTimeSettings(change), 'Saved.');
    if (result) {
      setRules(result.rules);
      setNotify(result.notify);
      stores.workingTimeSettings.set(result);
      // What was found under the rules before is not what is found now.
      for (const key of stores.workingTime.keys()) void stores.workingTime.of(key).load();
    }
  };

  return (
    <form className="card working-time-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>Working time</h2>
      <p className="hint">
        Punchcard checks your time against the rest, breaks and daily and weekly limits of the law you choose, and says what it finds in Reports, on the Status
        screen and to AI clients. It never refuses or changes your time.
      </p>
      {fixed !== null && (
        <p className="locked" id={`${id}-organisation`}>
          <Badge kind="neutral">Set by your organisation</Badge> Your organisation’s policy checks your time against {RULE_SET_NAMES[fixed]}.
        </p>
      )}
      <div className="two-columns">
        <Field
          label="Rules"
          hint={suggest ? `Suggested for ${country}’s public holidays: ${RULE_SET_NAMES[saved.suggested]}. Nothing is checked until you choose.` : undefined}
        >
          {({ id: fieldId, describedBy }) => (
            <select
              ref={select}
              id={fieldId}
              value={inForce}
              disabled={fixed !== null}
              aria-describedby={[describedBy, fixed !== null ? `${id}-organisation` : ''].filter(Boolean).join(' ') || undefined}
              onChange={(event) => {
                setRules(event.currentTarget.value as WorkingTimeRules);
                action.clear();
              }}
            >
              {CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {RULE_SET_NAMES[choice]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {suggest && (
          <div className="suggestion">
            <Button
              onClick={() => {
                setRules(saved.suggested);
                action.clear();
                // The button goes with the choice made: the focus stays with the rules, not lost to the page.
                select.current?.focus();
              }}
            >
              Use {RULE_SET_NAMES[saved.suggested]}
            </Button>
          </div>
        )}
      </div>
      <Switch
        checked={notify && inForce !== 'off'}
        disabled={inForce === 'off'}
        onChange={(checked) => {
          setNotify(checked);
          action.clear();
        }}
        describedBy={`${id}-notify-note`}
        label="Warn in the tray before a limit is reached"
      />
      <p className="hint" id={`${id}-notify-note`}>
        {inForce === 'off'
          ? 'Only with rules chosen.'
          : 'Before six hours in a row without a break, before the day’s maximum, and when clocking in would cut your rest short.'}
      </p>
      <div className="form-actions">
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Use these rules and warnings
        </Button>
        <StatusText message={action.done?.message} className="success inline" />
      </div>
      <ErrorText message={action.error?.message} />
    </form>
  );
}
