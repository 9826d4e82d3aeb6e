// A process of its own on a data folder that turns read-only (journal.test.ts runs it as an ordinary
// account: root may write anywhere). Records a span and an AI call, makes the folder read-only, then
// records and reads through a new journal as a later process would. Prints, as one JSON line, what it
// logged and what it read.
import { chmodSync } from 'node:fs';
import { EvidenceJournal } from '../../../mcp-server/evidence/journal.ts';

const [dataDir, start] = process.argv.slice(2);
const at = Number(start);
const before = new EvidenceJournal(dataDir as string, { log: (message) => process.stderr.write(`${message}\n`) });
await before.recordActive(at, at + 60_000);
await before.recordAiCall('claude-code', at);
before.close();

chmodSync(dataDir as string, 0o500);
const logged: string[] = [];
const after = new EvidenceJournal(dataDir as string, { log: (message) => logged.push(message) });
await after.recordActive(at + 60_000, at + 120_000);
await after.recordAiCall('claude-code', at + 60_000);
const activity = await after.activityEvidence(at - 3_600_000, at + 3_600_000);
const ai = await after.aiEvidence(at - 3_600_000, at + 3_600_000);
after.close();
process.stdout.write(`${JSON.stringify({ logged, activity, ai })}\n`);
