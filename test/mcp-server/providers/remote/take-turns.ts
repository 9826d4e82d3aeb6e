// A process of its own taking turns at the limits file's shared pace (limits-file.test.ts): as the
// app's engine, its connection test and an AI client's engine each are. Prints, as one JSON line,
// when each turn's request would have gone out (wall clock, ms).
import { LimitsFile, sharedPacer } from '../../../../mcp-server/providers/remote/limits-file.ts';

const [dataDir, turns, max, windowMs] = process.argv.slice(2);
const file = new LimitsFile(dataDir as string, (message) => process.stderr.write(`${message}\n`));
const pace = sharedPacer(file, 'calamari:https://acme.calamari.io/api:second', Number(max), Number(windowMs));
const wentOut = await Promise.all(
  Array.from({ length: Number(turns) }, async () => {
    const goesOut = await pace();
    // Read before the turn is marked sent, so it is never later than the time the file keeps.
    const at = Date.now();
    goesOut();
    return at;
  }),
);
file.close();
process.stdout.write(`${JSON.stringify(wentOut)}\n`);
