// The records an answer hands out, by kind, read off its structured content: what the connection ids
// remember (connection-ids.ts), and which kind of record a tool's `id` names. Pure.
import type { ToolName } from '../../contract/tool-catalog.ts';

export type RecordKind = 'entry' | 'leave' | 'submission';

/** Where each kind sits in the answers (contract/tools/*.ts outputs): a row, or a list of rows. */
const KIND_OF_KEY: Readonly<Record<string, RecordKind>> = {
  entries: 'entry',
  entry: 'entry',
  running: 'entry',
  started: 'entry',
  stopped: 'entry',
  deleted: 'entry',
  shift: 'entry',
  booked: 'entry',
  timers: 'entry',
  requests: 'leave',
  request: 'leave',
  submissions: 'submission',
  submission: 'submission',
};

/** The kind of record a tool's `id` (or `ids`) names; the tools that name none are not here. */
export const ID_KIND: Partial<Record<ToolName, RecordKind>> = {
  update_time_entry: 'entry',
  delete_time_entry: 'entry',
  correct_time_entries: 'entry',
  cancel_leave_request: 'leave',
  decide_leave_request: 'leave',
  decide_timesheet: 'submission',
  withdraw_timesheet: 'submission',
};

/** Each record of the answer's top level (and its lists) with its kind and id. */
export function recordsIn(data: Record<string, unknown>): Array<{ kind: RecordKind; id: string }> {
  const found: Array<{ kind: RecordKind; id: string }> = [];
  for (const [key, value] of Object.entries(data)) {
    const kind = KIND_OF_KEY[key];
    if (!kind) continue;
    for (const row of Array.isArray(value) ? value : [value]) {
      const id = (row as { id?: unknown } | null)?.id;
      // A record kept offline has the outbox's negative number: it is the outbox's, not the tracker's.
      if ((typeof id === 'number' && id > 0) || (typeof id === 'string' && id !== '')) found.push({ kind, id: String(id) });
    }
  }
  return found;
}

/** The ids a call names, of the kind its tool's `id` is (empty where it names none). */
export function idsNamed(tool: ToolName, input: Record<string, unknown>): { kind: RecordKind; ids: string[] } | null {
  const kind = ID_KIND[tool];
  if (!kind) return null;
  const ids = [input.id, ...(Array.isArray(input.ids) ? input.ids : [])].filter((id) => typeof id === 'number' || (typeof id === 'string' && id !== ''));
  return ids.length === 0 ? null : { kind, ids: ids.map(String) };
}
