// Child process of saves-meanwhile.test.ts: another program that saves its config file the way
// Claude Desktop does, writing a temporary file beside it and renaming that over it. Told on stdin
// when to save, it answers on stdout. Node runs this file directly (type stripping), outside Vitest.
//
//   node other-program-save.script.ts when-backup-appears <config file>
//     "arm <round>"  → "armed <round>"; then, as soon as Punchcard's backup of the file appears in
//                      the folder (fs.watch, which is inotify on Linux), it saves, and says "saved <round>"
//   node other-program-save.script.ts now <config file>
//     "save <round>" → saves at once, and says "saved <round>"
//
// What it saves is otherSave(round) of other-program-save.ts: its own settings, with the round in
// them, and none of Punchcard's entry (a program saving what it holds in memory).
import { existsSync, renameSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { otherSave } from './other-program-save.ts';

const [mode, file] = process.argv.slice(2) as [string, string];
const folder = dirname(file);
const backupName = `${basename(file)}.punchcard-backup`;

function save(round: number): void {
  const temporary = join(folder, `.${basename(file)}.other-program-${round}.tmp`);
  writeFileSync(temporary, otherSave(round));
  renameSync(temporary, file);
  process.stdout.write(`saved ${round}\n`);
}

let armed: number | null = null;
if (mode === 'when-backup-appears') {
  watch(folder, (_event, name) => {
    if (armed === null || name !== backupName || !existsSync(join(folder, backupName))) return;
    const round = armed;
    armed = null;
    save(round);
  });
}
createInterface({ input: process.stdin }).on('line', (line) => {
  const [word, round] = line.split(' ') as [string, string];
  if (word === 'arm') {
    armed = Number(round);
    process.stdout.write(`armed ${round}\n`);
  } else if (word === 'save') save(Number(round));
});
process.stdout.write('ready\n');
