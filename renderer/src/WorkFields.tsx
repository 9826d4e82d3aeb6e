// The "what" of an entry in a form: project and activity with the catalog's names as suggestions
// (activities of the typed project and those of every project), and the note. Shared by the
// Timesheet's entry editor and its drafts' change form, which differ only in what they pass: the
// limits they check against, whether a project is required, and whether a refusal marks a field.
import { useEffect } from 'react';
import type { EntryField } from './problems.ts';
import { stores, useStore } from './store.ts';

export interface WorkValues {
  project: string;
  activity: string;
  description: string;
}

interface WorkFieldsProps {
  /** The form's own id (useId): the inputs and their lists are named after it. */
  id: string;
  values: WorkValues;
  onChange(patch: Partial<WorkValues>): void;
  /** The most characters a project or an activity may have where the form sends them. */
  maxLength: number;
  projectRequired?: boolean;
  /** Where given, the inputs carry data-field (for focusing the field a refusal names) and aria-invalid as it says. */
  marked?: (field: EntryField) => true | undefined;
}

export function WorkFields({ id, values, onChange, maxLength, projectRequired, marked }: WorkFieldsProps) {
  const catalog = useStore(stores.catalog);
  useEffect(() => {
    void stores.catalog.ensure();
  }, []);
  const activities = (catalog.data?.activities ?? []).filter((item) => item.project === null || item.project === values.project.trim());
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-project`}>Project</label>
        <input
          id={`${id}-project`}
          data-field={marked ? 'project' : undefined}
          list={`${id}-projects`}
          value={values.project}
          maxLength={maxLength}
          autoComplete="off"
          required={projectRequired}
          aria-invalid={marked?.('project')}
          onChange={(event) => onChange({ project: event.currentTarget.value })}
        />
        <datalist id={`${id}-projects`}>
          {catalog.data?.projects.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-activity`}>Activity</label>
        <input
          id={`${id}-activity`}
          data-field={marked ? 'activity' : undefined}
          list={`${id}-activities`}
          value={values.activity}
          maxLength={maxLength}
          autoComplete="off"
          aria-invalid={marked?.('activity')}
          onChange={(event) => onChange({ activity: event.currentTarget.value })}
        />
        <datalist id={`${id}-activities`}>
          {activities.map((item) => (
            <option key={`${item.project ?? ''}:${item.name}`} value={item.name} />
          ))}
        </datalist>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-note`}>Note</label>
        <input
          id={`${id}-note`}
          value={values.description}
          maxLength={5000}
          autoComplete="off"
          onChange={(event) => onChange({ description: event.currentTarget.value })}
        />
      </div>
    </>
  );
}
