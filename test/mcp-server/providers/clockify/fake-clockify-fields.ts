// The fake Clockify's custom fields of time entries (fake-clockify.ts registers the routes and calls the
// helpers from its entry routes), as docs/back-ends/clockify.md ("Custom fields") and Clockify's OpenAPI
// (CustomFieldDtoV1, UpdateCustomFieldRequest, CustomFieldValueDtoV1) describe them:
// - GET /workspaces/{ws}/custom-fields (`entity-type`, `status`, `name` filters) answers the whole list and
//   ignores `page-size`, with no Last-Page header (the live probes clockify-ts-sdk published);
//   GET /workspaces/{ws}/custom-fields/{id} answers 405 "Request method 'GET' is not supported" (same source);
// - GET /workspaces/{ws}/projects/{id}/custom-fields lists only the fields whose status or default that
//   project changed (the R package's note), each with the project's status and its projectDefaultValues;
// - a write carries values under `customFields: [{customFieldId, sourceType, value}]`; the READ key
//   `customFieldValues` sent on a create is taken (201) and its values dropped (the 2026-08-08 live probe);
//   a PUT replaces the entry, so values it does not send are gone;
// - a required field of the entry's project without a value: a create or a replace of a finished entry, and
//   the stop of a timer, answer 400 with a Clockify error body; a timer starts without it (clockify-cli's
//   HelpValidateIncomplete, the help center's required fields).
//
// - in a workspace whose plan lacks CUSTOM_FIELDS (its `features`), both lists are refused as the fake's option
//   says: 404 in JSON (the answer issue 83 reports), 403 with words of the plan, or 402 (GUESS: not documented).
//
// GUESS: the 400's words and code (none documented; the shape of the documented project refusal,
// `{"message": "Time entry couldn't be created. …", "code": 501}`); a value of the wrong type, not among the
// choices, or for a field the workspace does not have is a 400 too; a regular member's value for a field
// only admins edit is a 400, and such a field is not required of them; an INVISIBLE field is not required; a field's default (the project's, else the
// workspace's) fills a new entry where no value is sent.
import type { Body, Call, FakeClockifyState, FakeEntry, FakeWorkspace } from './fake-clockify.ts';

export type FakeFieldType = 'TXT' | 'NUMBER' | 'DROPDOWN_SINGLE' | 'DROPDOWN_MULTIPLE' | 'CHECKBOX' | 'LINK';
export type FakeFieldStatus = 'INACTIVE' | 'VISIBLE' | 'INVISIBLE';

export interface FakeCustomField {
  id: string;
  workspaceId: string;
  name: string;
  type: FakeFieldType;
  allowedValues?: string[];
  required: boolean;
  status: FakeFieldStatus;
  entityType?: 'TIMEENTRY' | 'USER';
  onlyAdminCanEdit?: boolean;
  workspaceDefaultValue?: unknown;
  /** A project's own status and default (PATCH …/projects/{id}/custom-fields/{fieldId}). */
  projectSettings?: Array<{ projectId: string; status: FakeFieldStatus; value?: unknown }>;
}

export interface FieldRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  refuse(status: number, message: string, code?: number): Error;
  /** How a workspace whose plan lacks custom fields answers their lists. */
  offPlan: 402 | 403 | 404;
}

/** The refusal of a custom-field list in a workspace whose plan has none (GUESS: words and codes). */
function offPlanRefusal(kit: FieldRouteKit): Error {
  if (kit.offPlan === 403) return kit.refuse(403, 'Custom fields are not available on your subscription plan. Upgrade to use them.', 4031);
  if (kit.offPlan === 402) return kit.refuse(402, 'Payment required', 402);
  return kit.refuse(404, 'Not found', 404);
}

const fieldJson = (field: FakeCustomField) => ({
  id: field.id,
  name: field.name,
  type: field.type,
  allowedValues: field.allowedValues ?? [],
  description: null,
  entityType: field.entityType ?? 'TIMEENTRY',
  onlyAdminCanEdit: field.onlyAdminCanEdit === true,
  placeholder: null,
  projectDefaultValues: (field.projectSettings ?? []).map((setting) => ({
    projectId: setting.projectId,
    status: setting.status,
    value: setting.value ?? null,
  })),
  required: field.required,
  status: field.status,
  workspaceDefaultValue: field.workspaceDefaultValue ?? null,
  workspaceId: field.workspaceId,
});

export function registerFieldRoutes(kit: FieldRouteKit): void {
  const { route, state } = kit;
  const workspaceOf = (call: Call) => {
    const workspace = kit.workspaceOf(call);
    if (!workspace.features.includes('CUSTOM_FIELDS')) throw offPlanRefusal(kit);
    return workspace;
  };
  route('GET', '/workspaces/:workspaceId/custom-fields', (call) => {
    const workspace = workspaceOf(call);
    const entity = call.query.get('entity-type');
    const status = call.query.get('status');
    const name = call.query.get('name');
    // The whole list, whatever page-size says, and no Last-Page header: a plain 200.
    return state.customFields
      .filter((field) => field.workspaceId === workspace.id)
      .filter((field) => entity === null || (field.entityType ?? 'TIMEENTRY') === entity)
      .filter((field) => status === null || field.status === status)
      .filter((field) => name === null || field.name.toLowerCase().includes(name.toLowerCase()))
      .map(fieldJson);
  });
  route('GET', '/workspaces/:workspaceId/custom-fields/:id', () => {
    throw kit.refuse(405, "Request method 'GET' is not supported", 405);
  });
  route('GET', '/workspaces/:workspaceId/projects/:projectId/custom-fields', (call) => {
    const workspace = workspaceOf(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw kit.refuse(404, 'Project not found', 501);
    return state.customFields
      .filter((field) => field.workspaceId === workspace.id)
      .flatMap((field) => {
        const setting = field.projectSettings?.find((item) => item.projectId === project.id);
        if (!setting) return [];
        return [
          {
            ...fieldJson(field),
            status: setting.status,
            projectDefaultValues: [{ projectId: project.id, status: setting.status, value: setting.value ?? null }],
          },
        ];
      });
  });
}

/** The field's status on a project: the project's own, else the workspace's (an inactive field stays so). */
function statusOn(field: FakeCustomField, projectId: string | null): FakeFieldStatus {
  if (field.status === 'INACTIVE') return 'INACTIVE';
  const setting = projectId === null ? undefined : field.projectSettings?.find((item) => item.projectId === projectId);
  return setting?.status ?? field.status;
}

function defaultOn(field: FakeCustomField, projectId: string | null): unknown {
  const setting = projectId === null ? undefined : field.projectSettings?.find((item) => item.projectId === projectId);
  return setting && setting.value !== undefined && setting.value !== null ? setting.value : (field.workspaceDefaultValue ?? null);
}

const empty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The values a create or replace sends under `customFields`, checked as the fake's Clockify checks them; the
 * read key `customFieldValues` is ignored (its values dropped, the write still taken).
 */
export function sentValues(
  body: Body,
  workspace: FakeWorkspace,
  admin: boolean,
  state: FakeClockifyState,
  refuse: FieldRouteKit['refuse'],
  /** A replacement's entry as it is: a value it keeps unchanged is no edit. */
  current: Record<string, unknown> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (body.customFields === undefined || body.customFields === null) return values;
  if (!Array.isArray(body.customFields)) throw refuse(400, 'customFields: must be a list');
  if (body.customFields.length > 50) throw refuse(400, 'customFields: size must be between 0 and 50');
  for (const item of body.customFields as unknown[]) {
    const sent = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const field = state.customFields.find((candidate) => candidate.id === sent.customFieldId && candidate.workspaceId === workspace.id);
    if (typeof sent.customFieldId !== 'string' || !field) throw refuse(400, 'Custom field not found', 501);
    if (sent.sourceType !== undefined && !['WORKSPACE', 'PROJECT', 'TIMEENTRY'].includes(String(sent.sourceType)))
      throw refuse(400, 'sourceType: unknown value');
    const value = checkedValue(field, sent.value, refuse);
    if (field.onlyAdminCanEdit && !admin && JSON.stringify(value) !== JSON.stringify(current[field.id] ?? null)) {
      throw refuse(400, `Only admins can edit the custom field ${field.name}`, 501);
    }
    values[field.id] = value;
  }
  return values;
}

function checkedValue(field: FakeCustomField, value: unknown, refuse: FieldRouteKit['refuse']): unknown {
  if (empty(value)) return null;
  const wrong = () => refuse(400, `Invalid value for custom field ${field.name}`, 501);
  switch (field.type) {
    case 'NUMBER':
      if (typeof value !== 'number') throw wrong();
      return value;
    case 'CHECKBOX':
      if (typeof value !== 'boolean') throw wrong();
      return value;
    case 'DROPDOWN_SINGLE':
      if (typeof value !== 'string' || !(field.allowedValues ?? []).includes(value)) throw wrong();
      return value;
    case 'DROPDOWN_MULTIPLE':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !(field.allowedValues ?? []).includes(item))) throw wrong();
      return value;
    default:
      if (typeof value !== 'string') throw wrong();
      return value;
  }
}

/** A new entry's values: those sent, and each field's default where none was sent. */
export function newEntryValues(
  sent: Record<string, unknown>,
  workspace: FakeWorkspace,
  projectId: string | null,
  state: FakeClockifyState,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of state.customFields.filter((item) => item.workspaceId === workspace.id && (item.entityType ?? 'TIMEENTRY') === 'TIMEENTRY')) {
    const value = field.id in sent ? sent[field.id] : defaultOn(field, projectId);
    if (!empty(value)) values[field.id] = value;
  }
  return values;
}

/** The 400 of a finished entry (or a timer that stops) without a required field of its project. */
export function refuseMissingRequired(
  values: Record<string, unknown>,
  workspace: FakeWorkspace,
  projectId: string | null,
  state: FakeClockifyState,
  refuse: FieldRouteKit['refuse'],
  verb: 'created' | 'updated' | 'stopped',
  admin: boolean,
): void {
  const missing = state.customFields.filter(
    (field) =>
      field.workspaceId === workspace.id &&
      // GUESS: a field only admins edit is not held against a member, who could not set it.
      (admin || !field.onlyAdminCanEdit) &&
      (field.entityType ?? 'TIMEENTRY') === 'TIMEENTRY' &&
      field.required &&
      statusOn(field, projectId) === 'VISIBLE' &&
      empty(values[field.id]),
  );
  if (missing.length > 0)
    throw refuse(400, `Time entry couldn't be ${verb}. Required custom field is missing: ${missing.map((field) => field.name).join(', ')}.`, 501);
}

/** An entry's values as Clockify reads them back (CustomFieldValueDtoV1), every time-entry field of the workspace. */
export function valuesJson(entry: FakeEntry, state: FakeClockifyState): unknown[] {
  return state.customFields
    .filter((field) => field.workspaceId === entry.workspaceId && (field.entityType ?? 'TIMEENTRY') === 'TIMEENTRY' && field.status !== 'INACTIVE')
    .map((field) => ({
      customFieldId: field.id,
      timeEntryId: entry.id,
      name: field.name,
      type: field.type,
      value: entry.customFieldValues?.[field.id] ?? null,
    }));
}
