// What Punchcard remembers of Clockify's approval requests that Clockify itself no longer lists
// (docs/back-ends/clockify.md, "Timesheet approvals"): a rejected request, like one whose submission was
// withdrawn, reverts to unsubmitted and leaves every list, and the API has no read by id. So a person's
// own request seen pending (submitted here, or listed once) is remembered, with what became of it where
// Punchcard did it (withdrawn here); and an approver's rejection is remembered with its note and who
// decided. Kept per person (by Clockify's user id: a new key may be another person's) beside the other
// facts files, the team server's shelf included, at most MAX_REMEMBERED a person.
import { factsFile, type FactsPlace } from '../../remote/facts-file.ts';

export const CLOCKIFY_APPROVALS_FILE = 'clockify-approvals.json';
/** The most submissions remembered for one person: the latest periods are kept. */
export const MAX_REMEMBERED = 60;

export interface RememberedSubmission {
  id: string;
  personId: string;
  person: string;
  firstDay: string;
  lastDay: string;
  period: 'week' | 'semi_month' | 'month';
  /** `pending` as last seen; `withdrawn` by the person through Punchcard; `rejected` by this approver through Punchcard. */
  status: 'pending' | 'withdrawn' | 'rejected';
  note: string | null;
  decidedBy: string | null;
  trackedSeconds: number | null;
}

interface Remembered {
  submissions?: RememberedSubmission[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

function rememberedOf(value: unknown): RememberedSubmission | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  const { id, personId, person, firstDay, lastDay, period, status } = item;
  if (typeof id !== 'string' || typeof personId !== 'string' || typeof person !== 'string') return undefined;
  if (typeof firstDay !== 'string' || !DAY.test(firstDay) || typeof lastDay !== 'string' || !DAY.test(lastDay)) return undefined;
  if (period !== 'week' && period !== 'semi_month' && period !== 'month') return undefined;
  if (status !== 'pending' && status !== 'withdrawn' && status !== 'rejected') return undefined;
  const tracked = item.trackedSeconds;
  return {
    id,
    personId,
    person,
    firstDay,
    lastDay,
    period,
    status,
    note: text(item.note),
    decidedBy: text(item.decidedBy),
    trackedSeconds: typeof tracked === 'number' && Number.isFinite(tracked) ? tracked : null,
  };
}

const file = factsFile<Remembered>(CLOCKIFY_APPROVALS_FILE, (entry) => {
  const list = Array.isArray(entry.submissions) ? entry.submissions.map(rememberedOf).filter((item) => item !== undefined) : [];
  return list.length > 0 ? { submissions: list } : {};
});

/** One person's remembered submissions in one workspace at one address. */
export class ApprovalMemory {
  readonly #place: FactsPlace;
  readonly #key: string;
  readonly #log: (message: string) => void;

  constructor(place: FactsPlace, key: string, log: (message: string) => void) {
    this.#place = place;
    this.#key = key;
    this.#log = log;
  }

  all(): RememberedSubmission[] {
    return file.read(this.#place, this.#key)?.submissions ?? [];
  }

  /** Remembers these (a submission of the same id replaced), keeping the latest periods. */
  remember(...submissions: RememberedSubmission[]): void {
    const ids = new Set(submissions.map((item) => item.id));
    const kept = [...this.all().filter((item) => !ids.has(item.id)), ...submissions]
      .sort((a, b) => b.firstDay.localeCompare(a.firstDay) || a.id.localeCompare(b.id))
      .slice(0, MAX_REMEMBERED);
    file.write(this.#place, this.#key, { submissions: kept }, this.#log);
  }

  /** Forgets these ids (a remembered request Clockify lists again, or one superseded). */
  forget(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const all = this.all();
    const kept = all.filter((item) => !ids.includes(item.id));
    if (kept.length !== all.length) file.write(this.#place, this.#key, { submissions: kept }, this.#log);
  }
}
