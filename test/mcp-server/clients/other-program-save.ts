// The other program of saves-meanwhile.test.ts, as both the test and its child process
// (other-program-save.script.ts) see it: what it saves, and the test's side of talking to it.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const SCRIPT = fileURLToPath(new URL('./other-program-save.script.ts', import.meta.url));

/** The other program's save in `round`: its own settings and servers, without Punchcard's entry. */
export function otherSave(round: number): string {
  return `${JSON.stringify({ savedByTheOtherProgram: { round }, mcpServers: { other: { command: 'other-server' } } }, null, 2)}\n`;
}

export interface OtherProgram {
  /** Sends a line and waits for the answer that starts with `answer`. */
  ask(line: string, answer: string): Promise<void>;
  /** Sends a line without waiting (from inside Punchcard's synchronous write). */
  tell(line: string): void;
  /** Waits for an answer that starts with `answer`. */
  heard(answer: string): Promise<void>;
  stop(): void;
}

export async function startOtherProgram(mode: 'when-backup-appears' | 'now', file: string): Promise<OtherProgram> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, mode, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | null = null;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    wake?.();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
    wake?.();
  });
  const heard = (answer: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const index = lines.findIndex((line) => line.startsWith(answer));
        if (index >= 0) {
          lines.splice(index, 1);
          wake = null;
          resolve();
        } else if (exited) reject(new Error(`the other program ended before saying "${answer}"`));
        else wake = check;
      };
      check();
    });
  const tell = (line: string) => {
    child.stdin?.write(`${line}\n`);
  };
  await heard('ready');
  return {
    ask: (line, answer) => {
      tell(line);
      return heard(answer);
    },
    tell,
    heard,
    stop: () => child.kill(),
  };
}
