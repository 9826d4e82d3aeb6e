// Which field of an entry a refusal is about, so the form can mark that field invalid and put focus
// there. Read from the refusal's code and facts (mcp-server/contract/outcomes/), never from its words:
// a sentence the engine rewords cannot move the focus. Pure, so it is tested without a window.
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';

export type EntryField = 'start' | 'end' | 'project' | 'activity';

/**
 * The entry field an argument or a back end's own field is: the tools' arguments (start, end, at,
 * project, activity), Kimai's form fields (begin), Clockodo's (time_since, projects_id, services_id…).
 */
const FIELD_NAMES: Readonly<Record<string, EntryField>> = {
  start: 'start',
  at: 'start',
  begin: 'start',
  time_since: 'start',
  end: 'end',
  time_until: 'end',
  project: 'project',
  customer: 'project',
  customers_id: 'project',
  projects_id: 'project',
  activity: 'activity',
  service: 'activity',
  services_id: 'activity',
  task: 'activity',
};

/** The codes that are about one field, whatever their facts. */
const CODE_FIELDS: Partial<Readonly<Record<Refusal['code'], EntryField>>> = {
  activity_needs_project: 'project',
  calamari_project_refused: 'project',
  clockify_project_archived: 'project',
  clockify_project_not_visible: 'project',
  clockify_project_required: 'project',
  clockify_task_needs_project: 'project',
  clockodo_entry_needs_project: 'project',
  clockodo_project_closed: 'project',
  clockodo_project_needed: 'project',
  clockodo_project_not_bookable: 'project',
  kimai_entry_keeps_project_and_activity: 'project',
  kimai_entry_needs_project: 'project',
  project_not_visible: 'project',
  clockify_task_done: 'activity',
  clockify_task_not_in_project: 'activity',
  clockify_task_required: 'activity',
  clockodo_entry_needs_service: 'activity',
  clockodo_service_archived: 'activity',
  clockodo_service_needed: 'activity',
  clockodo_service_not_bookable: 'activity',
  kimai_entry_needs_activity: 'activity',
  local_activity_of_other_project: 'activity',
  calamari_shift_starts_before_running: 'start',
  kimai_tracking_mode_times: 'start',
  timer_starts_before_running: 'start',
  calamari_shift_ends_before_start: 'end',
  clock_out_before_start: 'end',
  entry_end_and_duration: 'end',
  entry_end_not_after_start: 'end',
  entry_ends_before_start: 'end',
  timer_ends_before_start: 'end',
};

/** The entry field named by a fact, or null when it names another (a date, a duration). */
function fieldNamed(name: unknown): EntryField | null {
  return typeof name === 'string' && Object.hasOwn(FIELD_NAMES, name) ? (FIELD_NAMES[name] ?? null) : null;
}

/**
 * The entry field a refusal is about, or null when it names none: by its code, or by the field, the
 * catalog kind or the back end's fields its facts name.
 */
export function entryFieldOf(refusal: Refusal | undefined): EntryField | null {
  if (refusal === undefined) return null;
  const fixed = CODE_FIELDS[refusal.code];
  if (fixed) return fixed;
  switch (refusal.code) {
    case 'time_in_future':
    case 'time_unreadable':
    case 'utc_offset_unreadable':
    case 'time_of_day_out_of_range':
    case 'kimai_time_repeats':
    case 'calamari_refused':
      return fieldNamed(refusal.facts.field);
    case 'catalog_item_archived':
    case 'catalog_item_unknown':
    case 'catalog_kind_empty':
    case 'local_catalog_item_not_found':
      return fieldNamed(refusal.facts.kind);
    case 'clockodo_refused':
    case 'kimai_fields_not_allowed':
      return firstField(refusal.facts.fields);
    case 'kimai_form_refused':
      return firstField(refusal.facts.fields.map((field) => field.path[0]));
    default:
      return null;
  }
}

/** The first of a back end's fields that is an entry field. */
function firstField(names: readonly unknown[]): EntryField | null {
  for (const name of names) {
    const field = fieldNamed(name);
    if (field) return field;
  }
  return null;
}
