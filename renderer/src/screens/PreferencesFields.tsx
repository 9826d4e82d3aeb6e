// The parts of the Preferences form (Preferences.tsx): the work week, public holidays, leave, the
// window's and the tray's own settings, and starting at login. Each shows the form's state and hands
// changes to `update`; the form checks and saves the whole.
import { useEffect, useState } from 'react';
import type { HolidayRegionOption, PreferencesView } from '../../../window-contract/settings.ts';
import { durationText, type DurationStyle } from '../../../mcp-server/contract/durations.ts';
import { acceleratorOf, describeAccelerator } from '../../../mcp-server/contract/accelerator.ts';
import { BEYOND_BALANCE_SWITCH } from '../../../mcp-server/contract/beyond-balance.ts';
import { api } from '../bridge.ts';
import { Button, Field, Switch } from '../components.tsx';
import { DAYS, hoursFormat, readNumber, type Errors, type FieldName, type FormState, type Locks } from './preferences-form.ts';

const SYSTEM_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** What every part is given: the form's ids, its state and problems, and the way to change it. */
export interface PartProps {
  /** The form's useId: the parts' ids hang from it. */
  id: string;
  form: FormState;
  errors: Errors;
  update(patch: Partial<FormState>, field?: FieldName): void;
  locks: Locks;
  /** The id of the note that says the back end could not be read, where it shows: locked fields point to it. */
  lockedBy: string | undefined;
}

/** The note's id beside the field's own, for a field the back end may keep. */
function describedWith(describedBy: string | undefined, lockedBy: string | undefined): string | undefined {
  return [describedBy, lockedBy].filter(Boolean).join(' ') || undefined;
}

export function WorkWeekFields({ id, form, errors, update, locks, lockedBy }: PartProps) {
  const weekTotal = DAYS.reduce((sum, { key }) => sum + (readNumber(form.workWeek[key]) || 0), 0);
  const dayErrors = DAYS.map(({ key }) => errors[key]).filter(Boolean);
  return (
    <fieldset className="card work-week" disabled={locks.week} aria-describedby={[`${id}-week-total`, lockedBy].filter(Boolean).join(' ')}>
      <legend>Work week</legend>
      <div className="days">
        {DAYS.map(({ key, short, long }) => (
          <div className={`day${errors[key] ? ' invalid' : ''}`} key={key}>
            <label htmlFor={`${id}-${key}`}>{short}</label>
            <input
              id={`${id}-${key}`}
              aria-label={`${long} hours`}
              inputMode="decimal"
              value={form.workWeek[key]}
              aria-invalid={errors[key] ? true : undefined}
              aria-describedby={errors[key] ? `${id}-week-errors` : undefined}
              onChange={(event) => update({ workWeek: { ...form.workWeek, [key]: event.currentTarget.value } }, key)}
            />
          </div>
        ))}
        <p className="week-total muted" id={`${id}-week-total`}>
          {hoursFormat.format(weekTotal)} hours a week
        </p>
      </div>
      {dayErrors.length > 0 && (
        <div className="field-error" id={`${id}-week-errors`}>
          {dayErrors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}

const statesByCountry = new Map<string, Promise<HolidayRegionOption[]>>();

function statesOf(country: string): Promise<HolidayRegionOption[]> {
  let states = statesByCountry.get(country);
  if (!states) {
    states = api.listHolidayRegions({ country });
    statesByCountry.set(country, states);
    states.catch(() => statesByCountry.delete(country));
  }
  return states;
}

/** The states or regions of `country` with their own holidays, as the engine lists them (asked once a country). */
function useHolidayStates(country: string, locked: boolean): { options?: HolidayRegionOption[]; error?: string } {
  const [states, setStates] = useState<{ country: string; options?: HolidayRegionOption[]; error?: string }>({ country: '' });
  useEffect(() => {
    if (!country || locked) return;
    let current = true;
    statesOf(country).then(
      (options) => current && setStates({ country, options }),
      (error: unknown) => current && setStates({ country, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [country, locked]);
  return states.country === country ? states : {};
}

export function HolidayFields({
  form,
  update,
  locks,
  lockedBy,
  countries,
  countriesError,
}: Omit<PartProps, 'id' | 'errors'> & { countries: HolidayRegionOption[] | undefined; countriesError: string | undefined }) {
  const { options: stateOptions, error: stateError } = useHolidayStates(form.country, locks.holidays);
  return (
    <>
      <Field label="Public holidays" hint={countriesError ? undefined : 'Holidays count as days off.'} error={countriesError}>
        {({ id: fieldId, describedBy }) => (
          <select
            id={fieldId}
            value={form.country}
            disabled={locks.holidays}
            aria-describedby={describedWith(describedBy, lockedBy)}
            onChange={(event) => update({ country: event.currentTarget.value, state: '', region: undefined })}
          >
            <option value="">None</option>
            {!countries && form.country && <option value={form.country}>{form.country}</option>}
            {countries?.map((country) => (
              <option key={country.code} value={country.code.toUpperCase()}>
                {country.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="State or region"
        error={stateError}
        hint={form.country && stateOptions?.length === 0 ? 'The whole country has the same holidays.' : undefined}
      >
        {({ id: fieldId, describedBy }) => (
          <select
            id={fieldId}
            value={form.state}
            disabled={locks.holidays || !form.country || stateOptions?.length === 0}
            aria-busy={form.country && !stateOptions && !stateError && !locks.holidays ? true : undefined}
            aria-describedby={describedWith(describedBy, lockedBy)}
            onChange={(event) => update({ state: event.currentTarget.value, region: undefined })}
          >
            <option value="">{form.country ? 'Whole country' : '—'}</option>
            {!stateOptions && form.state && <option value={form.state}>{form.state}</option>}
            {stateOptions?.map((state) => (
              <option key={state.code} value={state.code}>
                {state.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

export function LeaveFields({ form, errors, update, locks, lockedBy }: Omit<PartProps, 'id'>) {
  const days =
    (key: 'annualLeaveDays' | 'carryOverDays') =>
    ({ id: fieldId, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) => (
      <input
        id={fieldId}
        inputMode="decimal"
        value={form[key]}
        disabled={locks.leave}
        aria-invalid={invalid || undefined}
        aria-describedby={describedWith(describedBy, lockedBy)}
        onChange={(event) => update({ [key]: event.currentTarget.value }, key)}
      />
    );
  return (
    <>
      <Field label="Annual leave (days)" error={errors.annualLeaveDays}>
        {days('annualLeaveDays')}
      </Field>
      <Field label="Carried over from last year (days)" error={errors.carryOverDays}>
        {days('carryOverDays')}
      </Field>
    </>
  );
}

export function BeyondBalanceSwitch({ id, checked, update }: Pick<PartProps, 'id' | 'update'> & { checked: boolean }) {
  return (
    <div className="beyond-balance-pref">
      <Switch
        checked={checked}
        onChange={(allowLeaveBeyondBalance) => update({ allowLeaveBeyondBalance })}
        describedBy={`${id}-beyond-note`}
        label={BEYOND_BALANCE_SWITCH}
      />
      <p className="hint" id={`${id}-beyond-note`}>
        This timesheet approves leave as it is filed. Off, vacation beyond your balance is refused; on, it is recorded once you confirm it (an AI client asks
        you, or must say that you mean it).
      </p>
    </div>
  );
}

/** Time zone, how durations read, and the long-timer reminder. */
export function DisplayFields({ id, form, errors, update }: Omit<PartProps, 'locks' | 'lockedBy'>) {
  return (
    <>
      <Field label="Time zone" hint={`Empty follows the system (now ${SYSTEM_ZONE}).`} error={errors.timezone}>
        {({ id: fieldId, describedBy, invalid }) => (
          <>
            <input
              id={fieldId}
              list={`${id}-zones`}
              spellCheck={false}
              autoComplete="off"
              placeholder={`System default (${SYSTEM_ZONE})`}
              value={form.timezone}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => update({ timezone: event.currentTarget.value }, 'timezone')}
            />
            <ZoneList id={`${id}-zones`} />
          </>
        )}
      </Field>
      <Field label="Show durations as" hint="In the window and the tray.">
        {({ id: fieldId, describedBy }) => (
          <select
            id={fieldId}
            value={form.durations}
            aria-describedby={describedBy}
            onChange={(event) => update({ durations: event.currentTarget.value as DurationStyle })}
          >
            <option value="units">Hours and minutes ({durationText(225, 'units')})</option>
            <option value="decimal">Decimal hours ({durationText(225, 'decimal')})</option>
          </select>
        )}
      </Field>
      <Field label="Remind me after (hours)" hint="A notification when a timer has run this long. 0 turns it off." error={errors.reminderHours}>
        {({ id: fieldId, describedBy, invalid }) => (
          <input
            id={fieldId}
            inputMode="decimal"
            value={form.reminderHours}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => update({ reminderHours: event.currentTarget.value }, 'reminderHours')}
          />
        )}
      </Field>
    </>
  );
}

export function TrayFields({ form, errors, update, saved }: Pick<PartProps, 'form' | 'errors' | 'update'> & { saved: PreferencesView }) {
  return (
    <fieldset className="card tray-prefs">
      <legend>Tray</legend>
      <div className="two-columns">
        <Field
          label="Ask about time away after (minutes)"
          hint="When the computer was idle, asleep or locked this long while a timer ran. 0 turns it off."
          error={errors.idleMinutes}
        >
          {({ id: fieldId, describedBy, invalid }) => (
            <input
              id={fieldId}
              inputMode="numeric"
              value={form.idleMinutes}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => update({ idleMinutes: event.currentTarget.value }, 'idleMinutes')}
            />
          )}
        </Field>
        <Field
          label="Clock in/out shortcut"
          hint={form.shortcut ? 'Works from any app. Press other keys to change it.' : 'Off. Focus the field and press the keys, such as Ctrl+Alt+P.'}
          error={errors.shortcut}
        >
          {({ id: fieldId, describedBy, invalid }) => (
            <ShortcutField
              id={fieldId}
              describedBy={describedBy}
              invalid={invalid}
              value={form.shortcut}
              onChange={(shortcut) => update({ shortcut }, 'shortcut')}
            />
          )}
        </Field>
      </div>
      {saved.shortcutProblem && form.shortcut === saved.shortcut && <p className="message warning">{saved.shortcutProblem}</p>}
    </fieldset>
  );
}

export function StartAtLogin({ id, form, update, saved }: Pick<PartProps, 'id' | 'form' | 'update'> & { saved: PreferencesView }) {
  return (
    <div className="card login">
      <Switch
        checked={form.startAtLogin && saved.startAtLoginSupported}
        disabled={!saved.startAtLoginSupported}
        onChange={(checked) => update({ startAtLogin: checked })}
        describedBy={saved.startAtLoginSupported ? undefined : `${id}-login-note`}
        label="Start Punchcard when I log in"
      />
      {!saved.startAtLoginSupported && (
        <p className="hint" id={`${id}-login-note`}>
          Not available for this installation: your system does not let it start at login (an AppImage, for example). Use your desktop’s autostart settings
          instead.
        </p>
      )}
    </div>
  );
}

const MAC = /Mac/i.test(navigator.platform);

/**
 * Records a shortcut: focused, the next key press with its modifiers becomes it. Tab and Shift+Tab
 * still move on (no shortcut is taken from them), Backspace or Delete alone clears it.
 */
function ShortcutField({
  id,
  describedBy,
  invalid,
  value,
  onChange,
}: {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <span className="shortcut-field">
      <input
        id={id}
        readOnly
        value={value ? describeAccelerator(value, MAC) : ''}
        placeholder="None"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onKeyDown={(event) => {
          const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
          if (event.key === 'Tab' && plain) return;
          if ((event.key === 'Backspace' || event.key === 'Delete') && plain && !event.shiftKey) {
            event.preventDefault();
            onChange('');
            return;
          }
          if (event.key === 'Escape' || event.key === 'Enter') return;
          const accelerator = acceleratorOf(event, MAC);
          if (accelerator === null) return;
          event.preventDefault();
          onChange(accelerator);
        }}
      />
      {value && (
        <Button kind="link" onClick={() => onChange('')} aria-label="Clear the shortcut">
          Clear
        </Button>
      )}
    </span>
  );
}

/** Suggestions for the time zone field; the browser knows the names. */
function ZoneList({ id }: { id: string }) {
  const [zones] = useState(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []));
  return (
    <datalist id={id}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
