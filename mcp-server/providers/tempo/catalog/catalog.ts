// The catalog on Tempo Timesheets: Jira issues (docs/back-ends/tempo.md, "Issues"). Tempo books every worklog on an
// issue and knows it by Jira's number alone, so the issues are the projects (named by their summaries, with their keys
// beside) and their Jira projects the customers; there are no activities. The listing is the person's open issues
// (assigned to them, not done), kept a few minutes, and with archived ones asked for, their done ones too; any issue
// beyond it is named by its key (`WEB-12`, any case, a moved issue's old key too), resolved through Jira and kept,
// key to number and number to key, for the process. Read-only: issues are made in Jira.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { Expiring } from '../../remote/cache.ts';
import { requestsLeft } from '../../remote/request-budget.ts';
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind } from '../../time-tracker.ts';
import type { TempoCatalogView, TempoContext, TempoGrid, TempoIssue } from '../context.ts';
import { TempoError } from '../errors.ts';
import { isIssueKey, issueKey, issueOf, unnamedIssue } from '../mapping.ts';
import { catalogEndpoints, type CatalogEndpoints } from './endpoints.ts';

/** The listing is read again after a few minutes: new issues are assigned now and then. */
const LISTING_TTL_MS = 5 * 60_000;
/** Open issues a listing shows at most (the most recently updated), and done ones where archived ones are asked for. */
const OPEN_LISTED = 100;
const DONE_LISTED = 50;
/** Issues one search names by key or number: a JQL list stays well within Jira's length. */
const SEARCH_CHUNK = 100;
/** Requests a lookup one by one leaves the call (after a search Jira refused for a key it does not know). */
const LOOKUP_MARGIN = 3;

const OPEN_JQL = 'assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC';
const DONE_JQL = 'assignee = currentUser() AND statusCategory = Done ORDER BY updated DESC';

export class TempoCatalog extends CellPart<TempoContext, CatalogEndpoints> implements TempoCatalogView {
  readonly #open = new Expiring<TempoIssue[]>(LISTING_TTL_MS);
  readonly #done = new Expiring<TempoIssue[]>(LISTING_TTL_MS);
  /** Issues by the key they were asked by (upper case: an old key of a moved issue too) and by their own key. */
  readonly #byKey = new Map<string, TempoIssue>();
  readonly #byId = new Map<number, TempoIssue>();

  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = (kind: CatalogKind) => !kinds || kinds.includes(kind);
    if (!wants('project') && !wants('customer')) return { customers: [], projects: [], activities: [] };
    const [open, done] = await Promise.all([
      this.#open.get(() => this.#search(OPEN_JQL, 'list your open Jira issues', OPEN_LISTED)),
      includeArchived ? this.#done.get(() => this.#search(DONE_JQL, 'list your done Jira issues', DONE_LISTED)) : Promise.resolve([]),
    ]);
    const projects = [...open.map((issue) => itemOf(issue, false)), ...done.map((issue) => itemOf(issue, true))];
    const customers = new Map<number, CatalogItem>();
    for (const { project } of [...open, ...done]) {
      if (project && !customers.has(project.id)) customers.set(project.id, { kind: 'customer', id: project.id, name: project.name, archived: false });
    }
    // The example is said bare in the note, so it is only ever a key in Jira's form: any other text of Jira's stays data.
    const example = open.map((issue) => issue.key).find((key) => typeof key === 'string' && isIssueKey(key));
    return {
      customers: wants('customer') ? [...customers.values()] : [],
      projects: wants('project') ? projects : [],
      activities: [],
      note: `These are the Jira issues assigned to you that are not done (the ${OPEN_LISTED} updated last); any other issue is booked by its key, such as ${example ? issueKey(example) : 'WEB-12'}.`,
    };
  }

  /** A project by its issue key: undefined for a word that is no key (nothing asked); refused in words where Jira shows none. */
  async projectByKey(text: string): Promise<CatalogItem | undefined> {
    if (!isIssueKey(text)) return undefined;
    return itemOf(await this.issueByKey(text), false);
  }

  /** The issues several ticket ids name, by the id as written; one Jira does not show is left out. */
  async projectsByKey(keys: readonly string[]): Promise<ReadonlyMap<string, CatalogItem>> {
    const asked = [...new Set(keys.filter(isIssueKey))];
    const missing = [...new Set(asked.map(issueKey).filter((key) => !this.#byKey.has(key)))];
    if (missing.length === 1) await this.issueByKey(missing[0] as string).catch(unlessUnknown);
    else if (missing.length > 1) await this.#resolveKeys(missing);
    const found = new Map<string, CatalogItem>();
    for (const key of asked) {
      const issue = this.#byKey.get(issueKey(key));
      if (issue) found.set(key, itemOf(issue, false));
    }
    return found;
  }

  async issueByKey(key: string): Promise<TempoIssue> {
    const wanted = issueKey(key);
    const known = this.#byKey.get(wanted);
    if (known) return known;
    if (!isIssueKey(wanted)) throw new BackEndError('tempo_issue_unknown', { key: key.trim() });
    const issue = issueOf(await this.endpoints.issue(wanted));
    if (!issue)
      throw new TempoError('wrong_service', { code: 'tempo_unreadable', facts: { service: 'Jira', what: `the issue ${wanted} without its number or key` } });
    // A moved issue answers to its old key with its new one: both name it from now on.
    this.#byKey.set(wanted, issue);
    return this.#remember(issue);
  }

  async issueById(id: number): Promise<TempoIssue> {
    return (await this.issuesById([id])).get(id) ?? unnamedIssue(id);
  }

  /**
   * Issues by Tempo's numbers: those not known yet in one search of Jira (`id in (…)`), a hundred at a time. Jira
   * refuses the whole search where one number names no issue it shows (deleted, or hidden from the person): those
   * are then asked one by one while the call has requests to spare, and one Jira does not show is named by its number.
   */
  async issuesById(ids: readonly number[]): Promise<Map<number, TempoIssue>> {
    const unknown = [...new Set(ids)].filter((id) => !this.#byId.has(id));
    for (let at = 0; at < unknown.length; at += SEARCH_CHUNK) {
      const chunk = unknown.slice(at, at + SEARCH_CHUNK);
      try {
        for (const issue of await this.#search(`id in (${chunk.join(', ')})`, 'read the names of your issues', chunk.length)) this.#remember(issue);
      } catch (error) {
        if (!refusedSearch(error)) throw error;
        for (const id of chunk) {
          if (requestsLeft() <= LOOKUP_MARGIN) break;
          const issue = await this.endpoints
            .issue(String(id))
            .then(issueOf)
            .catch((failure: unknown) => unlessUnknown(failure));
          if (issue) this.#remember(issue);
        }
      }
    }
    return new Map(ids.map((id) => [id, this.#byId.get(id) ?? unnamedIssue(id)]));
  }

  know(issue: TempoIssue): void {
    if (!this.#byId.has(issue.id)) this.#remember(issue);
  }

  async createCatalogItem(): Promise<CatalogItem> {
    throw new BackEndError('part_missing', { part: 'admin_catalog', back_end: 'Tempo Timesheets' });
  }

  async setArchived(): Promise<CatalogItem> {
    throw new BackEndError('part_missing', { part: 'admin_catalog', back_end: 'Tempo Timesheets' });
  }

  /** Keys several at once: one search (`key in (…)`), else, where Jira refuses it for a key it does not show, one by one. */
  async #resolveKeys(keys: readonly string[]): Promise<void> {
    try {
      const found = await this.#search(`key in (${keys.join(', ')})`, `find the issues ${keys.join(', ')}`, keys.length);
      for (const issue of found) {
        this.#remember(issue);
        this.#byKey.set(issue.key, issue);
      }
    } catch (error) {
      if (!refusedSearch(error)) throw error;
    }
    // A moved issue comes back under its new key: the old one, and any Jira refused the search for, are asked alone.
    for (const key of keys) {
      if (this.#byKey.has(key) || requestsLeft() <= LOOKUP_MARGIN) continue;
      await this.issueByKey(key).catch(unlessUnknown);
    }
  }

  async #search(jql: string, action: string, max: number): Promise<TempoIssue[]> {
    const issues = (await this.endpoints.search(jql, action, max)).flatMap((issue) => issueOf(issue) ?? []).slice(0, max);
    for (const issue of issues) this.#remember(issue);
    return issues;
  }

  #remember(issue: TempoIssue): TempoIssue {
    this.#byId.set(issue.id, issue);
    this.#byKey.set(issueKey(issue.key), issue);
    return issue;
  }
}

/** An issue as the catalog lists it: its summary as the name, its key beside, its Jira project as the customer. */
function itemOf(issue: TempoIssue, archived: boolean): CatalogItem {
  return { kind: 'project', id: issue.id, key: issue.key, remoteId: issue.key, name: issue.summary, archived, customer: issue.project };
}

/** A search Jira refused (400) for a key or a number it does not show: the issues are then asked alone. */
function refusedSearch(error: unknown): boolean {
  return error instanceof TempoError && error.status === 400;
}

/** An issue Jira does not show, asked for among several, is none; any other failure is said. */
function unlessUnknown(error: unknown): undefined {
  if (error instanceof BackEndError && error.refusal.code === 'tempo_issue_unknown') return undefined;
  throw error;
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, CatalogEndpoints>({
  endpoints: catalogEndpoints,
  parts: (context, endpoints) => ({ catalog: new TempoCatalog(context, endpoints, {}) }),
});
