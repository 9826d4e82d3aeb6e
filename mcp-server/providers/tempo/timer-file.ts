// Punchcard's own timer on Tempo Timesheets (docs/back-ends/tempo.md, "The timer"): Tempo's API has no timer, so
// clock_in keeps the issue, the start, the note and the work attributes here, in the data folder (the team server's
// store on its shelf), and sends nothing; clock_out books one worklog from it and clears it. It survives restarts and
// is shared by every process on the data folder (the app's engine and each AI client's), read afresh before every
// use. One timer per Jira login and site. A write that cannot be kept fails the call: a timer that is not kept is no
// timer. No zod and no HTTP here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../../private-files.ts';
import type { FactsPlace } from '../remote/facts-file.ts';
import { isObject } from '../remote/wire.ts';
import { BackEndError } from '../time-tracker.ts';

export const TEMPO_TIMERS_FILE = 'tempo-timers.json';

/** A work attribute's value as the timer keeps it: its key, its name, and the value a tool checked (a static list's choice by its name). */
export interface KeptAttribute {
  key: string;
  name: string;
  value: string | number | boolean | readonly string[] | null;
}

export interface TimerRecord {
  /** The timer's number while it runs (an entry's id): TIMER_NUMBER_BASE and the second it started, never a worklog's. */
  number: number;
  /** When it started (epoch ms). */
  start: number;
  issueId: number;
  issueKey: string;
  summary: string;
  /** The issue's Jira project, the catalog's customer. */
  project: { id: number; name: string } | null;
  description: string;
  /** An AI agent's own time (record_agent_time never runs a timer; kept for a resumed one). */
  agent?: string;
  attributes: KeptAttribute[];
  /**
   * When its worklog was last sent to Tempo (epoch ms), set before the request and cleared with the timer: a
   * clock-out that lost Tempo's answer finds that worklog before it books one again, never twice.
   */
  booking?: number;
}

/**
 * Timers' numbers start here: past 2^32, where Tempo's worklog numbers (32-bit in its API) never are, so the running
 * timer and a worklog are never one number. The second the timer started tells two timers apart.
 */
export const TIMER_NUMBER_BASE = 2 ** 32;

export function timerNumber(start: number): number {
  return TIMER_NUMBER_BASE + Math.floor(start / 1000);
}

export function isTimerNumber(id: number): boolean {
  return id >= TIMER_NUMBER_BASE;
}

/** The timers kept in the data folder (or on the team server's shelf), by login and site. */
export class TimerFile {
  readonly #place: FactsPlace;
  readonly #key: string;

  constructor(place: FactsPlace, key: string) {
    this.#place = place;
    this.#key = key;
  }

  /** The running timer as kept now (another process may have started or stopped it), or null. */
  async read(): Promise<TimerRecord | null> {
    if (typeof this.#place !== 'string') await this.#place.reload?.(TEMPO_TIMERS_FILE);
    return timerOf(this.#all()[this.#key]);
  }

  /** Keeps `timer` as the running one, or clears it (null); a file that cannot be written fails the call, in words. */
  write(timer: TimerRecord | null): void {
    const others = Object.fromEntries(Object.entries(this.#all()).filter(([key]) => key !== this.#key));
    const all = timer === null ? others : { ...others, [this.#key]: timer };
    const text = `${JSON.stringify(all, null, 2)}\n`;
    if (typeof this.#place !== 'string') return this.#place.write(TEMPO_TIMERS_FILE, text);
    try {
      writePrivateFileAtomically(join(this.#place, TEMPO_TIMERS_FILE), text);
    } catch (error) {
      throw new BackEndError('tempo_timer_not_kept', { file: join(this.#place, TEMPO_TIMERS_FILE), reason: (error as Error).message });
    }
  }

  /** Clears the timer numbered `number`, where it is still the one kept (another process may have started another since). */
  async clear(number: number): Promise<void> {
    const kept = await this.read();
    if (kept?.number === number) this.write(null);
  }

  #all(): Record<string, unknown> {
    try {
      const text = typeof this.#place === 'string' ? readFileSync(join(this.#place, TEMPO_TIMERS_FILE), 'utf8') : this.#place.read(TEMPO_TIMERS_FILE);
      if (text === undefined) return {};
      const parsed: unknown = JSON.parse(text);
      return isObject(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
}

/** A kept timer, each field checked for its type: one a newer or damaged file holds otherwise is no timer. */
export function timerOf(value: unknown): TimerRecord | null {
  if (!isObject(value)) return null;
  const { number, start, issueId, issueKey, summary, project, description, agent, attributes, booking } = value;
  if (!Number.isSafeInteger(number) || !Number.isSafeInteger(start) || !Number.isSafeInteger(issueId)) return null;
  if (typeof issueKey !== 'string' || typeof summary !== 'string' || typeof description !== 'string') return null;
  const kept: KeptAttribute[] = Array.isArray(attributes)
    ? attributes.flatMap((item) =>
        isObject(item) && typeof item.key === 'string' && typeof item.name === 'string' && keptValue(item.value)
          ? [{ key: item.key, name: item.name, value: item.value as KeptAttribute['value'] }]
          : [],
      )
    : [];
  const projectRef =
    isObject(project) && Number.isSafeInteger(project.id) && typeof project.name === 'string' ? { id: project.id as number, name: project.name } : null;
  return {
    number: number as number,
    start: start as number,
    issueId: issueId as number,
    issueKey,
    summary,
    project: projectRef,
    description,
    ...(typeof agent === 'string' && agent !== '' ? { agent } : {}),
    attributes: kept,
    ...(Number.isSafeInteger(booking) ? { booking: booking as number } : {}),
  };
}

function keptValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return true;
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
