// What every SQLite file several Punchcard processes share needs (the local timesheet, the remote back
// ends' id lists): whether this process may write it, and waiting out another's lock. node:sqlite is synchronous, so SQLite's own
// busy wait would freeze the whole event loop while another program holds a lock (tools/list and
// whoami waiting on a backup tool): SQLite never waits here (no busy timeout), a busy answer comes
// back at once, and the work is tried again on a timer while every other request keeps being answered.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import { BackEndError } from './time-tracker.ts';

/**
 * Runs `work`; while SQLite answers "busy" or "locked" (another process's lock, a journal-mode
 * switch or WAL recovery racing another opener, a stale read snapshot) it waits on a timer, with
 * growing pauses, and runs it again from the start. After `lockWaitMs` the caller gets the refusal
 * that the file is locked (`file_locked`); `what` names what the file is for ("the timesheet"), and
 * `locked`, where given, makes the error from the refusal's sentence instead (the team server's store
 * has its own kind). Any other error passes through at once.
 */
export async function whileBusy<T>(path: string, lockWaitMs: number, work: () => T, what = 'the file', locked?: (message: string) => Error): Promise<T> {
  const deadline = Date.now() + lockWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (isReadOnlyError(error)) throw readOnlyFile(path);
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) {
        const facts = { path, waited_ms: lockWaitMs, what };
        throw locked ? locked(modelText(refusalSentence({ code: 'file_locked', facts }))) : new BackEndError('file_locked', facts);
      }
      await delay(Math.min(2 ** attempt, 50) + Math.random() * 5);
    }
  }
}

function readOnlyFile(path: string): BackEndError {
  return new BackEndError('file_read_only', { path });
}

export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with any extended code in the upper bits.
  return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

export function isReadOnlyError(error: unknown): boolean {
  const { errcode, code } = error as { errcode?: unknown; code?: unknown };
  // SQLITE_READONLY (8) from SQLite; EROFS / EACCES from the file system.
  return (typeof errcode === 'number' && (errcode & 0xff) === 8) || code === 'EROFS' || code === 'EACCES';
}

/** Whether SQLite may write here: the file (when there is one) and its folder (for -wal and -shm). */
export function isWritable(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (exists(path)) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything is at `path` (a timesheet's -wal, say). */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
