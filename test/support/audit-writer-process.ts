// A process keeping audit records as an instance does (team-server/team/audit-writer.ts) while its
// store is away, for tests that kill it outright or limit the size of the files it may write:
//   node test/support/audit-writer-process.ts SPOOL_FOLDER COUNT [PADDING]
// appends COUNT records (each with PADDING characters in its change, to fill a disk sooner), one
// after another as calls would, and writes on stdout, one JSON line each: every record once its
// append resolved ({ kept }), every sentence the writer said ({ said }), then what waits and where
// ({ waiting }). Then it waits for its end: a test kills it.
import { randomUUID } from 'node:crypto';
import type { AuditRecord, Store } from '../../team-server/store/store.ts';
import { StoreUnavailable } from '../../team-server/store/store-errors.ts';
import { AuditWriter } from '../../team-server/team/audit-writer.ts';

const [folder, countText, paddingText] = process.argv.slice(2);
if (!folder || !countText) throw new Error('Usage: audit-writer-process.ts SPOOL_FOLDER COUNT [PADDING]');
const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

// The store as it is while PostgreSQL is down: every write refused as the PostgreSQL store refuses it.
const refused = () => Promise.reject(new StoreUnavailable('The PostgreSQL store does not answer (connect ECONNREFUSED 127.0.0.1:5432).'));
const away = { appendAudit: refused, appendAudits: refused } as unknown as Store;
const writer = new AuditWriter(away, (said) => out({ said }), { spoolFolder: folder });
writer.start();
for (let index = 0; index < Number(countText); index++) {
  const record: AuditRecord = {
    id: randomUUID(),
    at: Date.parse('2026-11-18T08:00:00Z') + index,
    personId: 'p1',
    person: 'Ada Lovelace <ada@example.com>',
    clientId: 'client-1',
    clientName: 'Claude',
    tool: 'log_time',
    outcome: 'done',
    change: { arguments: { index, padding: 'x'.repeat(Number(paddingText ?? 0)) } },
  };
  await writer.append(record);
  out({ kept: record });
}
out({ waiting: writer.waiting });
setInterval(() => {}, 60_000);
