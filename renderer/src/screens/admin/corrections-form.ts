// The bulk corrections form's pure core (CorrectionsSection.tsx shows it): its fields as typed, what is
// wrong with them, the request they make, which problems a change of fields clears, and the words of
// counts and hours the preview and the question share.
import type { CorrectionSetView } from '../../../../window-contract/admin-people.ts';
import type { RequestOf } from '../../../../window-contract/index.ts';
import type { CatalogView } from '../../../../window-contract/timesheet.ts';

export type Toggle = '' | 'yes' | 'no';

export interface Fields {
  from: string;
  to: string;
  people: string;
  project: string;
  activity: string;
  setProject: string;
  setActivity: string;
  billable: Toggle;
  exported: Toggle;
  tags: string;
}

export type Problems = Partial<Record<keyof Fields, string>>;
export type CorrectionRequest = RequestOf<'previewCorrection'>;

/** The fields as the form opens: this month up to today, every entry, nothing to change yet. */
export function initialFields(today: string): Fields {
  return {
    from: `${today.slice(0, 7)}-01`,
    to: today,
    people: '',
    project: '',
    activity: '',
    setProject: '',
    setActivity: '',
    billable: '',
    exported: '',
    tags: '',
  };
}

/** A comma-separated list as the tool takes it: trimmed, no empty names. */
const listOf = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
const flag = (toggle: Toggle) => (toggle === '' ? undefined : toggle === 'yes');

/** What the matching entries get; empty when the fields ask for no change. */
function setOf(fields: Fields, tags: string[]): CorrectionSetView {
  const set: CorrectionSetView = {};
  if (fields.setProject) set.project = fields.setProject;
  if (fields.setActivity) set.activity = fields.setActivity;
  const billable = flag(fields.billable);
  if (billable !== undefined) set.billable = billable;
  const exported = flag(fields.exported);
  if (exported !== undefined) set.exported = exported;
  if (tags.length > 0) set.addTags = tags;
  return set;
}

/** The request the fields make, or the problems by field. */
export function requestOf(fields: Fields): { request: CorrectionRequest } | { problems: Problems } {
  const problems: Problems = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.from)) problems.from = 'Give the first day.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.to)) problems.to = 'Give the last day.';
  else if (!problems.from && fields.from > fields.to) problems.to = 'The last day comes before the first.';
  const people = listOf(fields.people);
  if (people.length > 20) problems.people = 'Name at most 20 people at once.';
  const tags = listOf(fields.tags);
  if (tags.length > 5) problems.tags = 'Add at most 5 tags at once.';
  const set = setOf(fields, tags);
  if (Object.keys(set).length === 0 && !problems.tags) problems.setProject = 'Choose what changes: a project, an activity, billable, exported or tags.';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    request: {
      from: fields.from,
      to: fields.to,
      ...(people.length > 0 ? { people } : {}),
      ...(fields.project ? { project: fields.project } : {}),
      ...(fields.activity ? { activity: fields.activity } : {}),
      set,
    },
  };
}

/** The fields that answer "Choose what changes", which sits at the first of them. */
const WHAT_CHANGES: ReadonlyArray<keyof Fields> = ['setProject', 'setActivity', 'billable', 'exported', 'tags'];

/** The problems still standing once `changes` are typed: a field's own goes, and any field of what changes clears that question. */
export function problemsAfter(problems: Problems, changes: Partial<Fields>): Problems {
  const touched = new Set(Object.keys(changes));
  const answersWhat = WHAT_CHANGES.some((key) => touched.has(key));
  return Object.fromEntries(Object.entries(problems).filter(([key]) => !touched.has(key) && !(key === 'setProject' && answersWhat))) as Problems;
}

/** The activities that fit a project: its own and those every project may use; all of them without one. */
export function activitiesOf(catalog: CatalogView, project: string): string[] {
  const fitting = catalog.activities.filter((activity) => !project || activity.project === null || activity.project === project);
  return [...new Set(fitting.map((activity) => activity.name))];
}

export const hoursText = (hours: number) => `${Number(hours.toFixed(2))} h`;
export const entriesText = (count: number) => (count === 1 ? '1 entry' : `${count} entries`);
