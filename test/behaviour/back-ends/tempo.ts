// Tempo Timesheets' fake (test/mcp-server/providers/tempo/fake-tempo.ts: Tempo's API and a Jira site) holding the
// world: Ada on the Jira site Acme with her own Tempo and Jira API tokens, the Jira project Acme with the issues
// Website and Internal assigned to her and Legacy done (so archived), 8 hours Monday to Friday in her Tempo schedule;
// Bob's hour on Website. Tempo books every worklog on an issue, so there are no activities; its timer is Punchcard's
// own, kept in the data folder: what the back end keeps is the fake's worklogs and that timer (entries()), and a
// write is a request that changes Tempo or a change of that timer (mark()). Tempo keeps no leave: the calendar shows
// the schedule's holidays. Asked for, Acme's fields are work attributes (seedFields), site-wide as Tempo's are.
//
// Its optional reads (docs/back-ends/tempo.md, "Optional reads") are Tempo's: the schedule (whoami's week), the site's
// accounts (an account attribute's choices: the world where they are scripted has one, Client, that nothing requires)
// and the approvals a write's check reads. The teams are one too, but only the team tools meet them.
//
// The team's world: Lea leads a Tempo team of Ada and Bob and is the reviewer of their timesheets; approvals are the
// site's weekly periods. Tempo has no organisation account: each person connects their own tokens, so there is no
// organisation's world.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { ADA, addIssues, addWorklog, BOB, type FakeTempo, LEA, optionalAnswer, startFakeTempo, TOKENS } from '../../mcp-server/providers/tempo/fake-tempo.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  type BehaviourBackEnd,
  type EngineStart,
  FIELDS,
  hostileWorld,
  NOW,
  type PlantedEntry,
  remoteWorld,
  scriptOptional,
  startEngineOver,
  startTeamOver,
  type StoredEntry,
  type TeamSide,
  utc,
  type World,
  WORLD,
  type WorldOptions,
} from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set([
  'account',
  'timer',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'calendar',
  'approvals',
  'approvals_workflow',
]);
/** The suite's fakes count no requests a second: the pace is the back end's own tests' business. */
const UNPACED = { PUNCHCARD_TEMPO_PER_SECOND: '1000' };

/** Acme's issues and Bob's hour; the number of his worklog. */
function seed(fake: FakeTempo): number {
  const [website] = addIssues(fake, { key: 'ACME', name: WORLD.customer }, [
    { summary: WORLD.website, assignee: ADA },
    { summary: WORLD.internal, assignee: ADA },
    { summary: WORLD.archived, assignee: ADA, done: true },
  ]);
  const bobs = addWorklog(fake, {
    author: BOB,
    issueId: website?.id ?? 0,
    start: Date.parse(WORLD.colleagueEntry.start),
    end: Date.parse(WORLD.colleagueEntry.end),
  });
  return bobs.tempoWorklogId;
}

/** A worklog of Ada's on the project as given, its seconds however many (World.plantEntry): negative where it ends before it starts. */
function plant(fake: FakeTempo, entry: PlantedEntry): void {
  const issue = fake.state.issues.find((candidate) => candidate.summary === entry.project);
  if (!issue) throw new Error(`The world has no ${entry.project} to plant a worklog on.`);
  const worklog = addWorklog(fake, { author: ADA, issueId: issue.id, start: entry.start, end: entry.end, description: entry.description });
  worklog.timeSpentSeconds = Math.round((entry.end - entry.start) / 1000);
}

/** Tempo's optional reads as its fake's log shows them (docs/back-ends/tempo.md, "Optional reads"). */
const SCHEDULE = { method: 'GET', path: /^\/4\/user-schedule$/ };
const ACCOUNTS = { method: 'GET', path: /^\/4\/accounts$/ };
const APPROVAL = { method: 'GET', path: /^\/4\/timesheet-approvals\/user\/[^/]+$/ };

/** An account attribute nothing requires, so that the accounts are read where their read is scripted. */
function seedAccountAttribute(fake: FakeTempo): void {
  fake.state.accounts.push({ key: 'ACME', name: 'Acme', status: 'OPEN' });
  fake.state.attributes.push({ key: '_Client_', name: 'Client', type: 'ACCOUNT', required: false });
}

/**
 * Acme's fields as Tempo's work attributes, named as a person reads them: the Ticket a text Tempo requires (on every
 * issue: Tempo's required attributes are the site's), the Cost centre a static list whose stored values are not its
 * names.
 */
function seedFields(fake: FakeTempo): void {
  fake.state.attributes.push(
    { key: '_Ticket_', name: FIELDS.ticket, type: 'INPUT_FIELD', required: true },
    { key: '_CostCentre_', name: FIELDS.costCentre, type: 'STATIC_LIST', required: false, names: { cc10: FIELDS.choices[0], cc20: FIELDS.choices[1] } },
  );
}

/** The instant a worklog's wall-clock day and time are in Berlin (the world's zone, Ada's Jira zone). */
function instantOf(date: string, time: string): number {
  const probe = new Date(`${date}T${time}Z`);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: WORLD.zone, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((part) => part.type === 'timeZoneName')
    ?.value.replace('GMT', '');
  return Date.parse(`${date}T${time}${offset || '+00:00'}`);
}

/** Punchcard's timer on Tempo as the data folder keeps it: the running one, where there is one. */
function timerIn(userDataDir: string): { start: number; summary: string; description: string } | null {
  try {
    const all = JSON.parse(readFileSync(join(userDataDir, 'tempo-timers.json'), 'utf8')) as Record<
      string,
      { start: number; summary: string; description: string }
    >;
    return Object.values(all)[0] ?? null;
  } catch {
    return null;
  }
}

function timerText(userDataDir: string): string {
  try {
    return readFileSync(join(userDataDir, 'tempo-timers.json'), 'utf8');
  } catch {
    return '';
  }
}

/** Ada's worklogs as the fake keeps them, and her running timer as the data folder does, oldest first. */
function entriesOf(fake: FakeTempo, userDataDir: string): StoredEntry[] {
  const issue = (id: number) => fake.state.issues.find((candidate) => candidate.id === id)?.summary ?? null;
  const booked = fake.state.worklogs
    .filter((worklog) => worklog.authorAccountId === ADA)
    .map((worklog) => {
      const start = instantOf(worklog.startDate, worklog.startTime ?? '00:00:00');
      return { start: utc(start), end: utc(start + worklog.timeSpentSeconds * 1000), project: issue(worklog.issueId), description: worklog.description };
    });
  const timer = timerIn(userDataDir);
  const running = timer ? [{ start: utc(timer.start), end: null, project: timer.summary, description: timer.description }] : [];
  return [...booked, ...running].sort((a, b) => a.start.localeCompare(b.start));
}

/** The attributes each of Ada's worklogs carries, by the attributes' names and their values' names, oldest first. */
function fieldsOf(fake: FakeTempo): Array<Record<string, string>> {
  return fake.state.worklogs
    .filter((worklog) => worklog.authorAccountId === ADA)
    .map((worklog) => ({ at: instantOf(worklog.startDate, worklog.startTime ?? '00:00:00'), worklog }))
    .sort((a, b) => a.at - b.at)
    .map(({ worklog }) =>
      Object.fromEntries(
        worklog.attributes.map((item) => {
          const attribute = fake.state.attributes.find((candidate) => candidate.key === item.key);
          return [attribute?.name ?? item.key, attribute?.names?.[item.value] ?? item.value];
        }),
      ),
    );
}

/** Jira's search is sent as POST and changes nothing; every other request but a GET asks Tempo for a change. */
const isWrite = (request: { method: string; path: string }) => request.method !== 'GET' && request.path !== '/rest/api/3/search/jql';

/** The engine's settings and tokens for one of the world's people. */
function engineOf(fake: FakeTempo, person: 'ada' | 'lea', capabilities: ReadonlySet<Capability> | undefined, options: WorldOptions = {}): EngineStart {
  return {
    provider: { type: 'tempo', url: fake.siteUrl, email: `${person}@example.com`, tempoUrl: fake.tempoUrl },
    env: { PUNCHCARD_TEMPO_TOKEN: TOKENS[person].tempo, PUNCHCARD_JIRA_TOKEN: TOKENS[person].jira, ...UNPACED },
    ...(options.settings ? { settings: options.settings } : {}),
    ...(capabilities ? { capabilities } : {}),
  };
}

/** The World over the fake and an engine: the fake's writes and the timer's changes are what the back end was asked to change. */
function tempoWorld(fake: FakeTempo, world: World): World {
  const { userDataDir } = world.engine;
  return {
    ...world,
    entries: () => entriesOf(fake, userDataDir),
    mark() {
      const sent = world.mark();
      const timer = timerText(userDataDir);
      return { writes: () => [...sent.writes(), ...(timerText(userDataDir) === timer ? [] : ['timer in the data folder'])] };
    },
  };
}

async function startTempoWorld(options: WorldOptions = {}): Promise<World & { fake: FakeTempo }> {
  const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
  const colleagueEntryId = seed(fake);
  if (options.fields) seedFields(fake);
  if (options.optional) seedAccountAttribute(fake);
  // Every optional read is Tempo's (none is Jira's).
  const scripted = scriptOptional({ failNext: (match, failure) => fake.failNext('tempo', match, failure) }, options, {
    type: 'tempo',
    optionalAnswer,
    capabilities: CAPABILITIES,
  });
  if (options.hostile) hostileWorld(fake.state, options.hostile);
  const start = engineOf(fake, 'ada', scripted.capabilities, options);
  const engine = await startEngineOver(fake, { ...start, env: { ...start.env, ...scripted.env } });
  const world = tempoWorld(fake, remoteWorld({ fake, engine, isWrite, entries: () => [], colleagueEntryId, plant: (entry) => plant(fake, entry) }));
  return { ...world, ...(options.fields ? { entryFields: () => fieldsOf(fake) } : {}), fake };
}

// The team's world: Lea leads the Tempo team Acme of Ada and Bob and reviews their timesheets.
const team: TeamSide = {
  names: { person: 'Ada Lovelace', colleague: 'Bob Builder', lead: 'Lea Lead' },
  // Tempo keeps no leave: nobody's absence is shown.
  showsColleaguesLeave: false,
  capabilities: CAPABILITIES,
  leadCapabilities: new Set([...CAPABILITIES, 'team_hours']),
  async start(options = {}) {
    const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
    const colleagueEntryId = seed(fake);
    fake.state.teams.push({ id: 7, name: 'Acme', lead: LEA, members: [ADA, BOB] });
    fake.state.reviewers = { [ADA]: [LEA], [BOB]: [LEA] };
    if (options.hostile) hostileWorld(fake.state, options.hostile);
    const world = await startTeamOver(fake, {
      settings: options.settings,
      person: engineOf(fake, 'ada', team.capabilities),
      lead: engineOf(fake, 'lea', team.leadCapabilities),
      // The teams the person may see, to learn whether they lead one.
      asksWhomOneLeads: (request) => request.method === 'GET' && request.path === '/4/teams',
      isWrite,
      entries: () => [],
      colleagueEntryId,
      plant: (entry) => plant(fake, entry),
    });
    const ada = tempoWorld(fake, world);
    return { ...world, entries: ada.entries, mark: ada.mark };
  },
};

const tempo: BehaviourBackEnd = {
  name: 'Tempo Timesheets',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'none', listsArchived: true },
  namesColleagueEntries: true,
  agentLabel: 'description_prefix',
  fields: { ticket: FIELDS.ticket, costCentre: FIELDS.costCentre },
  // Tempo's words name the service that answered, Tempo or Jira, never "Tempo Timesheets"; every optional read is Tempo's.
  service: 'Tempo',
  // docs/back-ends/tempo.md, "Optional reads": what a token's scopes decide Tempo shows it.
  optionalReads: [
    { name: 'the schedule', request: SCHEDULE, met: 'calls' },
    { name: "the site's accounts", request: ACCOUNTS, met: 'calls' },
    { name: 'the approvals of your periods', request: APPROVAL, met: 'checks' },
  ],
  start: (options = {}) => startTempoWorld(options),
  team,
  // Tempo keeps a worklog's length as its seconds: the fake keeps them negative as given.
  storesEntriesEndingBeforeStart: true,
};

export default tempo;
