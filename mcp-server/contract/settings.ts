// The settings file (`config.json` in the user-data folder) is written by the app and read by the
// engine. This schema is the single definition both sides use (docs/decisions.md, "One settings
// schema, one writer"). It must stay free of Node-only APIs: the renderer imports it for its forms.
import * as z from 'zod/v4';
import { SETTINGS_SCHEMA_VERSION } from './default-settings.ts';
import { CLOCKIFY_URL, CLOCKODO_URL, clockifyUrlProblem, MAX_WORKSPACE_LENGTH, isEmail, isHttpUrl, normalizeBaseUrl, normalizeEmail } from './back-end-accounts.ts';
import { acceleratorProblem } from './accelerator.ts';
import { DURATION_STYLES } from './durations.ts';
import { isValidTimeZone } from './time-zone.ts';
import { TOOL_GROUPS, TOOL_NAMES } from './tool-catalog.ts';

export { CLOCKIFY_URL, CLOCKODO_URL, credentialAccount, normalizeBaseUrl } from './back-end-accounts.ts';
export { defaultSettings, SETTINGS_SCHEMA_VERSION } from './default-settings.ts';

const hours = z.number().min(0).max(24);

export const WorkWeekSchema = z
  .object({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours })
  .describe('Target working hours per weekday; 0 marks a day off.');

export const HolidayRegionSchema = z.object({
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as DE'),
  state: z.string().min(1).max(10).optional(),
  region: z.string().min(1).max(10).optional(),
});

const httpUrl = z.string().trim().refine(isHttpUrl, 'an http(s) address such as https://example.com').transform(normalizeBaseUrl);
const email = z.string().trim().refine(isEmail, 'an e-mail address such as ada@example.com').transform(normalizeEmail);

export const LocalProviderSchema = z.object({ type: z.literal('local') });

export const KimaiProviderSchema = z.object({
  type: z.literal('kimai'),
  url: httpUrl,
  /** PEM file with the CA that signed a self-hosted Kimai's certificate, trusted besides the usual ones. */
  caFile: z.string().min(1).optional(),
  /** Skips certificate checks entirely. Logged loudly on every start; for test servers only. */
  allowInsecureTls: z.boolean().optional(),
});

/**
 * Clockodo: a person's own login and API key; `url` only for a test server (docs/decisions.md,
 * "Back ends act as the person and report their own truth").
 */
export const ClockodoProviderSchema = z.object({
  type: z.literal('clockodo'),
  email,
  url: httpUrl.default(CLOCKODO_URL),
});

/** Calamari: the organisation's address and the one employee Punchcard acts for with its key. */
export const CalamariProviderSchema = z.object({
  type: z.literal('calamari'),
  url: httpUrl,
  email,
});

/** A Clockify address: one of Clockify's API hosts, or a server on this computer (back-end-accounts.ts). */
const clockifyUrl = httpUrl.superRefine((url, context) => {
  const problem = clockifyUrlProblem(url);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/**
 * Clockify: the person's own API key (they are whoever it belongs to); `url` for a region's host; the
 * workspace by id or name, else the person's active one (docs/back-ends/clockify.md).
 */
export const ClockifyProviderSchema = z.object({
  type: z.literal('clockify'),
  url: clockifyUrl.default(CLOCKIFY_URL),
  workspace: z.string().trim().min(1).max(MAX_WORKSPACE_LENGTH).optional(),
});

export const ProviderProfileSchema = z.discriminatedUnion('type', [LocalProviderSchema, KimaiProviderSchema, ClockodoProviderSchema, CalamariProviderSchema, ClockifyProviderSchema]);

const toolNameSchema = z.enum(TOOL_NAMES);
const toolGroupSchema = z.enum(TOOL_GROUPS);

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  provider: ProviderProfileSchema,
  tools: z.object({
    /** Hides every tool that is not read-only, whatever the toggles say. */
    readOnly: z.boolean(),
    /** Group switches; a missing group keeps each tool's own default. */
    groups: z.partialRecord(toolGroupSchema, z.boolean()),
    /** Per-tool switches; they win over the group switch. */
    enabled: z.partialRecord(toolNameSchema, z.boolean()),
  }),
  /** IANA zone for days, weeks and displayed times; empty means the system zone. */
  timezone: z.string().refine((zone) => zone === '' || isValidTimeZone(zone), 'a time zone such as Europe/Berlin, or empty for the system zone'),
  workWeek: WorkWeekSchema,
  holidays: HolidayRegionSchema.nullable(),
  leave: z.object({
    annualDays: z.number().min(0).max(366),
    /** Days carried over into the current year. */
    carryOverDays: z.number().min(0).max(366),
    /**
     * Whether the local timesheet, which approves leave as it is filed, may record leave beyond the
     * balance (still only once the person or the call says so); back ends with an approver ignore it.
     */
    allowBeyondBalance: z.boolean(),
  }),
  user: z.object({ name: z.string().max(200) }),
  /** The desktop app's own preferences; the engine ignores them. */
  app: z.object({
    startAtLogin: z.boolean(),
    /** Notify when a timer has run this many hours (a forgotten clock-out); 0 turns it off. */
    reminderHours: z.number().min(0).max(24),
    /** Ask what to do with the time when the computer was idle this many minutes while a timer ran; 0 turns it off. */
    idleMinutes: z.number().int().min(0).max(240),
    /** The global shortcut that clocks in and out, as an Electron accelerator; empty while none is set. */
    shortcut: z.string().refine((text) => text === '' || acceleratorProblem(text) === null, 'a shortcut such as CommandOrControl+Alt+P, or empty for none'),
    /**
     * How the window and the tray write durations: hours and minutes with units, or decimal hours.
     * Added without a new schemaVersion: a file without it takes the default, and an older Punchcard
     * ignores it with a note rather than refusing the file.
     */
    durations: z.enum(DURATION_STYLES),
  }),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type WorkWeek = z.infer<typeof WorkWeekSchema>;
export type HolidayRegion = z.infer<typeof HolidayRegionSchema>;
export type ProviderProfile = z.infer<typeof ProviderProfileSchema>;
export type KimaiProfile = z.infer<typeof KimaiProviderSchema>;
export type ClockodoProfile = z.infer<typeof ClockodoProviderSchema>;
export type CalamariProfile = z.infer<typeof CalamariProviderSchema>;
export type ClockifyProfile = z.infer<typeof ClockifyProviderSchema>;
export type RemoteProfile = KimaiProfile | ClockodoProfile | CalamariProfile | ClockifyProfile;
