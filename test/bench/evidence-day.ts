// The day from evidence for `npm run bench`: suggest_entries over a month of a busy person (a calendar
// with daily and weekly series and single meetings, three repositories of their commits among a
// colleague's, the bookings of the weeks before), through the built server over stdio as an AI client
// calls it; and the largest calendar Punchcard reads (10 MB, 100,000 events), to show the engine's memory stays
// within its heap (docs/security.md). What the evidence and agents groups add to tools/list is measured with the other sizes (run.ts).
import './product-pace.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ENGINE_NODE_FLAGS } from '../../mcp-server/engine-flags.ts';
import { SERVER_BUNDLE } from '../support/engine.ts';
import { calendarText, type Meeting } from '../support/ics.ts';
import { cleanUp, makeTempDir, residentMemory, serverEnv } from '../support/raw-stdio.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

const WARMUP_CALLS = 2;
const TIMED_CALLS = 10;
const MONTH = { from: '2026-10-01', to: '2026-10-31' };
const REPOSITORIES = ['shop', 'importer', 'website'];
/** The person's commits per repository and working day, and a colleague's among them. */
const COMMITS_PER_DAY = 8;
const NOW = '2026-11-02T09:00:00+01:00';

export interface EvidenceBenchResults {
  month: { events: number; commits: number; drafts: number; unmapped: number };
  suggestMs: Summary;
  serverRssMb: number | null;
  bigCalendar: BigCalendarResults;
}

export interface BigCalendarResults {
  events: number;
  bytes: number;
  /** The call's answer: the drafts and the sentences under skipped, or what ended the engine. */
  drafts: number | null;
  skipped: string[];
  failure: string | null;
  callMs: number;
  /** The engine's resident memory at its peak (VmHWM), with the flags every launch carries. */
  serverPeakMb: number | null;
}

export async function evidenceDayBenchmarks(row: Row, progress: (text: string) => void): Promise<EvidenceBenchResults> {
  progress('suggest_entries: a month of a busy person');
  const dir = makeTempDir();
  const commits = makeRepositories(join(dir, 'src'));
  const events = writeCalendar(join(dir, 'work.ics'));
  const evidence = {
    emails: ['ada@example.com'],
    calendars: [{ name: 'Work', file: join(dir, 'work.ics') }],
    git: { folders: [join(dir, 'src')] },
    rules: [
      { source: 'git', match: 'shop', project: 'Web shop' },
      { match: 'standup', project: 'Internal' },
    ],
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, timezone: 'Europe/Berlin', evidence, tools: { groups: { agents: true } } }));

  const { client, pid, close } = await connect(dir);
  try {
    for (const name of ['Web shop', 'Internal', 'Importer']) await client.callTool({ name: 'create_catalog_item', arguments: { kind: 'project', name } });
    // The weeks before: bookings whose descriptions name the importer's ticket, which maps its commits.
    for (let day = 10; day < 30; day++) {
      const date = `2026-09-${String(day).padStart(2, '0')}`;
      await client.callTool({
        name: 'log_time',
        arguments: { start: `${date}T10:00:00+02:00`, end: `${date}T11:00:00+02:00`, project: 'Importer', description: 'IMPO-101 parser' },
      });
    }
    const samples: number[] = [];
    let last: Record<string, unknown> | undefined;
    for (let call = 0; call < WARMUP_CALLS + TIMED_CALLS; call++) {
      const started = performance.now();
      const result = (await client.callTool({ name: 'suggest_entries', arguments: MONTH })) as {
        isError?: boolean;
        structuredContent?: Record<string, unknown>;
      };
      const ms = performance.now() - started;
      if (result.isError) throw new Error(`suggest_entries failed: ${JSON.stringify(result)}`);
      if (call >= WARMUP_CALLS) samples.push(ms);
      last = result.structuredContent;
    }
    const drafts = (last?.drafts as unknown[]).length;
    const unmapped = (last?.unmapped as unknown[]).length;
    const suggestMs = summarize(samples);
    const memory = residentMemory(pid);
    row(
      `suggest_entries, a month: ${events} meetings, ${commits} commits in ${REPOSITORIES.length} repositories → ${drafts} drafts`,
      describeTiming(suggestMs, 'call'),
    );
    row('  server RSS after the calls', memory ? `${memory.rssMb.toFixed(1)} MB` : 'n/a');

    await close();
    // The big calendar's engine runs alone, so its peak is its own.
    return {
      month: { events, commits, drafts, unmapped },
      suggestMs: roundSummary(suggestMs),
      serverRssMb: memory ? Math.round(memory.rssMb * 10) / 10 : null,
      bigCalendar: await bigCalendarBenchmark(row, progress),
    };
  } finally {
    await close().catch(() => {});
  }
}

/** Events in the big calendar: under the 10 MB a calendar may hold, written as short as a real one can be. */
const BIG_CALENDAR_EVENTS = 100_000;

/**
 * suggest_entries over a month of a calendar of 100,000 single events (one every half hour from 2020 to
 * September 2025, 9.8 MB), through the built server launched with the engine's own Node flags, as an AI
 * client's entry launches it: the call's time and the engine's peak resident memory.
 */
export async function bigCalendarBenchmark(row: Row, progress: (text: string) => void): Promise<BigCalendarResults> {
  progress(`suggest_entries: a calendar of ${BIG_CALENDAR_EVENTS.toLocaleString('en-US')} events`);
  const dir = makeTempDir();
  const file = join(dir, 'big.ics');
  const bytes = writeBigCalendar(file, BIG_CALENDAR_EVENTS);
  const evidence = { emails: ['ada@example.com'], calendars: [{ name: 'Big', file }] };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, timezone: 'Europe/Berlin', evidence }));
  const { client, pid, close } = await connect(dir, ENGINE_NODE_FLAGS);
  let drafts: number | null = null;
  let skipped: string[] = [];
  let failure: string | null = null;
  // Read while the call runs too, so an engine that dies of it still has its peak measured.
  const seen = { peakMb: null as number | null };
  const look = () => {
    try {
      const memory = residentMemory(pid);
      if (memory && Number.isFinite(memory.peakMb)) seen.peakMb = Math.max(seen.peakMb ?? 0, memory.peakMb);
    } catch {
      // The process has ended.
    }
  };
  const watching = setInterval(look, 100);
  const started = performance.now();
  try {
    const result = (await client.callTool({ name: 'suggest_entries', arguments: { from: '2025-08-01', to: '2025-08-31' } }, { timeout: 120_000 })) as {
      isError?: boolean;
      content?: Array<{ text?: string }>;
      structuredContent?: { drafts?: unknown[]; skipped?: Array<{ problem: string }> };
    };
    look();
    if (result.isError) failure = result.content?.[0]?.text ?? 'an error without words';
    drafts = result.structuredContent?.drafts?.length ?? null;
    skipped = result.structuredContent?.skipped?.map((item) => item.problem) ?? [];
  } catch (error) {
    // An engine that runs out of heap ends, and the call with it.
    failure = (error as Error).message;
  } finally {
    clearInterval(watching);
    await close().catch(() => {});
  }
  const callMs = Math.round(performance.now() - started);
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  row(
    `suggest_entries, a month of a calendar of ${BIG_CALENDAR_EVENTS.toLocaleString('en-US')} events (${size})`,
    failure ? `failed after ${callMs} ms: ${failure}` : `${callMs} ms → ${drafts} drafts${skipped.length > 0 ? `; said: ${skipped.join(' ')}` : ''}`,
  );
  const peak = seen.peakMb;
  row("  server peak RSS (VmHWM), with the engine's Node flags", peak === null ? 'n/a' : `${peak.toFixed(1)} MB`);
  return { events: BIG_CALENDAR_EVENTS, bytes, drafts, skipped, failure, callMs, serverPeakMb: peak === null ? null : Math.round(peak * 10) / 10 };
}

/** A calendar of `count` single half-hour meetings in UTC, one every 30 minutes from 2020; returns its size in bytes. */
function writeBigCalendar(file: string, count: number): number {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Punchcard bench//EN'];
  const first = Date.parse('2020-01-01T08:00:00Z');
  const compact = (epochMs: number) => new Date(epochMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
  for (let index = 0; index < count; index++) {
    const start = first + index * 30 * 60_000;
    lines.push('BEGIN:VEVENT', `UID:${index}`, `DTSTART:${compact(start)}`, `DTEND:${compact(start + 25 * 60_000)}`, 'SUMMARY:M', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  const text = lines.join('\r\n');
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

async function connect(dir: string, nodeFlags: readonly string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...nodeFlags, SERVER_BUNDLE, '--user-data', dir],
    env: serverEnv(dir, { PUNCHCARD_NOW: NOW }),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'punchcard-bench', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('The server did not start.');
  return { client, pid, close: () => client.close() };
}

/** Working days of the month, as 'YYYY-MM-DD'. */
function workingDays(): string[] {
  const days: string[] = [];
  for (let day = 1; day <= 31; day++) {
    const date = `2026-10-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date);
  }
  return days;
}

/** Three repositories, each with the person's commits of every working day and a colleague's, written by `git fast-import`. Returns the person's count. */
function makeRepositories(folder: string): number {
  let mine = 0;
  for (const [index, name] of REPOSITORIES.entries()) {
    const repository = join(folder, name);
    mkdirSync(repository, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', `feature/${name.toUpperCase().slice(0, 4)}-${100 + index}-work`, repository]);
    const lines: string[] = [];
    let mark = 0;
    for (const date of workingDays()) {
      for (let commit = 0; commit < COMMITS_PER_DAY + 2; commit++) {
        const colleague = commit >= COMMITS_PER_DAY;
        const minutes = 8 * 60 + index * 150 + commit * 17;
        const when = Math.floor(Date.parse(`${date}T00:00:00+01:00`) / 1000) + minutes * 60;
        const who = colleague ? 'Bob <bob@example.com>' : 'Ada <ada@example.com>';
        const message = `${colleague ? 'Review' : 'Work'} on ${name} #${mark + 1}`;
        lines.push(`commit refs/heads/feature/${name.toUpperCase().slice(0, 4)}-${100 + index}-work`, `mark :${++mark}`);
        lines.push(`author ${who} ${when} +0100`, `committer ${who} ${when} +0100`, `data ${Buffer.byteLength(message)}`, message, '');
        if (!colleague) mine++;
      }
    }
    execFileSync('git', ['-C', repository, 'fast-import', '--quiet'], { input: `${lines.join('\n')}\n` });
  }
  return mine;
}

/** A daily standup series, two weekly series with one moved and one cancelled occurrence, and single meetings. Returns the meetings in the month. */
function writeCalendar(file: string): number {
  const meetings: Meeting[] = [
    { uid: 'standup', start: '20260901T093000', end: '20260901T094500', summary: 'Standup', extra: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'] },
    {
      uid: 'planning',
      start: '20260902T140000',
      end: '20260902T153000',
      summary: 'Sprint planning',
      extra: ['RRULE:FREQ=WEEKLY;BYDAY=WE', 'EXDATE;TZID=Europe/Berlin:20261014T140000'],
    },
    { uid: 'review', start: '20260904T110000', end: '20260904T120000', summary: 'Design review', extra: ['RRULE:FREQ=WEEKLY;BYDAY=FR'] },
    {
      uid: 'review',
      start: '20261010T110000',
      end: '20261010T120000',
      summary: 'Design review (moved)',
      extra: ['RECURRENCE-ID;TZID=Europe/Berlin:20261009T110000'],
    },
  ];
  let singles = 0;
  for (const [index, date] of workingDays().entries()) {
    for (const hour of [13, 16]) {
      const compact = date.replaceAll('-', '');
      meetings.push({
        uid: `single-${index}-${hour}`,
        start: `${compact}T${hour}0000`,
        end: `${compact}T${hour}3000`,
        summary: `Customer call ${index}-${hour}`,
      });
      singles++;
    }
  }
  writeFileSync(file, calendarText(meetings));
  const days = workingDays();
  const wednesdays = days.filter((date) => new Date(`${date}T12:00:00Z`).getUTCDay() === 3).length - 1;
  const fridays = days.filter((date) => new Date(`${date}T12:00:00Z`).getUTCDay() === 5).length;
  return days.length + wednesdays + fridays + singles;
}

// `node test/bench/evidence-day.ts big-calendar` runs the big calendar's row alone, against the built server (npm run build first).
if (import.meta.main && process.argv[2] === 'big-calendar') {
  const rows: string[] = [];
  await bigCalendarBenchmark(
    (benchmark, result) => rows.push(`${benchmark}: ${result}`),
    (text) => process.stderr.write(`[bench] ${text}\n`),
  );
  for (const line of rows) console.log(line);
  cleanUp();
}
