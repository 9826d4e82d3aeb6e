// Clockify's custom fields of time entries (docs/back-ends/clockify.md, "Custom fields"): the workspace's
// fields (one unpaged list: Clockify ignores page-size there and sends no Last-Page header; a single field
// cannot be read by id, that route answers 405) and a project's own settings of them (its status and
// default), each kept a minute. Which fields apply to an entry follows its project: a field visible in
// the workspace applies everywhere but on projects that switch it off; one invisible in the workspace
// only on projects that show it; an inactive one nowhere. Clockify checks required fields when an entry
// is created or replaced and when a timer stops, not when one starts. Custom fields come with Clockify's
// paid plans: a workspace whose features lack them is never asked for the list, and the list is an optional
// read (providers/remote/optional-read.ts): refused as unavailable (402, 403, a 404 in JSON) it is no fields,
// said once in the log and asked again an hour later.
import type { EntryFieldDefinition, EntryFieldScope, EntryFieldType } from '../../../domain/entry-fields.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { Expiring, ExpiringByKey } from '../../remote/cache.ts';
import type { EntryFieldsPart } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import type { EntryFieldsEndpoints } from './endpoints.ts';
import type { ClockifyCustomField } from '../wire.ts';

/** How long the fields are known without asking again: an admin's new required field is held within a minute (and at once where Clockify refuses a write for it). */
const FIELDS_REUSE_MS = 60_000;

const TYPES: Readonly<Record<string, EntryFieldType>> = {
  TXT: 'text',
  LINK: 'text',
  NUMBER: 'number',
  CHECKBOX: 'checkbox',
  DROPDOWN_SINGLE: 'choice',
  DROPDOWN_MULTIPLE: 'choices',
};

export class ClockifyEntryFields extends CellPart<ClockifyContext, EntryFieldsEndpoints> implements EntryFieldsPart {
  readonly valueForm = 'typed';
  readonly timerStartsWithout = true;
  // On the tracker's clock, as the hour of an unavailable list is.
  readonly #workspace = new Expiring<ClockifyCustomField[]>(FIELDS_REUSE_MS, () => this.context.options.now());
  readonly #projects = new ExpiringByKey<string, ClockifyCustomField[]>(FIELDS_REUSE_MS);
  /** Clockify refused a write over its custom fields: the list is asked for whatever the plan says, for this process. */
  #planOverruled = false;
  /** Whether the log has said that the workspace's plan has no custom fields. */
  #toldPlan = false;

  /**
   * The workspace's fields of time entries. With a project's number, as that project has them (its own
   * settings read where the workspace has any field); without, each with the projects it applies to.
   */
  async definitions(projectId?: number | null): Promise<EntryFieldDefinition[]> {
    const { workspaceId } = await this.context.ids();
    const fields = (await this.#fields(workspaceId)).filter(isEntryField);
    if (fields.length === 0) return [];
    if (projectId === undefined || projectId === null) return Promise.all(fields.map((field) => this.#scoped(field)));
    const project = await this.context.aliases.remote('project', projectId);
    if (project === undefined) return Promise.all(fields.map((field) => this.#scoped(field)));
    const own = await this.#projects.get(project, () => this.endpoints.projectCustomFields(workspaceId, project));
    return fields.map((field) =>
      forProject(
        field,
        project,
        own.find((item) => item?.id === field.id),
      ),
    );
  }

  /**
   * The workspace's fields: none, unasked, where its plan says it has no custom fields (the workspace as already
   * read: no request); else the list, kept a minute. The list is an optional read (context.ts): one Clockify refuses
   * as unavailable (a plan without custom fields: 402, 403, a 404 in JSON; GUESS: not documented which) has none,
   * so no write is held over a read Clockify will not answer, and is asked again an hour later. Any other failure
   * (the key, Clockify's trouble, no answer, a web page) is thrown.
   */
  async #fields(workspaceId: string): Promise<ClockifyCustomField[]> {
    const { customFields } = this.context.optional;
    if (customFields.notKnown) return [];
    if (!this.#planOverruled && (await this.context.workspace()).customFieldsInPlan === false) {
      // Said once (per tracker): a workspace without custom fields is no failure, but that none are read is worth a line of the log.
      if (!this.#toldPlan)
        this.context.options.log("Clockify's workspace has no custom fields in its plan: they are not read, and entries are written without them.");
      this.#toldPlan = true;
      return [];
    }
    return this.#workspace.get(() => customFields.read(() => this.endpoints.customFields(workspaceId), []));
  }

  /**
   * After Clockify refused a write over its fields: read them afresh, whatever the plan or an unavailable list
   * said (the refusal shows the workspace has custom fields now).
   */
  forget(): void {
    this.#workspace.invalidate();
    this.#projects.clear();
    this.context.optional.customFields.forget();
    this.#planOverruled = true;
  }

  async isAdmin(): Promise<boolean> {
    return (await this.context.teamRole()) === 'admin';
  }

  /** A field with the projects it applies to, by the workspace's status and each project's own (projectDefaultValues). */
  async #scoped(field: ClockifyCustomField): Promise<EntryFieldDefinition> {
    const overrides = (field.projectDefaultValues ?? []).filter((item) => typeof item?.projectId === 'string' && typeof item.status === 'string');
    const numbered = async (statuses: (status: string) => boolean) =>
      Promise.all(overrides.filter((item) => statuses(item.status as string)).map((item) => this.context.number('project', item.projectId as string)));
    const status = field.status ?? 'VISIBLE';
    let scope: EntryFieldScope = {};
    if (status === 'VISIBLE') {
      const off = await numbered((item) => item !== 'VISIBLE');
      if (off.length > 0) scope = { exceptProjects: off };
    } else {
      scope = { projects: await numbered((item) => item === 'VISIBLE') };
    }
    return definitionOf(field, status !== 'INACTIVE', scope, hasValue(field.workspaceDefaultValue));
  }
}

function isEntryField(field: ClockifyCustomField): boolean {
  return typeof field?.id === 'string' && typeof field.name === 'string' && (field.entityType ?? 'TIMEENTRY') === 'TIMEENTRY';
}

/** The field as one project has it: the project's own status and default where it set them (its own list, else the workspace's note of it). */
function forProject(field: ClockifyCustomField, project: string, own: ClockifyCustomField | undefined): EntryFieldDefinition {
  const override =
    own?.projectDefaultValues?.find((item) => item?.projectId === project) ??
    (own ? { status: own.status, value: own.workspaceDefaultValue } : undefined) ??
    field.projectDefaultValues?.find((item) => item?.projectId === project);
  const workspaceStatus = field.status ?? 'VISIBLE';
  const status = workspaceStatus === 'INACTIVE' ? 'INACTIVE' : (override?.status ?? workspaceStatus);
  const preset = hasValue(override?.value) || (override === undefined && hasValue(field.workspaceDefaultValue));
  return definitionOf(field, status === 'VISIBLE', {}, preset);
}

function definitionOf(field: ClockifyCustomField, active: boolean, scope: EntryFieldScope, preset: boolean): EntryFieldDefinition {
  const type = TYPES[field.type ?? ''] ?? 'text';
  const choices = (field.allowedValues ?? []).filter((value): value is string => typeof value === 'string').map((value) => ({ value, title: value }));
  return {
    id: field.id,
    name: field.name,
    type,
    required: field.required === true,
    ...(type === 'choice' || type === 'choices' ? { choices } : {}),
    ...(field.onlyAdminCanEdit === true ? { adminOnly: true } : {}),
    active,
    scope,
    ...(preset ? { preset: true } : {}),
  };
}

function hasValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}
