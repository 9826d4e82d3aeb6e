// Several trackers at once (docs/several-trackers.md): the settings' `provider` is the default
// connection, `trackers` the others, each a back end's profile with a name. This module is the one
// place that turns settings into the list of connections, for the engine, the app and the window
// alike; it holds no zod, so the engine's opening and the window read it without the schema.
import { backEndOf, type BackEndProfile } from './back-ends.ts';

/** A connection's name: what the model passes as `tracker`, and what every labelled row says. */
export const CONNECTION_NAME_PATTERN = /^[a-z][a-z0-9-]{0,23}$/;
export const CONNECTION_NAME_MAX_LENGTH = 24;
/** At most this many connections in all, the default included: each is a back end a spanning read asks. */
export const MAX_CONNECTIONS = 8;

/** How timers run across connections: one at a time over all of them, or one in each. */
export const TIMER_MODES = ['one_overall', 'per_tracker'] as const;
export type TimerMode = (typeof TIMER_MODES)[number];

/** Target hours per weekday, as the settings' `workWeek` holds them (settings.ts checks them); 0 marks a day off. */
export interface WeekHours {
  mon: number;
  tue: number;
  wed: number;
  thu: number;
  fri: number;
  sat: number;
  sun: number;
}

/**
 * What a profile carries besides its back end's fields: the connection's name, and its own work week where it has
 * one (docs/several-trackers.md, "A week per connection"): its targets where its back end keeps none.
 */
interface ConnectionFields {
  workWeek?: WeekHours;
}

/** A profile with the name it is known by; `provider`'s name is optional (its type stands in). */
export type NamedProfile = BackEndProfile & ConnectionFields & { name?: string };
/** A profile of `trackers`: always named. */
export type TrackerProfile = BackEndProfile & ConnectionFields & { name: string };

/** One connection the engine serves. */
export interface Connection {
  name: string;
  /** The back end's profile, without its name and its week: what the back end is opened with and known by. */
  profile: BackEndProfile;
  /** It is the settings' `provider`: calls that name no connection and imply none go here. */
  isDefault: boolean;
  /** Its own work week, where its profile gives one; without it, the settings' week. */
  workWeek?: WeekHours;
}

/** What the settings say about connections (a part of Settings, so this module needs no schema). */
export interface ConnectionSettings {
  provider: NamedProfile;
  trackers?: readonly TrackerProfile[];
  timers?: TimerMode;
}

/** The default connection's name: its own, or its back end's type. */
export function defaultConnectionName(provider: NamedProfile): string {
  return provider.name ?? provider.type;
}

/** Every connection the settings name, the default first, then `trackers` in their order. */
export function connectionsOf(settings: ConnectionSettings): Connection[] {
  const { name: _name, ...provider } = settings.provider;
  const first = connectionOf(defaultConnectionName(settings.provider), provider, true);
  const others = (settings.trackers ?? []).map(({ name, ...rest }) => connectionOf(name, rest, false));
  return [first, ...others];
}

/** A connection of a profile: its week kept apart, so that the back end is opened with, and known by, its own fields alone. */
function connectionOf(name: string, given: BackEndProfile & ConnectionFields, isDefault: boolean): Connection {
  const { workWeek, ...profile } = given;
  return { name, profile: profile as BackEndProfile, isDefault, ...(workWeek === undefined ? {} : { workWeek }) };
}

/** A connection's profile as the settings hold it: its back end's fields, its name, and its own week where it has one. */
export function profileOfConnection(connection: Connection): TrackerProfile {
  return { ...connection.profile, name: connection.name, ...(connection.workWeek === undefined ? {} : { workWeek: connection.workWeek }) } as TrackerProfile;
}

/**
 * Whether a connection's targets are the settings' work week: it has no week of its own and its back end keeps no
 * targets (Clockodo, Calamari, Clockify and Harvest keep theirs). Connections that share the settings' week share it
 * between them, one target for their hours together, never the whole week each (domain/shared-week.ts).
 */
export function sharesSettingsWeek(connection: Pick<Connection, 'profile' | 'workWeek'>): boolean {
  return connection.workWeek === undefined && !backEndOf(connection.profile.type).app.keepsPlan;
}

/** "toggl and home", "a, b and c": connections that share a week, as a sentence (the engine's, the window's) names them. */
export function namesTogether(names: readonly string[]): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) as string}`;
}

/** The week a connection's targets come from where its back end keeps none: its own, or the settings'. */
export function weekOfConnection(settings: ConnectionSettings & { workWeek: WeekHours }, name: string): WeekHours {
  return connectionsOf(settings).find((connection) => connection.name === name)?.workWeek ?? settings.workWeek;
}

/** The one connection a profile given on the command line (`--provider`) means: today's single back end. */
export function onlyConnection(profile: NamedProfile): Connection[] {
  return connectionsOf({ provider: profile });
}

/** The timer mode the settings give (one overall where they give none). */
export function timerModeOf(settings: ConnectionSettings): TimerMode {
  return settings.timers ?? 'one_overall';
}

/**
 * A connection's environment variable for its own secret: `PUNCHCARD_TRACKER_<NAME>_TOKEN`, the name
 * upper-cased with `-` as `_`.
 */
export function trackerTokenVariable(name: string): string {
  return `PUNCHCARD_TRACKER_${name.toUpperCase().replaceAll('-', '_')}_TOKEN`;
}

/** What is wrong with a connection's name, or undefined when it is one. */
export function connectionNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'a name such as "acme": lower-case letters, digits and -, starting with a letter';
  if (name.length === 0 || name.length > CONNECTION_NAME_MAX_LENGTH) return `1 to ${CONNECTION_NAME_MAX_LENGTH} characters`;
  if (!CONNECTION_NAME_PATTERN.test(name)) return 'lower-case ASCII letters, digits and -, starting with a letter (such as "acme" or "side-gig")';
  return undefined;
}

/**
 * A name in the rule made from what a person calls a tracker or workspace ("Acme GmbH" → "acme-gmbh"),
 * different from every name in `taken`; the window prefills its form with it.
 */
export function suggestedConnectionName(from: string, taken: readonly string[]): string {
  const ascii = from
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  const base = (ascii === '' ? 'tracker' : ascii).slice(0, CONNECTION_NAME_MAX_LENGTH).replace(/-+$/, '');
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, CONNECTION_NAME_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
