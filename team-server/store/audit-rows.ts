// An audit record as both stores keep it (store.ts): its columns in order, the values a record gives
// them, and the record a row gives back. One place, so the two stores cannot keep it differently.
import type { AuditRecord } from './store.ts';

/** The audit table's columns an INSERT names, in the order auditValues gives them. */
export const AUDIT_COLUMNS = 'record_id, at, person_id, person, client_id, client_name, tool, outcome, change';
export const AUDIT_COLUMN_COUNT = 9;

/** A record's values for AUDIT_COLUMNS. */
export function auditValues(record: AuditRecord): (string | number | null)[] {
  return [
    record.id ?? null,
    record.at,
    record.personId,
    record.person,
    record.clientId,
    record.clientName,
    record.tool,
    record.outcome,
    JSON.stringify(record.change),
  ];
}

/** The record a row of the audit table holds (PostgreSQL gives BIGINT columns as strings). */
export function auditRecordOf(row: Record<string, unknown>): AuditRecord {
  return {
    ...(row.record_id === null || row.record_id === undefined ? {} : { id: row.record_id as string }),
    at: Number(row.at),
    personId: row.person_id as string,
    person: row.person as string,
    clientId: row.client_id as string,
    clientName: row.client_name as string,
    tool: row.tool as string,
    outcome: row.outcome as AuditRecord['outcome'],
    change: JSON.parse(row.change as string) as Record<string, unknown>,
  };
}
