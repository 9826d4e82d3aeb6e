// Clockify's custom fields of time entries (docs/back-ends/clockify.md, "Custom fields"): the workspace's
// fields (one unpaged list: Clockify ignores page-size there and sends no Last-Page header; a single field
// cannot be read by id, that route answers 405) and a project's own settings of them (its status and
// default), each kept a minute. Which fields apply to an entry follows its project: a field visible in
// the workspace applies everywhere but on projects that switch it off; one invisible in the workspace
// only on projects that show it; an inactive one nowhere. Clockify checks required fields when an entry
// is created or replaced and when a timer stops, not when one starts.
import type { EntryFieldDefinition, EntryFieldScope, EntryFieldType } from '../../domain/entry-fields.ts';
import { BackEndPart } from '../remote-tracker.ts';
import { Expiring, ExpiringByKey } from '../remote/cache.ts';
import type { EntryFieldsPart } from '../time-tracker.ts';
import type { ClockifyContext } from './context.ts';
import { ClockifyError } from './errors.ts';
import type { ClockifyCustomField } from './wire.ts';

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

export class ClockifyEntryFields extends BackEndPart<ClockifyContext> implements EntryFieldsPart {
  readonly valueForm = 'typed';
  readonly timerStartsWithout = true;
  readonly #workspace = new Expiring<ClockifyCustomField[]>(FIELDS_REUSE_MS);
  readonly #projects = new ExpiringByKey<string, ClockifyCustomField[]>(FIELDS_REUSE_MS);

  /**
   * The workspace's fields of time entries. With a project's number, as that project has them (its own
   * settings read where the workspace has any field); without, each with the projects it applies to.
   */
  async definitions(projectId?: number | null): Promise<EntryFieldDefinition[]> {
    const { workspaceId } = await this.context.ids();
    const fields = (await this.#workspace.get(() => this.#workspaceFields(workspaceId))).filter(isEntryField);
    if (fields.length === 0) return [];
    if (projectId === undefined || projectId === null) return Promise.all(fields.map((field) => this.#scoped(field)));
    const project = await this.context.aliases.remote('project', projectId);
    if (project === undefined) return Promise.all(fields.map((field) => this.#scoped(field)));
    const own = await this.#projects.get(project, () => this.context.api.projectCustomFields(workspaceId, project));
    return fields.map((field) =>
      forProject(
        field,
        project,
        own.find((item) => item?.id === field.id),
      ),
    );
  }

  /**
   * The workspace's fields; a workspace whose plan has none may refuse the list (403, GUESS: not documented),
   * and then has none: no write is held over a read Clockify will not answer.
   */
  async #workspaceFields(workspaceId: string): Promise<ClockifyCustomField[]> {
    try {
      return await this.context.api.customFields(workspaceId);
    } catch (error) {
      if (error instanceof ClockifyError && error.status === 403) return [];
      throw error;
    }
  }

  /** After Clockify refused a write over its fields: read them afresh. */
  forget(): void {
    this.#workspace.invalidate();
    this.#projects.clear();
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
