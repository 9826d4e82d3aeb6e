// Work week, holidays, leave, time zone and the app's own preferences. Saving sends only what
// changed; every field says what is wrong with it before anything is sent. Where the back end keeps
// the work week, holidays or leave (Clockodo, Calamari), they are shown as its values and not offered
// for editing: a local value would change nothing.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PunchcardApi } from '../../../window-contract/index.ts';
import type { BackEndPlanView, HolidayRegionOption, PreferencesView } from '../../../window-contract/settings.ts';
import { durationText, type DurationStyle } from '../../../mcp-server/contract/durations.ts';
import { acceleratorOf, acceleratorProblem, describeAccelerator } from '../../../mcp-server/contract/accelerator.ts';
import { BEYOND_BALANCE_SWITCH } from '../../../mcp-server/contract/beyond-balance.ts';
import { isValidTimeZone } from '../../../mcp-server/contract/time-zone.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText, Switch } from '../components.tsx';
import { UpdatesCard } from '../Updates.tsx';
import { EvidenceCard } from './Evidence.tsx';
import { useAction, useFocusFirstInvalid, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

type SaveRequest = Parameters<PunchcardApi['savePreferences']>[0];
type WorkWeek = PreferencesView['workWeek'];
type Day = keyof WorkWeek;

const DAYS: ReadonlyArray<{ key: Day; short: string; long: string }> = [
  { key: 'mon', short: 'Mon', long: 'Monday' },
  { key: 'tue', short: 'Tue', long: 'Tuesday' },
  { key: 'wed', short: 'Wed', long: 'Wednesday' },
  { key: 'thu', short: 'Thu', long: 'Thursday' },
  { key: 'fri', short: 'Fri', long: 'Friday' },
  { key: 'sat', short: 'Sat', long: 'Saturday' },
  { key: 'sun', short: 'Sun', long: 'Sunday' },
];

const SYSTEM_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function PreferencesScreen() {
  const { data, error } = useStore(stores.preferences);
  const countries = useStore(stores.countries);
  useReadyMark('preferences', data !== undefined);
  return (
    <>
      <ScreenHeader title="Preferences" />
      {error && !data && <LoadError message={error} onRetry={() => void stores.preferences.load()} />}
      {data ? (
        // Another back end (or its answer at last) is another form: what it keeps is not edited here.
        <PreferencesForm
          key={`${data.backEnd?.state ?? 'settings'}:${data.backEnd?.name ?? ''}`}
          saved={data}
          countries={countries.data}
          countriesError={countries.error}
        />
      ) : (
        !error && <Loading what="Loading preferences" className="preferences-placeholder" />
      )}
      <EvidenceCard />
      <UpdatesCard />
    </>
  );
}

interface FormState {
  workWeek: Record<Day, string>;
  country: string;
  state: string;
  /** Kept as saved while the state stays the same; the window has no region picker. */
  region: string | undefined;
  annualLeaveDays: string;
  carryOverDays: string;
  /** Null where the back end has someone who approves leave: no switch is shown. */
  allowLeaveBeyondBalance: boolean | null;
  timezone: string;
  startAtLogin: boolean;
  reminderHours: string;
  idleMinutes: string;
  shortcut: string;
  durations: DurationStyle;
}

type FieldName = Day | 'annualLeaveDays' | 'carryOverDays' | 'timezone' | 'reminderHours' | 'idleMinutes' | 'shortcut';
type Errors = Partial<Record<FieldName, string>>;

/** Which fields the back end keeps (or may keep, while the engine cannot say): not edited, not sent. */
interface Locks {
  week: boolean;
  holidays: boolean;
  leave: boolean;
}

function locksOf(view: PreferencesView): Locks {
  const backEnd = view.backEnd;
  const unknown = backEnd?.state === 'unknown';
  const kept = backEnd?.state === 'kept' ? backEnd : null;
  return {
    week: unknown || (kept !== null && kept.workWeek !== null),
    holidays: unknown || (kept?.keepsHolidays ?? false),
    leave: unknown || (kept !== null && kept.leave !== null),
  };
}

function fromView(view: PreferencesView): FormState {
  return {
    workWeek: Object.fromEntries(DAYS.map(({ key }) => [key, String(view.workWeek[key])])) as Record<Day, string>,
    country: view.holidays?.country.toUpperCase() ?? '',
    state: view.holidays?.state ?? '',
    region: view.holidays?.region,
    annualLeaveDays: String(view.annualLeaveDays),
    carryOverDays: String(view.carryOverDays),
    allowLeaveBeyondBalance: view.allowLeaveBeyondBalance,
    timezone: view.timezone,
    startAtLogin: view.startAtLogin,
    reminderHours: String(view.reminderHours),
    idleMinutes: String(view.idleMinutes),
    shortcut: view.shortcut,
    durations: view.durations,
  };
}

/** "7,5" and "7.5" alike; NaN for anything that is not a plain number. */
function readNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function checkNumber(text: string, max: number, unit: string): string | undefined {
  const value = readNumber(text);
  if (text.trim() === '') return `Enter a number of ${unit} (0 or more).`;
  if (Number.isNaN(value)) return `Enter a number of ${unit}, such as 7.5.`;
  if (value > max) return `At most ${max} ${unit}.`;
  return undefined;
}

function validate(form: FormState, locks: Locks): Errors {
  const found: Array<[FieldName, string | undefined]> = locks.week
    ? []
    : DAYS.map(({ key, long }) => {
        const problem = checkNumber(form.workWeek[key], 24, 'hours');
        return [key, problem && `${long}: ${problem}`];
      });
  if (!locks.leave) {
    found.push(['annualLeaveDays', checkNumber(form.annualLeaveDays, 366, 'days')]);
    found.push(['carryOverDays', checkNumber(form.carryOverDays, 366, 'days')]);
  }
  found.push(['reminderHours', checkNumber(form.reminderHours, 24, 'hours')]);
  const idle = checkNumber(form.idleMinutes, 240, 'minutes');
  found.push(['idleMinutes', idle ?? (Number.isInteger(readNumber(form.idleMinutes)) ? undefined : 'Enter whole minutes, such as 10.')]);
  if (form.shortcut) found.push(['shortcut', acceleratorProblem(form.shortcut) ?? undefined]);
  const zone = form.timezone.trim();
  if (zone && !isValidTimeZone(zone)) found.push(['timezone', `“${zone}” is not a time zone. Use a name such as Europe/Berlin, or leave it empty.`]);
  return Object.fromEntries(found.filter(([, message]) => message)) as Errors;
}

function changes(form: FormState, saved: PreferencesView, locks: Locks): SaveRequest {
  const request: SaveRequest = {};
  if (!locks.week) {
    const workWeek = Object.fromEntries(DAYS.map(({ key }) => [key, readNumber(form.workWeek[key])])) as WorkWeek;
    if (DAYS.some(({ key }) => workWeek[key] !== saved.workWeek[key])) request.workWeek = workWeek;
  }
  if (!locks.holidays) {
    const holidays = form.country
      ? { country: form.country, ...(form.state ? { state: form.state } : {}), ...(form.state && form.region ? { region: form.region } : {}) }
      : null;
    const savedHolidays = saved.holidays ? { ...saved.holidays, country: saved.holidays.country.toUpperCase() } : null;
    if (JSON.stringify(holidays) !== JSON.stringify(savedHolidays)) request.holidays = holidays;
  }
  const numbers = {
    annualLeaveDays: readNumber(form.annualLeaveDays),
    carryOverDays: readNumber(form.carryOverDays),
    reminderHours: readNumber(form.reminderHours),
  };
  const editable = locks.leave ? (['reminderHours'] as const) : (['annualLeaveDays', 'carryOverDays', 'reminderHours'] as const);
  for (const key of editable) if (numbers[key] !== saved[key]) request[key] = numbers[key];
  if (form.allowLeaveBeyondBalance !== null && form.allowLeaveBeyondBalance !== saved.allowLeaveBeyondBalance)
    request.allowLeaveBeyondBalance = form.allowLeaveBeyondBalance;
  if (form.timezone.trim() !== saved.timezone) request.timezone = form.timezone.trim();
  if (readNumber(form.idleMinutes) !== saved.idleMinutes) request.idleMinutes = readNumber(form.idleMinutes);
  if (form.shortcut !== saved.shortcut) request.shortcut = form.shortcut;
  if (form.durations !== saved.durations) request.durations = form.durations;
  if (saved.startAtLoginSupported && form.startAtLogin !== saved.startAtLogin) request.startAtLogin = form.startAtLogin;
  return request;
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

function PreferencesForm({
  saved,
  countries,
  countriesError,
}: {
  saved: PreferencesView;
  countries: HolidayRegionOption[] | undefined;
  countriesError: string | undefined;
}) {
  const id = useId();
  const [form, setForm] = useState<FormState>(() => fromView(saved));
  const [errors, setErrors] = useState<Errors>({});
  const [states, setStates] = useState<{ country: string; options?: HolidayRegionOption[]; error?: string }>({ country: '' });
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const locks = locksOf(saved);
  const kept = saved.backEnd?.state === 'kept' ? saved.backEnd : null;
  const unknown = saved.backEnd?.state === 'unknown' ? saved.backEnd : null;
  const lockedBy = unknown ? `${id}-plan-unknown` : undefined;

  useEffect(() => {
    if (!form.country || locks.holidays) return;
    let current = true;
    statesOf(form.country).then(
      (options) => current && setStates({ country: form.country, options }),
      (error: unknown) => current && setStates({ country: form.country, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [form.country, locks.holidays]);

  const update = (patch: Partial<FormState>, field?: FieldName) => {
    setForm((current) => ({ ...current, ...patch }));
    action.clear();
    if (field) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(form, locks);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      action.fail(
        'validate',
        Object.keys(found).length === 1 ? 'One field needs a fix before saving.' : `${Object.keys(found).length} fields need a fix before saving.`,
      );
      flagProblems();
      return;
    }
    const request = changes(form, saved, locks);
    if (Object.keys(request).length === 0) {
      action.clear();
      void action.run('save', () => Promise.resolve(), 'Nothing changed.');
      return;
    }
    const result = await action.run('save', () => api.savePreferences(request), 'Saved.');
    if (result) {
      stores.preferences.set(result);
      setForm(fromView(result));
    }
  };

  const weekTotal = DAYS.reduce((sum, { key }) => sum + (readNumber(form.workWeek[key]) || 0), 0);
  const stateOptions = states.country === form.country ? states.options : undefined;
  const stateError = states.country === form.country ? states.error : undefined;
  const dayErrors = DAYS.map(({ key }) => errors[key]).filter(Boolean);

  return (
    <form className="preferences-form" onSubmit={(event) => void submit(event)} noValidate ref={formRef}>
      {kept && <KeptByBackEnd plan={kept} />}
      {unknown && (
        <div className="plan-unknown">
          <p className="message warning" id={lockedBy}>
            {unknown.name} keeps your work week and public holidays, perhaps your leave too, but Punchcard could not read them just now. {unknown.problem}
          </p>
          <Button onClick={() => void stores.preferences.load()}>Try again</Button>
        </div>
      )}
      {!kept?.workWeek && (
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
      )}

      <div className="card two-columns">
        {!kept?.keepsHolidays && (
          <>
            <Field label="Public holidays" hint={countriesError ? undefined : 'Holidays count as days off.'} error={countriesError}>
              {({ id: fieldId, describedBy }) => (
                <select
                  id={fieldId}
                  value={form.country}
                  disabled={locks.holidays}
                  aria-describedby={[describedBy, lockedBy].filter(Boolean).join(' ') || undefined}
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
                  aria-describedby={[describedBy, lockedBy].filter(Boolean).join(' ') || undefined}
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
        )}
        {!kept?.leave && (
          <>
            <Field label="Annual leave (days)" error={errors.annualLeaveDays}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  inputMode="decimal"
                  value={form.annualLeaveDays}
                  disabled={locks.leave}
                  aria-invalid={invalid || undefined}
                  aria-describedby={[describedBy, lockedBy].filter(Boolean).join(' ') || undefined}
                  onChange={(event) => update({ annualLeaveDays: event.currentTarget.value }, 'annualLeaveDays')}
                />
              )}
            </Field>
            <Field label="Carried over from last year (days)" error={errors.carryOverDays}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  inputMode="decimal"
                  value={form.carryOverDays}
                  disabled={locks.leave}
                  aria-invalid={invalid || undefined}
                  aria-describedby={[describedBy, lockedBy].filter(Boolean).join(' ') || undefined}
                  onChange={(event) => update({ carryOverDays: event.currentTarget.value }, 'carryOverDays')}
                />
              )}
            </Field>
          </>
        )}
        {form.allowLeaveBeyondBalance !== null && (
          <div className="beyond-balance-pref">
            <Switch
              checked={form.allowLeaveBeyondBalance}
              onChange={(checked) => update({ allowLeaveBeyondBalance: checked })}
              describedBy={`${id}-beyond-note`}
              label={BEYOND_BALANCE_SWITCH}
            />
            <p className="hint" id={`${id}-beyond-note`}>
              This timesheet approves leave as it is filed. Off, vacation beyond your balance is refused; on, it is recorded once you confirm it (an AI client
              asks you, or must say that you mean it).
            </p>
          </div>
        )}
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
      </div>

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

      <div className="form-actions">
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Save
        </Button>
        <StatusText message={action.done?.message} className="success inline" />
      </div>
      <ErrorText message={action.error?.message} />
    </form>
  );
}

const daysFormat = hoursFormat;

/** "32 days (2 carried over from 2025), 25 left"; "30 days left" where the back end gives only the balance. */
function leaveText(leave: NonNullable<BackEndPlanView['leave']>): string {
  if (leave.unlimited) return 'No limit on vacation days';
  if (leave.entitlement === null) return `${daysFormat.format(leave.remaining)} days left`;
  const carried = leave.carryOver ? ` (${daysFormat.format(leave.carryOver)} carried over from ${leave.year - 1})` : '';
  return `${daysFormat.format(leave.entitlement)} days${carried}, ${daysFormat.format(leave.remaining)} left`;
}

/**
 * What the back end keeps for the person, of the work week, holidays and leave: values, not fields.
 * A part it keeps none of (Clockify without a work capacity, say) is left to the form below.
 */
function KeptByBackEnd({ plan }: { plan: BackEndPlanView }) {
  const id = useId();
  const { workWeek } = plan;
  const parts = [...(workWeek ? ['work week'] : []), ...(plan.keepsHolidays ? ['holidays'] : []), ...(plan.leave ? ['leave'] : [])];
  if (parts.length === 0) return null;
  const title = listed(parts);
  const counted = [...(workWeek ? ['targets'] : []), ...(plan.leave ? ['leave'] : [])];
  const left = [...(workWeek ? [] : ['work week']), ...(plan.keepsHolidays ? [] : ['public holidays'])];
  return (
    <section className="card kept" aria-labelledby={`${id}-title`} aria-describedby={`${id}-hint`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>{title.charAt(0).toUpperCase() + title.slice(1)}</h2>
        <Badge kind="neutral">Kept by {plan.name}</Badge>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {plan.name} keeps {parts.length === 1 ? 'this' : 'these'} for you
        {counted.length > 0 ? `; Punchcard counts your ${listed(counted)} with ${parts.length === 1 ? 'it' : 'them'}` : ''}. Change{' '}
        {parts.length === 1 ? 'it' : 'them'} in {plan.name}.
        {left.length > 0 && ` ${plan.name} keeps no ${listed(left)} for you, so Punchcard uses the ${left.length === 1 ? 'one' : 'ones'} set below.`}
      </p>
      <dl className="kept-values">
        {workWeek && (
          <div>
            <dt>Work week</dt>
            <dd>
              <ul className="kept-week" aria-label="Target hours per day">
                {DAYS.map(({ key, short }) => (
                  <li key={key}>
                    <span className="day-name">{short}</span> {hoursFormat.format(workWeek[key])}
                  </li>
                ))}
              </ul>
              <span className="muted">{hoursFormat.format(DAYS.reduce((sum, { key }) => sum + workWeek[key], 0))} hours a week</span>
            </dd>
          </div>
        )}
        {plan.keepsHolidays && (
          <div>
            <dt>Public holidays</dt>
            <dd>{plan.holidays ?? `None that ${plan.name} knows of`}</dd>
          </div>
        )}
        {plan.leave && (
          <div>
            <dt>Annual leave {plan.leave.year}</dt>
            <dd>{leaveText(plan.leave)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** "a, b and c". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
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
