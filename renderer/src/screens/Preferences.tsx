// Work week, holidays, leave, time zone and the app's own preferences. Saving sends only what
// changed; every field says what is wrong with it before anything is sent. Where the back end keeps
// the work week, holidays or leave (Clockodo, Calamari), they are shown as its values and not offered
// for editing: a local value would change nothing.
import { useId, useState, type FormEvent } from 'react';
import type { BackEndPlanView, HolidayRegionOption, PreferencesView } from '../../../window-contract/settings.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { UpdatesCard } from '../Updates.tsx';
import { EvidenceCard } from './Evidence.tsx';
import { WorkingTimeCard } from './WorkingTimePreferences.tsx';
import { useAction, useFocusFirstInvalid, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';
import { changes, DAYS, fromView, hoursFormat, locksOf, validate, type Errors, type FieldName, type FormState } from './preferences-form.ts';
import { BeyondBalanceSwitch, DisplayFields, HolidayFields, LeaveFields, StartAtLogin, TrayFields, WorkWeekFields } from './PreferencesFields.tsx';

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
      <WorkingTimeCard />
      <EvidenceCard />
      <UpdatesCard />
    </>
  );
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
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const locks = locksOf(saved);
  const kept = saved.backEnd?.state === 'kept' ? saved.backEnd : null;
  const unknown = saved.backEnd?.state === 'unknown' ? saved.backEnd : null;
  const lockedBy = unknown ? `${id}-plan-unknown` : undefined;

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

  const part = { id, form, errors, update, locks, lockedBy };
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
      {!kept?.workWeek && <WorkWeekFields {...part} />}
      <div className="card two-columns">
        {!kept?.keepsHolidays && <HolidayFields {...part} countries={countries} countriesError={countriesError} />}
        {!kept?.leave && <LeaveFields {...part} />}
        {form.allowLeaveBeyondBalance !== null && <BeyondBalanceSwitch id={id} checked={form.allowLeaveBeyondBalance} update={update} />}
        <DisplayFields {...part} />
      </div>
      <TrayFields {...part} saved={saved} />
      <StartAtLogin {...part} saved={saved} />
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
