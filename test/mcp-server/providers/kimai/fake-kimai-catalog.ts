// The fake Kimai's reads and changes of one customer, project or activity (docs/back-ends/kimai.md,
// "Administration"), registered by fake-kimai.ts: `GET` and `PATCH /api/{customers,projects,activities}/{id}`.
// As Kimai 2.66 serves them: an unknown id is a 404 before any permission is checked; reading needs
// view_*, changing edit_* (a test takes them away with `config.revoked`); the form takes only its own
// fields (anything else, `teams` included, is the nameless "extra fields" 400), the budget fields
// only with budget_* and time_*, and a global activity has no `project`; `timeBudget` goes in as a
// duration string (a bare number is hours) and comes out in seconds; a project's dates go in only
// as `yyyy-MM-ddTHH:mm:ss` and come out as `Y-m-d`; wrong values are a "Validation Failed" 400
// naming the fields. A PATCH changes the fields it carries and no other.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeActivity, FakeCustomer, FakeKimai, FakeKimaiConfig, FakeProject, FakeUser, Role } from './fake-kimai.ts';

type Kind = 'customers' | 'projects' | 'activities';
type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;

/** What an item of any kind keeps that the form changes. */
type FakeItem = (FakeCustomer | FakeProject | FakeActivity) & {
  comment?: string | null;
  billable?: boolean;
  budget?: number;
  timeBudget?: number;
  budgetType?: 'month' | null;
};

/** The permissions of one kind of item a test may take from a role (`config.revoked`). */
export type CatalogPermission = `${'view' | 'edit' | 'budget' | 'time'}_${'customer' | 'project' | 'activity'}`;

/** What fake-kimai.ts lends these routes: its state, its router and how it presents an item in lists. */
export interface CatalogRoutesKit {
  state: FakeKimai['state'];
  config: FakeKimaiConfig;
  route: (method: string, pattern: RegExp, handler: Handler) => void;
  /** The item as the lists show it. */
  presented: { customers: (item: FakeCustomer) => object; projects: (item: FakeProject) => object; activities: (item: FakeActivity) => object };
  formError: (children: Record<string, string[]>, global?: string[]) => HttpAnswer;
  extraFields: (fields: string[]) => HttpAnswer;
}

const RANK: Record<Role, number> = { ROLE_USER: 0, ROLE_TEAMLEAD: 1, ROLE_ADMIN: 2, ROLE_SUPER_ADMIN: 3 };
const SINGULAR: Record<Kind, 'customer' | 'project' | 'activity'> = { customers: 'customer', projects: 'project', activities: 'activity' };
const STRICT_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}$/;
const notFound = () => new HttpAnswer(404, { code: 404, message: 'Not Found' });
const forbidden = () => new HttpAnswer(403, { code: 403, message: 'Forbidden' });

/** The form's own fields of each kind, budget fields aside (ProjectEditForm and its siblings). */
const FORM_FIELDS: Record<Kind, readonly string[]> = {
  customers: [
    'name',
    'number',
    'comment',
    'company',
    'vatId',
    'contact',
    'country',
    'currency',
    'timezone',
    'phone',
    'email',
    'homepage',
    'color',
    'visible',
    'billable',
  ],
  projects: [
    'name',
    'number',
    'comment',
    'invoiceText',
    'orderNumber',
    'orderDate',
    'start',
    'end',
    'customer',
    'globalActivities',
    'color',
    'visible',
    'billable',
  ],
  activities: ['name', 'number', 'comment', 'invoiceText', 'color', 'visible', 'billable'],
};

/**
 * Kimai's duration strings (DurationStringToSecondsTransformer): "1:30" or "1:30:00", decimal hours
 * ("1.5", "1,5", and a bare number, "7200" being 7200 hours), "90m", "1h30m", "2h", "45s". Seconds,
 * or undefined where the text is none of these.
 */
export function kimaiDurationSeconds(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(text);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
  if (/^\d+(?:[.,]\d+)?$/.test(text)) return Math.round(Number(text.replace(',', '.')) * 3600);
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(text);
  if (units && text !== '') return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  return undefined;
}

export function serveCatalogItems(kit: CatalogRoutesKit): void {
  const { state, config, route } = kit;
  const lacks = (user: FakeUser, permission: CatalogPermission) => ((config.revoked[user.role] ?? []) as string[]).includes(permission);
  const can = {
    // view_* and the budget permissions: administrators, as Kimai ships them.
    view: (user: FakeUser, kind: Kind) => RANK[user.role] >= RANK.ROLE_ADMIN && !lacks(user, `view_${SINGULAR[kind]}`),
    // Editing follows creating: customers and projects an administrator's, activities a team lead's too (docs/back-ends/kimai.md, "What the fake assumes").
    edit: (user: FakeUser, kind: Kind) =>
      RANK[user.role] >= (kind === 'activities' ? RANK.ROLE_TEAMLEAD : RANK.ROLE_ADMIN) && !lacks(user, `edit_${SINGULAR[kind]}`),
    budget: (user: FakeUser, kind: Kind) => RANK[user.role] >= RANK.ROLE_ADMIN && !lacks(user, `budget_${SINGULAR[kind]}`),
    time: (user: FakeUser, kind: Kind) => RANK[user.role] >= RANK.ROLE_ADMIN && !lacks(user, `time_${SINGULAR[kind]}`),
  };
  const listOf = (kind: Kind): FakeItem[] => state[kind];

  /** The item as its own read and a change answer it: what the lists show, its comment and billable, and the budget fields where the person may see them. */
  const detailed = (user: FakeUser, kind: Kind, item: FakeItem) => ({
    ...(kind === 'customers'
      ? kit.presented.customers(item as FakeCustomer)
      : kind === 'projects'
        ? kit.presented.projects(item as FakeProject)
        : kit.presented.activities(item as FakeActivity)),
    comment: item.comment ?? null,
    billable: item.billable ?? true,
    ...(can.budget(user, kind) ? { budget: item.budget ?? 0 } : {}),
    ...(can.time(user, kind) ? { timeBudget: item.timeBudget ?? 0 } : {}),
    ...(can.budget(user, kind) || can.time(user, kind) ? { budgetType: item.budgetType ?? null } : {}),
  });

  /** The fields this person's form has for this item. */
  const formFields = (user: FakeUser, kind: Kind, item: FakeItem): Set<string> => {
    const fields = new Set(FORM_FIELDS[kind]);
    // A project activity may be moved to another project; a global one has no project field at all.
    if (kind === 'activities' && (item as FakeActivity).projectId !== null) fields.add('project');
    if (can.budget(user, kind)) fields.add('budget');
    if (can.time(user, kind)) fields.add('timeBudget');
    if (can.budget(user, kind) || can.time(user, kind)) fields.add('budgetType');
    return fields;
  };

  for (const kind of ['customers', 'projects', 'activities'] as const) {
    route('GET', new RegExp(`^/api/${kind}/(\\d+)$`), (user, _query, _body, [id]) => {
      const item = listOf(kind).find((candidate) => candidate.id === Number(id));
      if (!item) return notFound();
      if (!can.view(user, kind)) return forbidden();
      return new HttpAnswer(200, detailed(user, kind, item));
    });
    route('PATCH', new RegExp(`^/api/${kind}/(\\d+)$`), (user, _query, body, [id]) => {
      const item = listOf(kind).find((candidate) => candidate.id === Number(id));
      if (!item) return notFound();
      if (!can.edit(user, kind)) return forbidden();
      const allowed = formFields(user, kind, item);
      if (Object.keys(body).some((key) => !allowed.has(key))) return kit.extraFields([...allowed]);
      const errors: Record<string, string[]> = {};
      const refuse = (field: string, message: string) => (errors[field] ??= []).push(message);
      const changed: Partial<FakeItem> & Partial<FakeProject> = {};
      if ('name' in body) {
        const name = typeof body.name === 'string' ? body.name.trim() : '';
        if (name.length < 2) refuse('name', 'This value is too short. It should have 2 characters or more.');
        else if (name.length > 150) refuse('name', 'This value is too long. It should have 150 characters or less.');
        else changed.name = name;
      }
      if ('comment' in body) changed.comment = typeof body.comment === 'string' && body.comment !== '' ? body.comment : null;
      // JSON true is "1" to Kimai's form, false is null: an unchecked box.
      if ('visible' in body) changed.visible = body.visible === true;
      if ('billable' in body) changed.billable = body.billable === true;
      if ('budget' in body) {
        const money =
          typeof body.budget === 'number'
            ? body.budget
            : typeof body.budget === 'string' && /^-?\d+(?:\.\d+)?$/.test(body.budget)
              ? Number(body.budget)
              : Number.NaN;
        if (Number.isNaN(money)) refuse('budget', 'This value is not valid.');
        else if (money < 0) refuse('budget', 'This value should be greater than or equal to 0.');
        else changed.budget = money;
      }
      if ('timeBudget' in body) {
        const seconds = kimaiDurationSeconds(body.timeBudget);
        if (seconds === undefined) refuse('timeBudget', 'This value is not valid.');
        else changed.timeBudget = seconds;
      }
      if ('budgetType' in body) {
        if (body.budgetType === null || body.budgetType === '') changed.budgetType = null;
        else if (body.budgetType === 'month') changed.budgetType = 'month';
        else refuse('budgetType', 'The selected choice is invalid.');
      }
      if (kind === 'projects') {
        for (const field of ['start', 'end'] as const) {
          if (!(field in body)) continue;
          const value = body[field];
          if (value === null || value === '') changed[field] = null;
          else {
            // A change takes only the full date-time; a bare date is refused (docs/back-ends/kimai.md, "Administration").
            const match = typeof value === 'string' ? STRICT_DATE_TIME.exec(value) : null;
            if (match) changed[field] = match[1] as string;
            else refuse(field, 'This value is not valid.');
          }
        }
        if ('customer' in body) {
          const customer = state.customers.find((candidate) => candidate.id === Number(body.customer));
          if (customer) changed.customerId = customer.id;
          else refuse('customer', 'The selected choice is invalid.');
        }
        const project = item as FakeProject;
        const start = changed.start === undefined ? project.start : changed.start;
        const end = changed.end === undefined ? project.end : changed.end;
        if (errors.start === undefined && errors.end === undefined && start !== null && end !== null && end < start) {
          refuse('end', 'The end date must not be earlier than the start date.');
        }
      }
      if (kind === 'activities' && 'project' in body && !state.projects.some((project) => project.id === Number(body.project))) {
        refuse('project', 'The selected choice is invalid.');
      }
      if (Object.keys(errors).length > 0) {
        return kit.formError(Object.fromEntries([...allowed].map((field) => [field, errors[field] ?? []])));
      }
      if (kind === 'activities' && 'project' in body) (item as FakeActivity).projectId = Number(body.project);
      Object.assign(item, changed);
      return new HttpAnswer(200, detailed(user, kind, item));
    });
  }
}
