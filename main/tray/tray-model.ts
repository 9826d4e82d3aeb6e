// What the tray shows, as plain data (docs/electron.md, "Tray per platform"): the menu, the
// tooltip, the macOS title and which icon. Pure: the same status, clock, platform and client list
// always give the same tray, so the adapter (tray.ts) can compare two models and touch Electron
// only when something changed.
//
// Linux AppIndicator hosts may ignore clicks and hide tooltips, so everything a person can do or
// needs to know is in the menu itself; the title (macOS) and tooltip (Windows) repeat the timer.
import type { Screen } from '../../window-contract/channels.ts';
import type { ClientCard } from '../../window-contract/registration.ts';
import type { BreakView, EntryView, IdleAnswer, IdleQuestion, StatusView } from '../../window-contract/status.ts';
import { addDays, formatLocalTime, localDate, parseOffsetDateTime, startOfLocalDay, systemTimeZone } from '../../mcp-server/for-the-app.ts';
import { durationText, type DurationStyle } from '../../mcp-server/contract/durations.ts';
import { runningBreak, workedMs } from '../../mcp-server/contract/worked-time.ts';
import type { UpdateView } from '../../window-contract/updates.ts';
import type { ClockInRest } from '../notifications/working-time-ahead.ts';
import { clockInInsideRestLabel } from '../notifications/working-time-words.ts';

/**
 * `tracker` names the connection an action is for, with two or more connections (issue 86): a running
 * timer's own, or the connection a piece of recent work came from. Absent with one connection.
 */
export type TrayAction =
  | { kind: 'clockIn'; project?: string; activity?: string; tracker?: string }
  | { kind: 'clockOut'; tracker?: string }
  | { kind: 'startBreak'; type?: string; tracker?: string }
  | { kind: 'endBreak'; tracker?: string }
  | { kind: 'open'; screen: Screen }
  | { kind: 'registerClient'; id: string }
  | { kind: 'answerIdle'; id: number; answer: IdleAnswer }
  | { kind: 'checkUpdates' }
  | { kind: 'installUpdate' }
  | { kind: 'quit' };

export type MenuItemSpec =
  | { type: 'separator' }
  /** `accelerator` only shows the global shortcut beside the item; the shortcut itself is registered apart. */
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction; accelerator?: string }
  | { type: 'submenu'; label: string; enabled: boolean; submenu: MenuItemSpec[] };

export type TrayIconKind = 'idle' | 'running';

export interface TrayInput {
  /** The engine's answer; null while it has not answered (or cannot: see engineError). */
  status: StatusView | null;
  /** Epoch ms. */
  now: number;
  platform: NodeJS.Platform;
  /** The AI clients Punchcard knows; null when not listed yet. */
  clients: ClientCard[] | null;
  /** Why the engine did not answer, or why the last tray action failed. */
  engineError?: string;
  /** IANA zone the times are shown in; the system's when absent. */
  timeZone?: string;
  /** The back end's break types, the default first; a choice is offered when there are several. */
  breakTypes?: readonly string[];
  /** The question about time away while the timer ran, until it is answered. */
  idle?: IdleQuestion | null;
  /** The global shortcut that clocks in and out, shown beside the item it does. */
  shortcut?: string;
  /** How durations are written, as the window writes them (Preferences): "1 h 23 min" or "1.38 h". */
  durations?: DurationStyle;
  /** The app's updates (main/updates/update-model.ts); absent until the updater has said anything. */
  updates?: UpdateView | null;
  /**
   * While clocking in would start work inside the rest the working-time rules ask for (and the tray's warnings
   * are on): the Clock in item says until when. Clocking in still works.
   */
  clockInRest?: ClockInRest | null;
}

export interface TrayModel {
  menu: MenuItemSpec[];
  tooltip: string;
  /** macOS menu-bar text next to the icon: the running time ("1h 23m"), '' when idle or elsewhere. */
  title: string;
  icon: TrayIconKind;
}

/** The line that marks a timer kept in the engine's outbox, not yet at the tracker. */
export const WAITING = 'Waiting to be sent (tracker out of reach)';

/** Windows cuts tooltips longer than this (NOTIFYICONDATA's szTip holds 128 characters). */
export const TOOLTIP_MAX = 127;
/** How many recent projects the Clock in submenu offers, and recent pairs the Switch to submenu. */
export const RECENT_PROJECTS_MAX = 8;
const LABEL_MAX = 60;
/** A break type's name in the status line and the tooltip. */
const BREAK_TYPE_MAX = 30;
const ERROR_MAX = 90;
const UPDATE_WORDS_MAX = 160;
const MINUTE = 60_000;
const DAY = 86_400_000;

export function trayModel(input: TrayInput): TrayModel {
  const zone = input.timeZone || systemTimeZone();
  const { status, now } = input;
  const running = status?.running ?? null;
  const style = input.durations ?? 'units';
  const timers = status && several(status) ? severalTimerItems(status, input) : status ? timerItems(status, input) : [];
  return {
    menu: [
      ...statusLines(input, zone),
      ...idleItems(input.idle ?? null, zone, style),
      ...(status ? [...timers, disabled(`Today: ${lengthText(todayMs(status, now, zone), style)}`)] : [disabled('Clock in')]),
      { type: 'separator' },
      item('Open Punchcard', { kind: 'open', screen: 'status' }),
      clientsMenu(input.clients),
      ...updateItems(input.updates ?? null),
      { type: 'separator' },
      item('Quit Punchcard', { kind: 'quit' }),
    ],
    tooltip: tooltip(input, zone),
    title: input.platform === 'darwin' && status && running ? lengthText(elapsedMs(status, now), style, true) : '',
    icon: running ? 'running' : 'idle',
  };
}

/**
 * Milliseconds until something the tray shows changes while a timer runs (the elapsed minute, the
 * day at midnight), at most a minute; null when idle, so an idle tray has no timer at all.
 */
export function nextRefreshDelay(status: StatusView | null, now: number, timeZone?: string): number | null {
  if (!status?.running) return null;
  const zone = timeZone || systemTimeZone();
  const candidates = [MINUTE];
  // The worked time (status lines, title, tooltip, today's total) ticks on each timer's own minute,
  // which is its start's less any breaks; during a break it stands still.
  for (const timer of timersOf(status)) {
    const start = entryStartMs(timer, status.asOf);
    if (now < start) candidates.push(start - now);
    else if (!runningBreak(timer)) candidates.push(MINUTE - (workedMs(timer, now) % MINUTE));
  }
  // At midnight today's total restarts and "since 09:02" becomes "since yesterday 09:02".
  candidates.push(nextMidnight(now, zone) - now);
  // Once midnight has passed since the engine answered, today's total ticks on the wall clock.
  if (localDate(now, zone) !== localDate(status.asOf, zone)) candidates.push(MINUTE - (now % MINUTE));
  return Math.max(1, Math.min(...candidates));
}

// ---------------------------------------------------------------------------------------------
// Menu parts

function statusLines(input: TrayInput, zone: string): MenuItemSpec[] {
  const { status, engineError } = input;
  if (!status) return [disabled(engineError ? `Timer unavailable: ${clip(engineError, ERROR_MAX)}` : 'Starting the timer…')];
  const lines: MenuItemSpec[] = [];
  // With several connections each running timer is a line of its own, named with its connection.
  const timers = several(status) ? timersOf(status) : [];
  if (timers.length > 0) {
    for (const timer of timers) {
      lines.push(disabled(timerLine(timer, status.asOf, input.now, zone, input.durations)));
      if (timer.waiting_to_send) lines.push(disabled(WAITING));
    }
  } else {
    lines.push(disabled(statusText(status, input.now, zone, input.durations)));
    // A timer the engine kept while the tracker was out of reach runs here and is sent when it answers.
    if (status.running?.waiting_to_send) lines.push(disabled(WAITING));
  }
  if (engineError) lines.push(disabled(`⚠ ${clip(engineError, ERROR_MAX)}`));
  return lines;
}

function timerItems(status: StatusView, input: TrayInput): MenuItemSpec[] {
  if (!status.running) return [clockInItem(status, input.shortcut, clockInLabel(input))];
  const clockOut = withShortcut(item('Clock out', { kind: 'clockOut' }), input.shortcut);
  const switchTo = switchItem(status);
  if (!status.breaksSupported) return [clockOut, ...switchTo];
  // During a break, ending it is what comes next; otherwise clocking out is.
  return runningBreak(status.running) ? [item('End break', { kind: 'endBreak' }), clockOut] : [clockOut, ...switchTo, breakItem(input.breakTypes ?? [])];
}

/** One Start break for the default type; a choice of types where the back end has several. `tracker`: whose shift (several connections). */
function breakItem(types: readonly string[], tracker?: string, of = ''): MenuItemSpec {
  if (types.length < 2) return item(`Start break${of}`, { kind: 'startBreak', ...onTracker(tracker) });
  return {
    type: 'submenu',
    label: `Start break${of}`,
    enabled: true,
    submenu: types.map((type) => item(clip(type, LABEL_MAX), { kind: 'startBreak', type, ...onTracker(tracker) })),
  };
}

/** "Switch to ▸ Website · Design": the recent work other than what runs, each starting at once. */
function switchItem(status: StatusView): MenuItemSpec[] {
  const running = status.running;
  const pairs = status.recentWork
    .filter((pair) => pair.project.trim() !== '' && !(pair.project === running?.project && pair.activity === running.activity))
    .slice(0, RECENT_PROJECTS_MAX);
  if (pairs.length === 0) return [];
  const submenu = pairs.map((pair) =>
    item(clip(workingOn(pair.project, pair.activity), LABEL_MAX), {
      kind: 'clockIn',
      project: pair.project,
      ...(pair.activity ? { activity: pair.activity } : {}),
    }),
  );
  return [{ type: 'submenu', label: 'Switch to', enabled: true, submenu }];
}

/** The question about time away, answerable from the menu (Linux panels may show nothing else). */
function idleItems(question: IdleQuestion | null, zone: string, style: DurationStyle): MenuItemSpec[] {
  if (!question) return [];
  const since = instantOf(question.since);
  const at = since === null ? question.since.slice(11, 16) : formatLocalTime(since, zone);
  const answer = (label: string, answer: IdleAnswer) => item(label, { kind: 'answerIdle', id: question.id, answer });
  // With several connections the question names the timers it is about, each by its connection.
  const names = [...new Set((question.timers ?? [question.entry]).flatMap((timer) => (timer.tracker ? [timer.tracker] : [])))];
  const whose = names.length > 0 ? ` (${clip(names.join(', '), LABEL_MAX)})` : '';
  return [
    {
      type: 'submenu',
      label: `Away ${lengthText(question.minutes * MINUTE, style)} since ${at}${whose}: keep that time?`,
      enabled: true,
      submenu: [
        answer('Keep it and keep working', 'keep'),
        answer('Keep it and clock out now', 'keep-stop'),
        answer(`Discard it: clock out at ${at}`, 'discard-stop'),
        answer(`Discard it and start again now`, 'discard-restart'),
      ],
    },
  ];
}

/**
 * What the global shortcut does: clock out while a timer runs, otherwise clock in on the most recent
 * work (as Kimai's restart does), or on nothing when there is none.
 */
export function shortcutAction(status: StatusView | null): TrayAction | null {
  if (!status) return null;
  // With several connections: the latest started timer's, and the most recent work in its own connection.
  if (status.running) return { kind: 'clockOut', ...onTracker(status.running.tracker) };
  const last = status.recentWork[0];
  return last ? workAction(last) : { kind: 'clockIn' };
}

/** Clocking in on a piece of recent work, in the connection it came from (several trackers). */
function workAction(work: StatusView['recentWork'][number]): TrayAction {
  return { kind: 'clockIn', project: work.project, ...(work.activity ? { activity: work.activity } : {}), ...onTracker(work.tracker) };
}

function onTracker(tracker: string | undefined): { tracker?: string } {
  return tracker === undefined ? {} : { tracker };
}

// ---------------------------------------------------------------------------------------------
// Several connections (issue 86): each running timer named with its connection and acted on apart.

/** Whether the status comes from two or more connections (only then does anything carry `tracker`). */
function several(status: StatusView): boolean {
  return status.trackers !== undefined;
}

/** Every running timer, oldest started first: with one connection, the running one. */
export function timersOf(status: StatusView): EntryView[] {
  return status.timers ?? (status.running ? [status.running] : []);
}

/**
 * The timer's items with several connections: Clock out (and breaks) per running timer, each named
 * with its connection where more than one runs; recent work of every connection, each labelled.
 */
function severalTimerItems(status: StatusView, input: TrayInput): MenuItemSpec[] {
  const timers = timersOf(status);
  const latest = status.running ?? timers.at(-1);
  if (!latest) return [severalClockIn(status, input.shortcut, clockInLabel(input))];
  const items: MenuItemSpec[] = [];
  for (const timer of timers) {
    const of = timers.length > 1 && timer.tracker ? ` of ${clip(timer.tracker, LABEL_MAX)}` : '';
    const clockOut = item(`Clock out${of}`, { kind: 'clockOut', ...onTracker(timer.tracker) });
    // The shortcut clocks out the latest started (shortcutAction): shown beside that one.
    const shown = timer === latest || (timer.id === latest.id && timer.tracker === latest.tracker) ? withShortcut(clockOut, input.shortcut) : clockOut;
    if (!status.breaksSupported) items.push(shown);
    else if (runningBreak(timer)) items.push(item(`End break${of}`, { kind: 'endBreak', ...onTracker(timer.tracker) }), shown);
    else items.push(shown, breakItem(input.breakTypes ?? [], timer.tracker, of));
  }
  return [...items, ...severalSwitchItem(status, timers)];
}

/** Recent work of every connection other than what runs, each labelled "acme: Website · Design". */
function severalSwitchItem(status: StatusView, timers: readonly EntryView[]): MenuItemSpec[] {
  const runs = (work: StatusView['recentWork'][number]) =>
    timers.some((timer) => timer.tracker === work.tracker && timer.project === work.project && timer.activity === work.activity);
  const pairs = status.recentWork.filter((work) => work.project.trim() !== '' && !runs(work)).slice(0, RECENT_PROJECTS_MAX);
  if (pairs.length === 0) return [];
  // One timer over all connections: a new one stops the running one. One per connection: only its own connection's stops.
  const label = status.timerMode === 'per_tracker' ? 'Also clock in' : 'Switch to';
  return [{ type: 'submenu', label, enabled: true, submenu: pairs.map((work) => item(clip(labelled(work), LABEL_MAX), workAction(work))) }];
}

/** Clock in with several connections: recent work of each, labelled, and "No project" in each connection. */
function severalClockIn(status: StatusView, shortcut: string | undefined, label: string): MenuItemSpec {
  const recent = status.recentWork.filter((work) => work.project.trim() !== '').slice(0, RECENT_PROJECTS_MAX);
  const connections = status.trackers ?? [];
  if (recent.length === 0 && connections.length === 0) return withShortcut(item(label, { kind: 'clockIn' }), shortcut);
  return {
    type: 'submenu',
    label: escapeLabel(label),
    enabled: true,
    submenu: [
      ...(recent.length > 0 ? [disabled('Recent work'), ...recent.map((work) => item(clip(labelled(work), LABEL_MAX), workAction(work))), separator()] : []),
      ...connections.map((one) => item(`${clip(one.name, LABEL_MAX)}: no project`, { kind: 'clockIn', tracker: one.name })),
    ],
  };
}

/** "acme: Website · Design": a piece of work with the connection it is in. */
function labelled(work: { project: string; activity: string | null; tracker?: string | undefined }): string {
  const what = workingOn(work.project, work.activity);
  return work.tracker ? `${work.tracker}: ${what}` : what;
}

function separator(): MenuItemSpec {
  return { type: 'separator' };
}

/**
 * "acme: Website · Design since 09:02 — 1 h 23 min", "beta: clocked in since 08:00 — 2 h", "acme: on a
 * break (Lunch) since 12:01 — shift on General since 08:00": one running timer of several connections.
 */
export function timerLine(timer: EntryView, asOf: number, now: number, zone: string, style: DurationStyle = 'units'): string {
  const name = timer.tracker ? `${clip(timer.tracker, LABEL_MAX)}: ` : '';
  const what = workingOn(timer.project, timer.activity);
  const start = entryStartMs(timer, asOf);
  const pause = runningBreak(timer);
  if (pause) return `${name}on ${breakText(pause, now, zone)} — ${what ? `shift on ${clip(what, LABEL_MAX)}` : 'shift'} since ${sinceText(start, now, zone)}`;
  return `${name}${what ? clip(what, LABEL_MAX) : 'clocked in'} since ${sinceText(start, now, zone)} — ${lengthText(workedMs(timer, now), style)}`;
}

function withShortcut(spec: MenuItemSpec, shortcut: string | undefined): MenuItemSpec {
  return shortcut && spec.type === 'normal' ? { ...spec, accelerator: shortcut } : spec;
}

/** "Clock in", or while clocking in would start work inside the rest, "Clock in — rest until 07:15 (section 5 ArbZG)". */
function clockInLabel(input: TrayInput): string {
  const rest = input.clockInRest;
  return rest ? clockInInsideRestLabel(rest.rules, rest.until, input.timeZone || systemTimeZone()) : 'Clock in';
}

function clockInItem(status: StatusView, shortcut: string | undefined, label: string): MenuItemSpec {
  const projects = recentProjects(status);
  if (projects.length === 0) return withShortcut(item(label, { kind: 'clockIn' }), shortcut);
  return {
    type: 'submenu',
    label: escapeLabel(label),
    enabled: true,
    submenu: [
      disabled('Recent projects'),
      ...projects.map((project) => item(clip(project, LABEL_MAX), { kind: 'clockIn', project })),
      { type: 'separator' },
      item('No project', { kind: 'clockIn' }),
    ],
  };
}

function clientsMenu(clients: ClientCard[] | null): MenuItemSpec {
  const all = item('All clients…', { kind: 'open', screen: 'connect' });
  const installed = (clients ?? []).filter((client) => client.installed);
  const entries: MenuItemSpec[] =
    clients === null
      ? [all]
      : installed.length === 0
        ? [disabled('No AI clients found on this computer'), { type: 'separator' }, all]
        : [...installed.map(clientItem), { type: 'separator' }, all];
  return { type: 'submenu', label: 'Connect AI clients', enabled: true, submenu: entries };
}

/**
 * A downloaded update is one click away at the top level; every other state is said in the label
 * of the Updates submenu ("Updates: up to date"), with the whole sentence and "Check now" inside.
 */
function updateItems(view: UpdateView | null): MenuItemSpec[] {
  if (!view) return [];
  if (view.canRestart && view.readyVersion) return [item(`Restart to update to ${clip(view.readyVersion, 40)}`, { kind: 'installUpdate' })];
  const submenu: MenuItemSpec[] = [disabled(clip(view.words, UPDATE_WORDS_MAX))];
  if (view.canCheck) submenu.push(item('Check for updates now', { kind: 'checkUpdates' }));
  return [{ type: 'submenu', label: escapeLabel(`Updates: ${clip(view.brief, LABEL_MAX)}`), enabled: true, submenu }];
}

const CLIENT_WORDS: Record<ClientCard['status'], string> = {
  registered: 'connected',
  missing: 'not connected',
  stale: 'needs repair',
  outdated: 'set up for another install',
  invalid: 'its settings file has an error',
  manual: 'set up by copy and paste',
};

function clientItem(client: ClientCard): MenuItemSpec {
  const oneClick = client.writable && (client.status === 'missing' || client.status === 'stale');
  const word = oneClick ? (client.status === 'missing' ? 'connect now' : 'repair now') : CLIENT_WORDS[client.status];
  const action: TrayAction = oneClick ? { kind: 'registerClient', id: client.id } : { kind: 'open', screen: 'connect' };
  return item(`${clip(client.name, LABEL_MAX)} — ${word}`, action);
}

function recentProjects(status: StatusView): string[] {
  const seen = new Set<string>();
  for (const project of status.recentProjects) {
    if (project.trim() !== '' && !seen.has(project)) seen.add(project);
    if (seen.size === RECENT_PROJECTS_MAX) break;
  }
  return [...seen];
}

// Electron reads '&' in a menu label as a keyboard mnemonic on every platform; '&&' is a literal one.
function escapeLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

function item(label: string, action: TrayAction): MenuItemSpec {
  return { type: 'normal', label: escapeLabel(label), enabled: true, action };
}

function disabled(label: string): MenuItemSpec {
  return { type: 'normal', label: escapeLabel(label), enabled: false };
}

// ---------------------------------------------------------------------------------------------
// Texts

/**
 * "Working on Website · Design since 09:02 — 1 h 23 min", "Not clocked in", "On a break (Lunch)
 * since 12:01 — shift on General since 08:00".
 */
export function statusText(status: StatusView, now: number, zone: string, style: DurationStyle = 'units'): string {
  const running = status.running;
  if (!running) return 'Not clocked in';
  const what = workingOn(running.project, running.activity);
  const pause = runningBreak(running);
  if (pause) {
    const shift = what ? `shift on ${clip(what, LABEL_MAX)}` : 'shift';
    return `On ${breakText(pause, now, zone)} — ${shift} since ${sinceText(startMs(status), now, zone)}`;
  }
  return `${what ? `Working on ${clip(what, LABEL_MAX)}` : 'Clocked in'} since ${sinceText(startMs(status), now, zone)} — ${lengthText(elapsedMs(status, now), style)}`;
}

/** "a break (Lunch) since 12:01", after "On" or "on". */
function breakText(pause: BreakView, now: number, zone: string): string {
  const type = clip(pause.type, BREAK_TYPE_MAX);
  const since = instantOf(pause.start);
  return `a break${type ? ` (${type})` : ''}${since === null ? '' : ` since ${sinceText(since, now, zone)}`}`;
}

function tooltip(input: TrayInput, zone: string): string {
  const { status, now } = input;
  const style = input.durations ?? 'units';
  const pause = runningBreak(status?.running ?? null);
  let text: string;
  const timers = status && several(status) ? timersOf(status) : [];
  if (!status) text = input.engineError ? 'Punchcard — timer unavailable' : 'Punchcard';
  else if (timers.length > 1) {
    // Several timers at once: each connection with its time, the times kept whole by the cut.
    const each = (timer: EntryView) => `${timer.tracker ?? ''} ${runningBreak(timer) ? 'on a break' : lengthText(workedMs(timer, now), style)}`.trim();
    text = `Punchcard — ${timers.map(each).join(', ')}`;
  } else if (pause) text = `Punchcard — on ${breakText(pause, now, zone)}`;
  else if (status.running) {
    const what = labelledWork(status.running);
    const elapsed = lengthText(elapsedMs(status, now), style);
    // The elapsed time must survive the cut, so the project name gives way first.
    const room = TOOLTIP_MAX - `Punchcard — ${elapsed} on `.length;
    text = what ? `Punchcard — ${elapsed} on ${clip(what, room)}` : `Punchcard — clocked in for ${elapsed}`;
  } else text = `Punchcard — not clocked in · today ${lengthText(todayMs(status, now, zone), style)}`;
  // Said first, so the cut to Windows' length never takes it away.
  if (status?.running?.waiting_to_send || timers.some((timer) => timer.waiting_to_send)) text = `${WAITING} · ${text}`;
  return clip(text, TOOLTIP_MAX);
}

/** What the running timer is on, with its connection where there are several ("acme: Website · Design"). */
function labelledWork(timer: EntryView): string {
  const what = workingOn(timer.project, timer.activity);
  return timer.tracker && what ? `${timer.tracker}: ${what}` : what;
}

function workingOn(project: string | null, activity: string | null): string {
  return [project, activity].filter((part): part is string => !!part && part.trim() !== '').join(' · ');
}

/** "09:02", "yesterday 22:10", "Mon 08:00", "2026-03-02 08:00". */
function sinceText(start: number, now: number, zone: string): string {
  const time = formatLocalTime(start, zone);
  const startDay = localDate(start, zone);
  const today = localDate(now, zone);
  if (startDay === today) return time;
  const days = Math.round((Date.parse(today) - Date.parse(startDay)) / DAY);
  if (days === 1) return `yesterday ${time}`;
  if (days > 1 && days < 7) return `${new Date(`${startDay}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })} ${time}`;
  return `${startDay} ${time}`;
}

/**
 * Whole minutes of `ms` (a running timer counts only the minutes it completed) in the person's
 * style: "1 h 23 min", "1.38 h"; compact for the macOS menu bar: "1h 23m", "1.38h".
 */
export function lengthText(ms: number, style: DurationStyle, compact = false): string {
  return durationText(Math.floor(Math.max(0, ms) / MINUTE), style, { compact });
}

/**
 * At most max UTF-16 units (what Windows counts in a tooltip), cut between characters, never
 * inside a surrogate pair, with an ellipsis when cut. Runs of white space become one space.
 */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let kept = '';
  for (const char of flat) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}

// ---------------------------------------------------------------------------------------------
// Time

/** Epoch ms of an engine time (ISO with its offset), or null when it is not one. */
function instantOf(iso: string): number | null {
  const parsed = parseOffsetDateTime(iso) ?? Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : null;
}

/** When the running entry started: its ISO start (offset included), else worked back from asOf. */
function startMs(status: StatusView): number {
  const running = status.running;
  if (!running) return status.asOf;
  return entryStartMs(running, status.asOf);
}

/** When a running entry started: its ISO start (offset included), else worked back from when the engine answered. */
function entryStartMs(entry: EntryView, asOf: number): number {
  return instantOf(entry.start) ?? asOf - entry.minutes * MINUTE;
}

/** What the running timer shows as elapsed: the time worked, breaks left out. */
function elapsedMs(status: StatusView, now: number): number {
  return status.running ? workedMs(status.running, now) : 0;
}

/**
 * Today's total as the tray shows it now: the engine's figure, plus the whole minutes the running
 * timer gained since the engine answered (so it ticks together with the elapsed time); after
 * midnight, only the running timer's part of the new day.
 */
function todayMs(status: StatusView, now: number, zone: string): number {
  const total = status.todayMinutes * MINUTE;
  // With several connections every running timer adds its own minutes.
  const timers = timersOf(status);
  if (timers.length === 0) return total;
  const day = localDate(now, zone);
  if (day !== localDate(status.asOf, zone)) return timers.reduce((sum, timer) => sum + workedMs(timer, now, startOfLocalDay(day, zone)), 0);
  const gained = timers.reduce(
    (sum, timer) => sum + Math.max(0, Math.floor(workedMs(timer, now) / MINUTE) - Math.floor(workedMs(timer, status.asOf) / MINUTE)),
    0,
  );
  return total + gained * MINUTE;
}

function nextMidnight(now: number, zone: string): number {
  return startOfLocalDay(addDays(localDate(now, zone), 1), zone);
}
