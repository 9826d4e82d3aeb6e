// The audit log of the team server: one record per call of a tool that may write, with who (by name
// and e-mail), which client, which tool, what changed and when. What changed is the call's arguments
// and the record it touched, with free text (notes, descriptions, reasons, comments) reduced to its
// length (an entry's custom fields too): an administrator sees that a note was set, not what a person
// wrote in it. An administrator's change (the admin group's tools) keeps its whole answer, which holds
// the values before and after (a rate, a team's members, the entries a correction moved). No secret is ever among the arguments of a
// tool. Each record has an id of its own from the moment it is made, so one written twice (sent again
// after an outage, replayed from a spool a killed process left) is kept once.
import { randomUUID } from 'node:crypto';
import type { FinishedCall } from '../../mcp-server/for-the-team-server.ts';
import type { AuditRecord } from '../store/store.ts';
import type { Caller } from './person-engines.ts';

/** Arguments that carry a person's own words. */
const FREE_TEXT = new Set(['note', 'description', 'reason', 'comment', 'notes']);
/**
 * Arguments whose every text is a person's own words: a tracker's custom fields of an entry (a ticket
 * number, but as well a "billing reason" a company makes its people write), told by name and length.
 */
const FREE_TEXT_BY_NAME = new Set(['fields']);
/** Keys of a result that say which record was touched. */
const RECORD_KEYS = new Set([
  'id',
  'entry_id',
  'request_id',
  'project',
  'activity',
  'start',
  'end',
  'status',
  'days',
  'kind',
  'from',
  'to',
  'email',
  'role',
  'active',
]);
/** A value kept longer than this is cut: nothing an administrator reads needs more. */
const MAX_VALUE_LENGTH = 200;

/**
 * The record of a finished write. `via` says it was made through the tracker's organisation credential
 * (the person stays its actor: the credential acted for them alone).
 */
export function auditRecord(caller: Caller, call: FinishedCall, at: number, via?: 'organisation'): AuditRecord {
  const person = caller.person.email ? `${caller.person.name} <${caller.person.email}>` : caller.person.name;
  return {
    id: randomUUID(),
    at,
    personId: caller.person.id,
    person,
    clientId: caller.clientId,
    clientName: caller.clientName,
    tool: call.tool,
    outcome: call.outcome,
    change: { arguments: withoutFreeText(call.args), ...(call.data ? { record: call.administers ? withoutFreeText(call.data) : touched(call.data) } : {}) },
    ...(via ? { via } : {}),
  };
}

/**
 * How deep a kept value may nest. An administrator's answer nests five deep at its leaves (the record,
 * before and after, the team, its members, a member's name), and a bound of four cut every member's
 * name to "(nested)"; nothing Punchcard answers nests past eight.
 */
const MAX_DEPTH = 8;

function withoutFreeText(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '(nested)';
  if (typeof value === 'string') return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => withoutFreeText(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      FREE_TEXT.has(key) && typeof item === 'string'
        ? lengthOnly(item)
        : FREE_TEXT_BY_NAME.has(key) && isPlainObject(item)
          ? Object.fromEntries(
              Object.entries(item)
                .slice(0, 50)
                .map(([name, text]) => [name, typeof text === 'string' ? lengthOnly(text) : withoutFreeText(text, depth + 2)]),
            )
          : withoutFreeText(item, depth + 1),
    ]),
  );
}

function lengthOnly(text: string): string {
  const length = [...text].length;
  return `(${length} ${length === 1 ? 'character' : 'characters'})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The identifying fields of the record a call returned (its entry, its request), free text left out. */
function touched(data: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const inner = touched(value as Record<string, unknown>);
      if (Object.keys(inner).length > 0) record[key] = inner;
    } else if (Array.isArray(value) && value.length <= 5 && value.length > 0 && value.every(isRecord)) {
      // A few records a write answers with (the person manage_people changed): each by what identifies it.
      const inner = value.map((item) => touched(item));
      if (inner.some((item) => Object.keys(item).length > 0)) record[key] = inner;
    } else if (RECORD_KEYS.has(key)) record[key] = withoutFreeText(value);
  }
  return record;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
