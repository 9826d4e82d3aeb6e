// A connection's own work week on the Account screen (docs/using-the-app.md, "Several connections"): the seven
// fields, in *Add connection* and in a connection's row, where *Work week* opens them with Save and a way back to the
// week in Preferences. The pure core is connection-week.ts.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../window-contract/account.ts';
import { Button } from '../components.tsx';
import { useFocusFirstInvalid } from '../hooks.ts';
import { draftHours, draftOf, weekOf, weekProblems, type WeekDraft } from './connection-week.ts';
import { DAYS, hoursFormat, type Day } from './preferences-form.ts';
import type { WeekHours } from '../../../mcp-server/contract/connections.ts';

interface FieldsProps {
  legend: string;
  draft: WeekDraft;
  errors: Partial<Record<Day, string>>;
  onChange(draft: WeekDraft): void;
  /** What the week means, said under the fields and read with them. */
  hint: string;
}

/** The seven days' hours, their total, and what is wrong with them, as the Preferences' week has them. */
export function WeekFields({ legend, draft, errors, onChange, hint }: FieldsProps) {
  const id = useId();
  const dayErrors = DAYS.map(({ key }) => errors[key]).filter(Boolean);
  return (
    <fieldset className="work-week connection-week" aria-describedby={`${id}-total ${id}-hint`}>
      <legend>{legend}</legend>
      <div className="days">
        {DAYS.map(({ key, short, long }) => (
          <div className={`day${errors[key] ? ' invalid' : ''}`} key={key}>
            <label htmlFor={`${id}-${key}`}>{short}</label>
            <input
              id={`${id}-${key}`}
              aria-label={`${long} hours`}
              inputMode="decimal"
              value={draft[key]}
              aria-invalid={errors[key] ? true : undefined}
              aria-describedby={errors[key] ? `${id}-errors` : undefined}
              onChange={(event) => onChange({ ...draft, [key]: event.currentTarget.value })}
            />
          </div>
        ))}
        <p className="week-total muted" id={`${id}-total`}>
          {hoursFormat.format(draftHours(draft))} hours a week
        </p>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {dayErrors.length > 0 && (
        <div className="field-error" id={`${id}-errors`} role="alert">
          {dayErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}

export const OWN_WEEK_HINT = 'Its targets. Connections without a week of their own share the one in Preferences: their hours together against one target.';

interface EditorProps {
  connection: ConnectionView;
  busy: boolean;
  /** A week of its own, or null for the one in Preferences. */
  onSave(week: WeekHours | null): void;
  onCancel(): void;
}

/** A connection's week, changed in its row: Save, back to the week in Preferences (where it has its own), Cancel or Escape. */
export function WeekEditor({ connection, busy, onSave, onCancel }: EditorProps) {
  const [draft, setDraft] = useState(() => draftOf(connection.workWeek));
  const [errors, setErrors] = useState<Partial<Record<Day, string>>>({});
  const { formRef, flagProblems } = useFocusFirstInvalid();
  // Focus moves to the first day when the fields open.
  useEffect(() => formRef.current?.querySelector('input')?.focus(), [formRef]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors(weekProblems(draft));
    const week = weekOf(draft);
    if (week) onSave(week);
    else flagProblems();
  };
  return (
    <form
      ref={formRef}
      className="week-editor"
      aria-label={`Work week of ${connection.name}`}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onCancel();
      }}
    >
      <WeekFields
        legend={`Work week of ${connection.name}`}
        draft={draft}
        errors={errors}
        onChange={(next) => {
          setDraft(next);
          setErrors({});
        }}
        hint={OWN_WEEK_HINT}
      />
      <div className="form-actions">
        <Button kind="primary" submit busy={busy} busyLabel="Saving…">
          Save week
        </Button>
        {connection.workWeek && (
          <Button disabled={busy} onClick={() => onSave(null)}>
            Share the week in Preferences
          </Button>
        )}
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
