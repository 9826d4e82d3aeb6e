// How a settings file's JSON becomes Settings, for the engine and the app alike. Two kinds of fault
// are told apart:
// - What decides where data goes — the file's shape, its schema version, the back end — fails closed:
//   a verdict with a `problem`, and the engine then reads and writes nothing anywhere (a typo in
//   `provider.type` must not send the day's work to a local timesheet nobody looks at).
// - Anything else falls back on its own, field by field, each fallback named in a note. A tool
//   switch falls back towards less: an unreadable switch is off and an unreadable read-only mode is
//   on, so a mistake can hide a tool but never offer one the person had switched off.
// Missing keys are not faults: they take their defaults, so a file with only the keys someone cared
// about works. Free of Node, like the schema.
import * as z from 'zod/v4';
import { BACK_END_TYPES, DEFAULT_BACK_END, isBackEndType } from './back-ends.ts';
import { closestWord, issueExpectation } from './issue-words.ts';
import { defaultSettings } from './default-settings.ts';
import { SETTINGS_SCHEMA_VERSION } from './settings-version.ts';
import { HolidayRegionSchema, BackEndProfileSchema, SettingsSchema, type Settings } from './settings.ts';
import { isValidTimeZone } from './time-zone.ts';
import { connectionNameProblem, defaultConnectionName, MAX_CONNECTIONS, TIMER_MODES, type TimerMode, type TrackerProfile } from './connections.ts';
import { TOOL_GROUPS, TOOL_NAMES, type ToolGroup, type ToolName } from './tool-catalog.ts';

export type SettingsVerdict = { ok: true; settings: Settings; notes: string[] } | { ok: false; problem: string };

type Fields = Record<string, unknown>;

export function parseSettings(raw: unknown): SettingsVerdict {
  if (!isPlainObject(raw)) return { ok: false, problem: 'it does not hold a JSON object ({ … })' };
  if (Object.hasOwn(raw, 'schemaVersion') && raw.schemaVersion !== SETTINGS_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: `its schemaVersion is ${shown(raw.schemaVersion)}, and this Punchcard reads version ${SETTINGS_SCHEMA_VERSION} only (a newer Punchcard may have written it)`,
    };
  }
  const defaults = defaultSettings();
  let provider = defaults.provider;
  if (Object.hasOwn(raw, 'provider')) {
    const read = readProvider(raw.provider);
    if (typeof read === 'string') return { ok: false, problem: read };
    provider = read;
  }
  const trackers = Object.hasOwn(raw, 'trackers') ? readTrackers(raw.trackers, provider) : [];
  if (typeof trackers === 'string') return { ok: false, problem: trackers };

  const notes: string[] = [];
  const known = new Set(Object.keys(SettingsSchema.shape));
  for (const key of Object.keys(raw)) if (!known.has(key)) notes.push(`${key} is not a setting this Punchcard knows; it is ignored.`);
  // A week of its own sets a connection apart from the others; alone, the settings' week is the one the window edits.
  if (trackers.length === 0 && provider.workWeek !== undefined) {
    notes.push("provider.workWeek counts only beside other trackers; with one connection the settings' workWeek is its week.");
  }
  const fields = fieldReader(notes);
  const settings: Settings = {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    provider,
    // An empty list is the same as none, and a file with one connection reads as it always did.
    ...(trackers.length > 0 ? { trackers } : {}),
    ...readTimers(raw, notes),
    tools: readTools(raw, notes),
    timezone: fields.value(
      raw,
      'timezone',
      '',
      (value) => typeof value === 'string' && (value.trim() === '' || isValidTimeZone(value)),
      'the system zone',
      'is not a time zone (a name such as Europe/Berlin)',
    ),
    workWeek: fields.group(raw, 'workWeek', defaults.workWeek, SettingsSchema.shape.workWeek.shape),
    holidays: fields.schema(raw, 'holidays', defaults.holidays, HolidayRegionSchema.nullable(), 'no public holidays'),
    leave: fields.group(raw, 'leave', defaults.leave, SettingsSchema.shape.leave.shape),
    user: fields.group(raw, 'user', defaults.user, SettingsSchema.shape.user.shape),
    evidence: fields.group(raw, 'evidence', defaults.evidence, SettingsSchema.shape.evidence.shape),
    workingTime: readWorkingTime(raw, defaults.workingTime, fields),
    app: fields.group(raw, 'app', defaults.app, SettingsSchema.shape.app.shape),
  };
  return { ok: true, settings: { ...settings, timezone: settings.timezone.trim() }, notes };
}

/**
 * The working-time settings, each field falling back alone: rules that are not a set are off, and a
 * balance start that does not read is none (the first day of this year, from 0), each with a note.
 */
function readWorkingTime(raw: Fields, fallback: Settings['workingTime'], fields: ReturnType<typeof fieldReader>): Settings['workingTime'] {
  const { balance: balanceShape, ...shape } = SettingsSchema.shape.workingTime.shape;
  const { balance: _none, ...plain } = fallback;
  // The balance is read apart below, so that one that does not read is none, not the group's default.
  const read = fields.group<typeof plain & { balance?: unknown }>(raw, 'workingTime', plain, { ...shape, balance: z.unknown() });
  const { balance: given, ...rest } = read;
  if (given === undefined) return rest;
  const balance = fields.schema({ balance: given }, 'balance', undefined, balanceShape, 'the first day of this year, from 0,', 'workingTime.balance');
  return balance === undefined ? rest : { ...rest, balance };
}

/** The back end, or why it cannot be used: a sentence that names the field and what it should be. */
function readProvider(value: unknown, key = 'provider'): Settings['provider'] | string {
  if (!isPlainObject(value)) return `${key} is ${shown(value)}, not a back end ({ "type": "${DEFAULT_BACK_END.type}" } or another)`;
  if (!isBackEndType(value.type)) {
    const closest = typeof value.type === 'string' ? closestWord(value.type, BACK_END_TYPES) : undefined;
    return `${key}.type is ${shown(value.type)}, which is not a back end this Punchcard knows (${BACK_END_TYPES.join(', ')}${closest ? `; did you mean "${closest}"?` : ''})`;
  }
  const result = BackEndProfileSchema.safeParse(value);
  if (result.success) return result.data;
  return `the ${String(value.type)} back end's settings are not usable: ${issuesOf(result.error, key, BackEndProfileSchema, value)}`;
}

/**
 * The connections besides the default, or why they cannot be used. Like `provider` they decide where data goes, so
 * any fault fails the whole file closed: a name that is not one, a name used twice, more than MAX_CONNECTIONS in
 * all, a profile that does not validate. The sentence names the key (`trackers[1].name`).
 */
function readTrackers(value: unknown, provider: Settings['provider']): TrackerProfile[] | string {
  if (!Array.isArray(value)) return `trackers is ${shown(value)}, not a list of trackers ([{ "name": "acme", "type": "kimai", … }])`;
  if (value.length + 1 > MAX_CONNECTIONS)
    return `trackers lists ${value.length} trackers; with provider that is more than ${MAX_CONNECTIONS} connections in all`;
  const taken = new Map<string, string>([[defaultConnectionName(provider), provider.name === undefined ? 'provider.type' : 'provider.name']]);
  const out: TrackerProfile[] = [];
  for (const [index, entry] of value.entries()) {
    const key = `trackers[${index}]`;
    if (!isPlainObject(entry)) return `${key} is ${shown(entry)}, not a tracker ({ "name": "acme", "type": "kimai", … })`;
    const nameProblem = connectionNameProblem(entry.name);
    if (nameProblem) return `${key}.name is ${shown(entry.name)}, not a tracker's name (${nameProblem})`;
    const name = entry.name as string;
    const earlier = taken.get(name);
    if (earlier) return `${key}.name is "${name}", which ${earlier} already names; each tracker needs a name of its own`;
    taken.set(name, `${key}.name`);
    const read = readProvider(entry, key);
    if (typeof read === 'string') return read;
    out.push({ ...read, name });
  }
  return out;
}

/** How timers run across connections; a value that is not one of the two is one overall, with a note. */
function readTimers(raw: Fields, notes: string[]): Pick<Settings, 'timers'> {
  if (!Object.hasOwn(raw, 'timers')) return {};
  if ((TIMER_MODES as readonly unknown[]).includes(raw.timers)) return { timers: raw.timers as TimerMode };
  notes.push(`timers is ${shown(raw.timers)}, not "one_overall" or "per_tracker"; one timer overall is used until it is fixed.`);
  return {};
}

/**
 * The tool switches. Unreadable as a whole means every tool is off for AI clients (the app's own
 * engine sees them all regardless); a switch that is not true or false is off; read-only mode that
 * is not true or false is on; names this Punchcard does not have are ignored.
 */
function readTools(raw: Fields, notes: string[]): Settings['tools'] {
  const given = raw.tools;
  const allOff = <Name extends string>(names: readonly Name[]) => Object.fromEntries(names.map((name) => [name, false])) as Record<Name, boolean>;
  if (!Object.hasOwn(raw, 'tools')) return defaultSettings().tools;
  if (!isPlainObject(given)) {
    notes.push(`tools is ${shown(given)}, not the tool switches; every tool is off for AI clients until it is fixed.`);
    return { readOnly: true, groups: allOff(TOOL_GROUPS), enabled: {} };
  }
  let readOnly = false;
  if (Object.hasOwn(given, 'readOnly')) {
    if (typeof given.readOnly === 'boolean') readOnly = given.readOnly;
    else {
      notes.push(`tools.readOnly is ${shown(given.readOnly)}, not true or false; read-only mode is on until it is fixed.`);
      readOnly = true;
    }
  }
  const switches = <Name extends string>(key: 'groups' | 'enabled', names: readonly Name[], what: string): Partial<Record<Name, boolean>> => {
    if (!Object.hasOwn(given, key)) return {};
    const value = given[key];
    if (!isPlainObject(value)) {
      notes.push(`tools.${key} is ${shown(value)}, not ${what} switches; every ${what} is off until it is fixed.`);
      return allOff(names);
    }
    const out: Partial<Record<Name, boolean>> = {};
    for (const [name, on] of Object.entries(value)) {
      if (!(names as readonly string[]).includes(name)) notes.push(`tools.${key}.${name} is not a ${what} this Punchcard has; it is ignored.`);
      else if (typeof on === 'boolean') out[name as Name] = on;
      else {
        notes.push(`tools.${key}.${name} is ${shown(on)}, not true or false; it is off until it is fixed.`);
        out[name as Name] = false;
      }
    }
    return out;
  };
  const groups = switches<ToolGroup>('groups', TOOL_GROUPS, 'tool group');
  const enabled = switches<ToolName>('enabled', TOOL_NAMES, 'tool');
  return { readOnly, groups, enabled };
}

/** Reads the other fields, one by one, noting each that falls back and to what. */
function fieldReader(notes: string[]) {
  /** A field checked by `valid`; `fallbackWords` say what is used instead, `problemWords` what is wrong. */
  const value = <T>(raw: Fields, key: string, fallback: T, valid: (value: unknown) => boolean, fallbackWords: string, problemWords: string): T => {
    if (!Object.hasOwn(raw, key)) return fallback;
    const given = raw[key];
    if (valid(given)) return given as T;
    notes.push(`${key} is ${shown(given)}, which ${problemWords}; ${fallbackWords} is used until it is fixed.`);
    return fallback;
  };

  const schema = <T>(raw: Fields, key: string, fallback: T, checker: z.ZodType<T>, fallbackWords: string, path = key): T => {
    if (!Object.hasOwn(raw, key)) return fallback;
    const result = checker.safeParse(raw[key]);
    if (result.success) return result.data;
    notes.push(`${issuesOf(result.error, path, checker, raw[key])} (it is ${shown(raw[key])}); ${fallbackWords} is used until it is fixed.`);
    return fallback;
  };

  /** An object of independent fields (the work week, leave, the app's preferences): each falls back alone. */
  const group = <T extends Record<string, unknown>>(raw: Fields, key: string, fallback: T, shape: Record<keyof T & string, z.ZodType>): T => {
    if (!Object.hasOwn(raw, key)) return fallback;
    const given = raw[key];
    if (!isPlainObject(given)) {
      notes.push(`${key} is ${shown(given)}, not an object; its defaults are used until it is fixed.`);
      return fallback;
    }
    for (const name of Object.keys(given)) {
      if (!Object.hasOwn(shape, name)) notes.push(`${key}.${name} is not a setting this Punchcard knows; it is ignored.`);
    }
    const out: Record<string, unknown> = { ...fallback };
    for (const name of Object.keys(shape)) {
      out[name] = schema(given, name, fallback[name], shape[name as keyof T & string] as z.ZodType<unknown>, shown(fallback[name]), `${key}.${name}`);
    }
    return out as T;
  };

  return { value, schema, group };
}

/** Each issue by its key, with what is expected there in the words the team server's config uses too (issue-words.ts). */
function issuesOf(error: z.ZodError, prefix: string, schema: z.ZodType, value: unknown): string {
  return error.issues.map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issueExpectation(schema, value, issue)}`).join('; ');
}

/** A value as the person wrote it, short enough for a sentence. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
