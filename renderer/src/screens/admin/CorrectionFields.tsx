// The parts of the bulk corrections form (CorrectionsSection.tsx): which entries, and what they get.
// Each shows the fields and their problems and hands changes to `update`; the form checks and previews
// the whole (corrections-form.ts).
import type { CatalogView } from '../../../../window-contract/timesheet.ts';
import { Field } from '../../components.tsx';
import { activitiesOf, type Fields, type Problems, type Toggle } from './corrections-form.ts';

/** What both parts are given: the catalog to choose from, the fields and their problems, and the way to change them. */
export interface PartProps {
  catalog: CatalogView;
  fields: Fields;
  problems: Problems;
  update(changes: Partial<Fields>): void;
}

/** The days, the people, a project and an activity: the entries the correction is about. `id` names the heading the form is labelled by. */
export function WhichEntries({ id, catalog, fields, problems, update }: PartProps & { id: string }) {
  return (
    <>
      <h3 id={id}>Which entries</h3>
      <div className="admin-fields">
        <DateField label="First day" value={fields.from} error={problems.from} onChange={(from) => update({ from })} />
        <DateField label="Last day" value={fields.to} error={problems.to} onChange={(to) => update({ to })} />
        <ListField
          label="People (optional)"
          hint="Names or e-mails, separated by commas; everyone you may correct when empty."
          value={fields.people}
          maxLength={2000}
          error={problems.people}
          onChange={(people) => update({ people })}
        />
        <CatalogChoice label="Project" none="Any project" options={catalog.projects} value={fields.project} onChange={(project) => update({ project })} />
        <CatalogChoice
          label="Activity"
          none="Any activity"
          options={activitiesOf(catalog, fields.project)}
          value={fields.activity}
          onChange={(activity) => update({ activity })}
        />
      </div>
    </>
  );
}

/** Another project or activity, billable, exported, tags: what the entries get. */
export function WhatChanges({ catalog, fields, problems, update }: PartProps) {
  return (
    <>
      <h3>What changes</h3>
      <div className="admin-fields">
        <CatalogChoice
          label="Move to project"
          none="Keep the project"
          options={catalog.projects}
          value={fields.setProject}
          error={problems.setProject}
          onChange={(setProject) => update({ setProject })}
        />
        <CatalogChoice
          label="Move to activity"
          none="Keep the activity"
          options={activitiesOf(catalog, fields.setProject || fields.project)}
          value={fields.setActivity}
          onChange={(setActivity) => update({ setActivity })}
        />
        <ToggleChoice label="Billable" value={fields.billable} onChange={(billable) => update({ billable })} />
        <ToggleChoice label="Exported" value={fields.exported} onChange={(exported) => update({ exported })} />
        <ListField
          label="Add tags (optional)"
          hint="Tags the back end has, separated by commas."
          value={fields.tags}
          maxLength={600}
          error={problems.tags}
          onChange={(tags) => update({ tags })}
        />
      </div>
    </>
  );
}

function DateField({ label, value, error, onChange }: { label: string; value: string; error: string | undefined; onChange: (value: string) => void }) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="date"
          value={value}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A comma-separated list of names typed in one line. */
function ListField(props: { label: string; hint: string; value: string; maxLength: number; error: string | undefined; onChange: (value: string) => void }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={props.value}
          maxLength={props.maxLength}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function CatalogChoice(props: {
  label: string;
  none: string;
  options: string[];
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={props.value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        >
          <option value="">{props.none}</option>
          {props.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ToggleChoice({ label, value, onChange }: { label: string; value: Toggle; onChange: (value: Toggle) => void }) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as Toggle)}>
          <option value="">Keep as it is</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      )}
    </Field>
  );
}
