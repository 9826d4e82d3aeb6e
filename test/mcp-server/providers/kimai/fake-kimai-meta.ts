// The fake Kimai's meta fields of timesheets (fake-kimai.ts registers the routes when the custom-fields plugin
// is installed, `config.metaFieldsPlugin`), as docs/back-ends/kimai.md ("Meta fields") describes Kimai 2.x
// and its plugin:
// - GET /api/metafields?entity=timesheet lists the plugin's rules (MetaFieldRule: name, label, type, value as the
//   default or a choice list's choices, visible, required, and the customer, project or activity a rule is
//   limited to); without the plugin the route is not there (404 {"code":404,"message":"Not Found"});
// - POST and PATCH /api/timesheets cannot carry meta fields: the body's `metaFields` is one of the "extra fields"
//   (fake-kimai.ts's form check answers 400 "This form should not contain extra fields.");
// - PATCH /api/timesheets/{id}/meta {name, value} sets one field; a name Kimai does not define for that record
//   is 404 {"code":404,"message":"Not Found"} (its message hidden), no name 400 {"code":400,"message":"Bad Request"};
// - Kimai takes a record without its mandatory fields (required is only a form constraint of its own pages);
// - reads show `metaFields: [{name, value}]`, the visible fields only; values are kept as text.
//
// - a rule may be limited to a permission or role (MetaFieldRule.permission; the plugin's canSeeRule asks
//   isGranted of the CALLER): it is defined, listed and written only for a caller granted it.
//
// GUESS: a rule applies to a record whose customer, project and activity match those it names (none named:
// every record); names compare without case (Kimai lowercases them); a record's field is changed with the
// same rights as the record (its owner, not when exported for a plain user); the rules' list carries
// `permission` and holds only the rules granted to the caller; a role is granted to its holders and those
// above it (Kimai's role hierarchy), any other permission to a super administrator alone; reads show a record's
// visible fields whoever reads it (the callers of these tests' reads are administrators).
import type { HttpAnswer } from '../../../support/fake-server.ts';

export interface FakeMetaRule {
  name: string;
  label?: string;
  /** The plugin's type name: string, integer, number, checkbox, choice… (GUESS: as its documentation lists them). */
  type?: string;
  /** The default; a choice list's `value|Title` pairs, comma-separated. */
  value?: string | null;
  visible?: boolean;
  required?: boolean;
  entity?: 'timesheet' | 'customer' | 'project' | 'activity' | 'user';
  customerId?: number;
  projectId?: number;
  activityId?: number;
  /** The permission or role the rule is limited to (MetaFieldRule.permission); none: everyone. */
  permission?: string;
}

const RANK: Readonly<Record<string, number>> = { ROLE_USER: 0, ROLE_TEAMLEAD: 1, ROLE_ADMIN: 2, ROLE_SUPER_ADMIN: 3 };

/** Whether a caller of `role` is granted the rule (canSeeRule: isGranted of its permission). */
export function grantedRule(rule: FakeMetaRule, role: string): boolean {
  if (!rule.permission) return true;
  if (rule.permission.startsWith('ROLE_')) return (RANK[role] ?? 0) >= (RANK[rule.permission] ?? Number.POSITIVE_INFINITY);
  return role === 'ROLE_SUPER_ADMIN';
}

export interface MetaSheet {
  projectId: number;
  activityId: number;
  meta?: Record<string, string>;
}

export function ruleJson(rule: FakeMetaRule, index: number): Record<string, unknown> {
  return {
    id: index + 1,
    name: rule.name,
    label: rule.label ?? rule.name,
    help: null,
    value: rule.value ?? null,
    type: rule.type ?? 'string',
    visible: rule.visible !== false,
    required: rule.required === true,
    entityType: rule.entity ?? 'timesheet',
    customer: rule.customerId ?? null,
    project: rule.projectId ?? null,
    activity: rule.activityId ?? null,
    permission: rule.permission ?? null,
  };
}

/** The timesheet rules that apply to a record. */
export function rulesFor(rules: readonly FakeMetaRule[], sheet: MetaSheet, customerOf: (projectId: number) => number | undefined): FakeMetaRule[] {
  return rules.filter(
    (rule) =>
      (rule.entity ?? 'timesheet') === 'timesheet' &&
      (rule.projectId === undefined || rule.projectId === sheet.projectId) &&
      (rule.activityId === undefined || rule.activityId === sheet.activityId) &&
      (rule.customerId === undefined || rule.customerId === customerOf(sheet.projectId)),
  );
}

/** What a read shows: the visible fields with a value. */
export function metaFieldsJson(rules: readonly FakeMetaRule[], sheet: MetaSheet, customerOf: (projectId: number) => number | undefined) {
  const visible = new Set(
    rulesFor(rules, sheet, customerOf)
      .filter((rule) => rule.visible !== false)
      .map((rule) => rule.name.toLowerCase()),
  );
  return Object.entries(sheet.meta ?? {})
    .filter(([name]) => visible.has(name))
    .map(([name, value]) => ({ name, value }));
}

/** PATCH /api/timesheets/{id}/meta: sets the one field, or the answer Kimai gives. */
export function setMeta(
  rules: readonly FakeMetaRule[],
  sheet: MetaSheet,
  body: Record<string, unknown>,
  customerOf: (projectId: number) => number | undefined,
  answers: { notFound: () => HttpAnswer; badRequest: () => HttpAnswer },
  callerRole: string,
): HttpAnswer | null {
  if (typeof body.name !== 'string' || body.name === '') return answers.badRequest();
  const name = body.name.toLowerCase();
  if (!rulesFor(rules, sheet, customerOf).some((rule) => rule.name.toLowerCase() === name && grantedRule(rule, callerRole))) return answers.notFound();
  sheet.meta = { ...sheet.meta, [name]: body.value === null || body.value === undefined ? '' : String(body.value) };
  return null;
}
