// Bulk corrections of time entries on Clockify (docs/back-ends/clockify.md, "Administration"), for a
// workspace admin or the owner. Clockify lists entries one person at a time (getTimeEntries on a
// member's id), so the workspace's members are read first and one list per person follows, counted
// against the call's requests before the first is sent. A time entry's update replaces the whole entry:
// it is sent whole as it was read (description, tags, task, billable, times, custom fields) with only the
// asked fields changed. A task belongs to one project: a move to another clears the entry's task unless
// set.activity names one of the new project's (docs/back-ends/clockify.md, "Administration"). `exported` is Clockify's
// invoiced mark, set by a request of its own
// (updateInvoicedStatus) and never shown on an entry, so Punchcard cannot tell which entries are marked
// already. The workspace's lock (`lockTimeEntries`) and an entry's own `isLocked` are honoured: admins may
// still change locked entries in Clockify, Punchcard never does. A 403 withdraws the capability at once.
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../../../domain/corrections.ts';
import { formatLocalTime, localDate } from '../../../domain/time.ts';
import { MAX_REQUESTS_PER_CALL } from '../../../domain/call-limits.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { requestsLeft } from '../../remote/request-budget.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { BackEndError, causeOf, type CorrectionsPart, PartlyChangedError } from '../../time-tracker.ts';
import type { ClockifyCatalogView, ClockifyContext } from '../context.ts';
import type { CorrectionsEndpoints } from './endpoints.ts';
import { bodyOf, clockifyTime, entryEnd, entryJson, entryStart, isWork, withIds } from '../mapping.ts';
import type { ClockifyMember, ClockifyTimeEntry } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** Clockify may read a listing's start and end in the person's profile zone: asked with the widest offset's margin and cut here (timesheets/timesheets.ts). */
const FILTER_MARGIN_MS = 14 * 3_600_000;

/** A time entry as read, with the custom field values an update must carry along (CustomFieldValueDtoV1). */
type ReadEntry = ClockifyTimeEntry & { customFieldValues?: Array<{ customFieldId?: string | null; value?: unknown }> | null };

export class ClockifyCorrections extends CellPart<ClockifyContext, CorrectionsEndpoints, { catalog: ClockifyCatalogView }> implements CorrectionsPart {
  readonly unknownTagWords = 'Clockify tags an entry by the id of a tag the workspace has';
  /** The entries the last preview read, by Punchcard's number: what a change sends back whole. */
  readonly #read = new Map<number, ReadEntry>();
  /** Tags by name (lower case) as knownTags found them, with their Clockify ids. */
  readonly #tagIds = new Map<string, { id: string; name: string }>();

  requestsPerEntry(set: CorrectionSet): number {
    return (replaces(set) ? 1 : 0) + (set.exported === undefined ? 0 : 1);
  }

  async correctionWorld(scope: CorrectionScope): Promise<CorrectionWorld> {
    const { workspaceId } = await this.context.ids();
    const members = await this.#refused("read the workspace's people", () => pagesUntilLast((page) => this.endpoints.peoplePage(workspaceId, true, page)));
    const numbers = await this.context.numbers(
      'person',
      members.map((member) => member.id),
    );
    const people = members
      .map((member, index) => ({ member, number: numbers[index] as number }))
      .filter(({ member }) => hasEntries(member))
      .filter(({ member, number }) => scope.people === undefined || scope.people.some((word) => names(word, member, number)));
    // The lock, then one list per person at the least: refused in words before any is sent when they cannot all be.
    const needed = people.length + 1;
    const left = requestsLeft();
    if (needed > left) {
      throw new BackEndError('clockify_corrections_too_many_people', { people: people.length, needed, left, limit: MAX_REQUESTS_PER_CALL });
    }
    const workspace = await this.#refused("read the workspace's lock", () => this.endpoints.lockedWorkspace(workspaceId));
    const lock = lockInstant(workspace.workspaceSettings?.lockTimeEntries);
    const project =
      scope.projectId === undefined
        ? undefined
        : await this.context.remote('project', scope.projectId, 'clockify_record_unknown', { record: 'project', id: scope.projectId });
    const filter = {
      start: clockifyTime(scope.from - FILTER_MARGIN_MS),
      end: clockifyTime(scope.to + FILTER_MARGIN_MS),
      ...(project === undefined ? {} : { project }),
    };
    const lists = await Promise.all(
      people.map(({ member }) =>
        this.#refused(`read ${quotedLine(nameOf(member))}'s time entries`, () =>
          pagesUntilLast((page) => this.endpoints.memberEntriesPage(workspaceId, member.id, nameOf(member), filter, page)),
        ),
      ),
    );
    const entries: Array<{ entry: ReadEntry; member: ClockifyMember; person: number }> = [];
    lists.forEach((list, index) => {
      const { member, number } = people[index] as (typeof people)[number];
      for (const entry of list as ReadEntry[])
        if (isWork(entry) && entryStart(entry) >= scope.from && entryStart(entry) < scope.to) entries.push({ entry, member, person: number });
    });
    const [refs, entryNumbers] = await Promise.all([
      this.parts.catalog.refs(entries.map(({ entry }) => entry)),
      this.context.numbers(
        'entry',
        entries.map(({ entry }) => entry.id),
      ),
    ]);
    this.#read.clear();
    const subjects: CorrectionSubject[] = [];
    entries.forEach(({ entry, member, person }, index) => {
      const number = entryNumbers[index] as number;
      const ref = refs[index];
      if (scope.activityId !== undefined && ref?.task?.id !== scope.activityId) return;
      this.#read.set(number, entry);
      subjects.push({
        id: number,
        start: entryStart(entry),
        end: entryEnd(entry),
        personId: person,
        person: nameOf(member),
        login: member.email ?? '',
        projectId: ref?.project?.id ?? null,
        activityId: ref?.task?.id ?? null,
        billable: entry.billable === true,
        // Clockify shows no entry's invoiced mark (exportedUnknown below).
        exported: false,
        tags: this.#tagNames(entry),
        ...(entry.isLocked === true ? { locked: true } : {}),
      });
    });
    const zone = await this.context.zone();
    return {
      entries: subjects,
      locked: lock === undefined ? undefined : { start: Number.NEGATIVE_INFINITY, end: lock - 1, timezone: zone },
      lockWords: () =>
        (lock === undefined
          ? 'Clockify locks no time entries in this workspace'
          : `Clockify locks the workspace's entries before ${localDate(lock, zone)} ${formatLocalTime(lock, zone)} (its admins may still change them; Punchcard does not)`) +
        '; an entry Clockify marks locked is left alone too.',
      editsExported: true,
      exportedUnknown: true,
      // A task is a project's own: a move to another project clears it (the web app does so too), unless the workspace requires one.
      projectActivities: {
        noun: 'task',
        ...(workspace.workspaceSettings?.forceTasks === true ? { required: 'This workspace requires a task on every time entry' } : {}),
      },
      covers: "everyone's time entries",
    };
  }

  async knownTags(names: readonly string[]): Promise<string[]> {
    const { workspaceId } = await this.context.ids();
    const known: string[] = [];
    for (const name of names) {
      const wanted = name.trim().toLowerCase();
      // getTags' strict search matches the whole name; an archived tag is not listed, and is not offered.
      const found = (await this.endpoints.tags(workspaceId, name.trim(), true)).find((tag) => tag.name.toLowerCase() === wanted);
      if (!found) continue;
      this.#tagIds.set(wanted, { id: found.id, name: found.name });
      known.push(found.name);
    }
    return known;
  }

  async correct(entry: CorrectionSubject, set: CorrectionSet): Promise<CorrectionSubject> {
    const { workspaceId } = await this.context.ids();
    const read = this.#read.get(entry.id);
    if (read === undefined) throw new BackEndError('clockify_correction_not_previewed', { entry: entry.id });
    let after: ReadEntry = read;
    if (replaces(set)) {
      const body = await this.#replacement(read, entry, set);
      after = withIds(
        await this.#refused(`change time entry #${entry.id}`, () =>
          this.endpoints.replaceEntry(workspaceId, read.id, entry.id, body, `correct time entry #${entry.id}`),
        ),
      );
    }
    if (set.exported !== undefined) {
      const mark = set.exported;
      try {
        await this.#refused(`mark time entry #${entry.id} ${mark ? 'invoiced' : 'not invoiced'}`, () =>
          this.endpoints.setInvoiced(workspaceId, [read.id], mark, `mark time entry #${entry.id} ${mark ? 'invoiced' : 'not invoiced'}`),
        );
      } catch (error) {
        if (!replaces(set)) throw error;
        // Its other changes were made: the person hears that only the mark is missing.
        throw new PartlyChangedError('clockify_entry_changed_not_marked', { entry: entry.id, invoiced: mark, cause: causeOf(error) });
      }
    }
    const [ref] = await this.parts.catalog.refs([after]);
    return {
      ...entry,
      projectId: ref?.project?.id ?? null,
      activityId: ref?.task?.id ?? null,
      billable: after.billable === true,
      exported: set.exported ?? entry.exported,
      tags: this.#tagNames(after),
    };
  }

  /** The entry whole as read, with only the asked fields changed: what updateTimeEntry replaces it with. */
  async #replacement(read: ReadEntry, entry: CorrectionSubject, set: CorrectionSet): Promise<Record<string, unknown>> {
    const body = bodyOf(read);
    if (set.projectId !== undefined || set.activityId !== undefined) {
      // The handler has checked that a kept task fits the new project, or clears it (clearActivity); booking() checks the project is
      // open and the task is its own.
      const booking = await this.parts.catalog.booking(set.projectId ?? entry.projectId, set.clearActivity ? null : (set.activityId ?? entry.activityId));
      body.projectId = booking.projectId;
      body.taskId = booking.taskId;
    }
    if (set.billable !== undefined) body.billable = set.billable;
    if (set.addTags !== undefined) {
      const added = set.addTags.map((name) => this.#tagIds.get(name.toLowerCase())?.id).filter((id): id is string => id !== undefined);
      body.tagIds = [...new Set([...body.tagIds, ...added])];
    }
    return replacementJson(read, body);
  }

  /** The entry's tags by name where known (hydrated, or found by knownTags), else by Clockify id: enough to tell whether a tag asked is there. */
  #tagNames(entry: ReadEntry): string[] {
    const named = new Map((entry.tags ?? []).flatMap((tag) => (tag?.id && tag.name ? [[tag.id, tag.name] as const] : [])));
    const byId = new Map([...this.#tagIds.values()].map((tag) => [tag.id, tag.name]));
    return (entry.tagIds ?? [...named.keys()]).map((id) => named.get(id) ?? byId.get(id) ?? id);
  }

  /** Clockify's refusal (403) withdraws correct_time_entries at once, and says which right is missing. */
  #refused<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering('corrections', ['clockify_administration_refused', { part: 'corrections', action }], send);
  }
}

/** Whether a change needs the entry replaced (anything but the invoiced mark). */
function replaces(set: CorrectionSet): boolean {
  return set.projectId !== undefined || set.activityId !== undefined || set.billable !== undefined || set.addTags !== undefined;
}

/** updateTimeEntry's body: the entry's fields (entryJson) with its type and custom field values, which a replacement would otherwise lose. */
export function replacementJson(read: ReadEntry, body: ReturnType<typeof bodyOf>): Record<string, unknown> {
  const fields = (read.customFieldValues ?? []).flatMap((field) =>
    typeof field?.customFieldId === 'string' ? [{ customFieldId: field.customFieldId, value: field.value ?? null }] : [],
  );
  // The values as read, not the body's (entryJson's customFields): a correction changes none of them.
  const { customFields: _body, ...json } = entryJson(body);
  return { ...json, type: 'REGULAR', ...(fields.length > 0 ? { customFields: fields } : {}) };
}

/** A member whose entries there may be: active or deactivated, not an invitation still pending or declined. */
function hasEntries(member: ClockifyMember): boolean {
  const status = (member.memberships ?? []).find((membership) => membership.membershipType === 'WORKSPACE')?.membershipStatus;
  return status !== 'PENDING' && status !== 'DECLINED';
}

const nameOf = (member: ClockifyMember) => member.name?.trim() || member.email?.trim() || `user ${member.id}`;

/** Whether a word of `people` names the member, as the handler's own filter does: their number, name or e-mail. */
function names(word: string, member: ClockifyMember, number: number): boolean {
  const text = word.trim().replace(/^#/, '').toLowerCase();
  return text === String(number) || text === nameOf(member).toLowerCase() || sameEmail(member.email, word.trim());
}

/** Clockify's lock instant, or undefined where the workspace locks nothing (or says it in no readable way). */
function lockInstant(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}
