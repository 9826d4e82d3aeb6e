// The records as both stores keep them (store.ts): the values a record gives an INSERT, in its
// columns' order, and the record a row gives back. One place, so the two stores cannot read or write
// a record differently. A row is what either driver hands over: node:sqlite gives INTEGER columns as
// numbers, pg gives BIGINT columns as strings, so every number goes through Number() here.
import type { AuditRecord, CalendarProvider, OAuthRecord, PersonRecord, SignOutRecord } from './store.ts';

/** A row as node:sqlite's get/all and pg's query hand it over. */
export type Row = Record<string, unknown>;

/** An OAuth record before its first use: what an upsert writes. */
export type OAuthRow = Omit<OAuthRecord, 'consumedAt'>;

/** A number column that may be NULL. */
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
/** A text column that may be NULL. */
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : (value as string));

/** An upsert's values for (model, id, payload, expires_at, grant_id, uid, account_id). */
export function oauthValues(record: OAuthRow): (string | number | null)[] {
  return [record.model, record.id, record.payload, record.expiresAt, record.grantId, record.uid, record.accountId];
}

export function oauthRecord(row: Row): OAuthRecord {
  return {
    model: row.model as string,
    id: row.id as string,
    payload: row.payload as string,
    expiresAt: numberOrNull(row.expires_at),
    grantId: textOrNull(row.grant_id),
    uid: textOrNull(row.uid),
    accountId: textOrNull(row.account_id),
    consumedAt: numberOrNull(row.consumed_at),
  };
}

/** The sealed payload of an OAuth record, as a key rotation reseals it. */
export function sealedOAuthOf(row: Row): { model: string; id: string; payload: string } {
  return { model: row.model as string, id: row.id as string, payload: row.payload as string };
}

export function personRecord(row: Row): PersonRecord {
  return {
    id: row.id as string,
    identity: row.identity as string,
    name: row.name as string,
    email: textOrNull(row.email),
    credentials: textOrNull(row.credentials),
    trackerPin: textOrNull(row.tracker_pin),
    linkedAt: numberOrNull(row.linked_at),
    calendar:
      row.calendar_grant === null || row.calendar_grant === undefined
        ? null
        : { provider: row.calendar_provider as CalendarProvider, sealed: row.calendar_grant as string, since: Number(row.calendar_since) },
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
  };
}

export function signOutRecord(row: Row): SignOutRecord {
  return { seq: Number(row.seq), personId: row.person_id as string, at: Number(row.at) };
}

/** An instance of the server as it announced itself (team/instances). */
export function instanceRecord(row: Row): { id: string; address: string; seenAt: number; keyId: string | null } {
  return { id: row.id as string, address: row.address as string, seenAt: Number(row.seen_at), keyId: textOrNull(row.key_id) };
}

/** The audit table's columns an INSERT names, in the order auditValues gives them. */
export const AUDIT_COLUMNS = 'record_id, at, person_id, person, client_id, client_name, tool, outcome, change, via';
export const AUDIT_COLUMN_COUNT = 10;

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
    record.via ?? null,
  ];
}

export function auditRecordOf(row: Row): AuditRecord {
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
    ...(row.via === 'organisation' ? { via: 'organisation' as const } : {}),
  };
}
