// The settings file (`config.json` in the user-data folder) is written by the app and read by the
// engine. This schema is the single definition both sides use (docs/decisions.md, "One settings
// schema, one writer"). It must stay free of Node-only APIs: the renderer imports it for its forms.
import * as z from 'zod/v4';
import { SETTINGS_SCHEMA_VERSION } from './settings-version.ts';
import { isEmail, isHttpUrl, normalizeBaseUrl, normalizeEmail } from './back-end-accounts.ts';
import { MAX_WORKSPACE_LENGTH, secretHostProblem, type AccountField, type BackEndDescriptor, type UnpublishedRule } from './back-end-descriptor.ts';
import { BACK_ENDS, type BackEndProfile } from './back-ends.ts';
import { acceleratorProblem } from './accelerator.ts';
import { DURATION_STYLES } from './durations.ts';
import { isValidTimeZone } from './time-zone.ts';
import { lockdownProblem } from './kimai-lockdown.ts';
import { TOOL_GROUPS, TOOL_NAMES } from './tool-catalog.ts';
import { EvidenceSettingsSchema } from './evidence-settings.ts';
import { WorkingTimeSettingsSchema } from './working-time-settings.ts';
import { CONNECTION_NAME_MAX_LENGTH, CONNECTION_NAME_PATTERN, MAX_CONNECTIONS, TIMER_MODES, type NamedProfile, type TrackerProfile } from './connections.ts';

export { credentialAccount, type BackEndProfile, type RemoteProfile } from './back-ends.ts';
export { normalizeBaseUrl } from './back-end-accounts.ts';
export { SETTINGS_SCHEMA_VERSION } from './settings-version.ts';

const hours = z
  .number()
  .min(0)
  .max(24)
  .meta({ examples: [8] });

export const WorkWeekSchema = z
  .object({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours })
  .describe('Target working hours per weekday; 0 marks a day off.');

export const HolidayRegionSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code such as DE')
    .meta({ examples: ['DE'] }),
  state: z
    .string()
    .min(1)
    .max(10)
    .meta({ examples: ['BY'] })
    .optional(),
  region: z
    .string()
    .min(1)
    .max(10)
    .meta({ examples: ['A'] })
    .optional(),
});

/** A profile's default values of fields (Tempo's work attributes): at most this many, each name and value at most this long. */
export const MAX_FIELD_DEFAULTS = 20;
export const MAX_FIELD_DEFAULT_LENGTH = 200;

const httpUrl = z.string().trim().refine(isHttpUrl, 'an http(s) address such as https://example.com').transform(normalizeBaseUrl);
const email = z.string().trim().refine(isEmail, 'an e-mail address such as ada@example.com').transform(normalizeEmail);

/**
 * A profile's fields as its descriptor names them (contract/back-end-descriptor.ts): an address in
 * its normal form, and only one the secret may go to (Clockify's API hosts); a default where the
 * person need not give one (Clockodo's own service); an e-mail in its normal form; a workspace by id
 * or name; a self-hosted server's TLS options. The team server's config names the same fields, less
 * the person's e-mail (team-server/config/server-config.ts), so both are built here.
 */
export function fieldSchemas(descriptor: BackEndDescriptor, field: AccountField): Record<string, z.ZodType> {
  switch (field.kind) {
    case 'url': {
      const checked = field.secretHosts
        ? httpUrl.superRefine((url, context) => {
            const problem = secretHostProblem(descriptor, url);
            if (problem) context.addIssue({ code: 'custom', message: problem });
          })
        : httpUrl;
      const described = checked.meta({ examples: [field.example] });
      return { url: field.default === undefined ? described : described.default(field.default) };
    }
    case 'email':
      return { email };
    case 'workspace':
      return {
        workspace: z
          .string()
          .trim()
          .min(1)
          .max(MAX_WORKSPACE_LENGTH)
          .meta({ examples: ['Acme'] })
          .optional(),
      };
    case 'account_id':
      return {
        account_id: z
          .string()
          .trim()
          .regex(/^\d{1,20}$/, 'the account number, digits only')
          .meta({ examples: ['1234567'] })
          .optional(),
      };
    case 'service_url': {
      // The back end's own API beside the site in `url` (Tempo's): only its hosts, or a server on this computer.
      const checked = httpUrl.superRefine((url, context) => {
        const problem = secretHostProblem(descriptor, url, field);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      });
      return { [field.key]: checked.meta({ examples: [field.example] }).default(field.default) };
    }
    case 'field_defaults':
      return {
        [field.key]: z
          .record(
            z.string().trim().min(1).max(MAX_FIELD_DEFAULT_LENGTH),
            z
              .string()
              .trim()
              .min(1)
              .max(MAX_FIELD_DEFAULT_LENGTH)
              .meta({ examples: ['Development'] }),
          )
          .refine((values) => Object.keys(values).length <= MAX_FIELD_DEFAULTS, `at most ${MAX_FIELD_DEFAULTS} fields`)
          .meta({ examples: [{ 'Work Type': 'Development' }] })
          .optional(),
      };
    case 'tls':
      return {
        /** PEM file with the CA that signed a self-hosted server's certificate, trusted besides the usual ones. */
        caFile: z
          .string()
          .min(1)
          .meta({ examples: ['/etc/ssl/certs/company-ca.pem'] })
          .optional(),
        /** Skips certificate checks entirely. Logged loudly on every start; for test servers only. */
        allowInsecureTls: z.boolean().optional(),
      };
  }
}

/**
 * Kimai's lockdown, which its API does not publish (contract/kimai-lockdown.ts): only in the settings
 * file, in Kimai's own words, and only the forms Punchcard can evaluate.
 */
export const KimaiLockdownSchema = z
  .strictObject({
    period_start: z
      .string()
      .min(1)
      .max(100)
      .meta({ examples: ['first day of previous month 00:00:00'] }),
    period_end: z
      .string()
      .min(1)
      .max(100)
      .meta({ examples: ['last day of previous month 23:59:59'] }),
    timezone: z
      .string()
      .max(100)
      .meta({ examples: ['Europe/Berlin'] })
      .optional(),
  })
  .superRefine((lockdown, context) => {
    const problem = lockdownProblem(lockdown);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** The check of a rule a profile may copy (back-end-descriptor.ts, `unpublishedRules`): optional, under its kind's key. */
export function ruleSchemas(rule: UnpublishedRule): Record<string, z.ZodType> {
  switch (rule.kind) {
    case 'lockdown':
      return { lockdown: KimaiLockdownSchema.optional() };
  }
}

/** A connection's name (contract/connections.ts): what `tracker` names and every labelled row says. */
export const ConnectionNameSchema = z
  .string()
  .max(CONNECTION_NAME_MAX_LENGTH)
  .regex(CONNECTION_NAME_PATTERN, 'a name of lower-case letters, digits and -, starting with a letter, such as acme')
  .meta({ examples: ['acme'] });

function profileSchema(descriptor: BackEndDescriptor) {
  return z.object(
    Object.assign(
      // The connection's name: optional on `provider` (its type stands in), required on each of `trackers` (below).
      // Its own work week, in the settings' form (docs/several-trackers.md, "A week per connection"): like every key of
      // a profile it is checked whole, and one that does not validate fails the file as a bad address does.
      { type: z.literal(descriptor.type), name: ConnectionNameSchema.optional(), workWeek: WorkWeekSchema.optional() },
      ...descriptor.fields.map((field) => fieldSchemas(descriptor, field)),
      ...descriptor.unpublishedRules.map(ruleSchemas),
    ),
  );
}

const PROFILE_SCHEMAS = new Map(BACK_ENDS.map((backEnd) => [backEnd.type, profileSchema(backEnd)]));

/** One back end's profile as config.json holds it, checked and in its normal forms. */
export function profileSchemaOf<T extends BackEndProfile['type']>(type: T): z.ZodType<Extract<BackEndProfile, { type: T }>> {
  return PROFILE_SCHEMAS.get(type) as unknown as z.ZodType<Extract<BackEndProfile, { type: T }>>;
}

/** Any back end's profile, told apart by `type`. */
export const BackEndProfileSchema = z.discriminatedUnion('type', [...PROFILE_SCHEMAS.values()] as [
  z.ZodObject,
  ...z.ZodObject[],
]) as unknown as z.ZodType<BackEndProfile>;

/** `provider` as the settings hold it: a back end's profile, with the default connection's name where it has one. */
export const NamedProfileSchema = BackEndProfileSchema as unknown as z.ZodType<NamedProfile>;

/**
 * The connections besides the default (docs/several-trackers.md): each a profile with its name, the names unique
 * across `provider` and `trackers` (checked with `provider` in parse-settings.ts), at most MAX_CONNECTIONS in all.
 */
export const TrackersSchema = z
  .array(
    (BackEndProfileSchema as unknown as z.ZodType<NamedProfile>).refine(
      (profile) => typeof profile.name === 'string',
      'each tracker needs a name, such as "acme"',
    ) as unknown as z.ZodType<TrackerProfile>,
  )
  .max(MAX_CONNECTIONS - 1);

const toolNameSchema = z.enum(TOOL_NAMES);
const toolGroupSchema = z.enum(TOOL_GROUPS);

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  /** The default connection: the back end calls go to unless they name or imply another. */
  provider: NamedProfileSchema,
  /** The other connections (several trackers at once); absent or empty: only `provider`. */
  trackers: TrackersSchema.optional(),
  /** How timers run across connections; absent: one overall. */
  timers: z.enum(TIMER_MODES).optional(),
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
    annualDays: z
      .number()
      .min(0)
      .max(366)
      .meta({ examples: [25] }),
    /** Days carried over into the current year. */
    carryOverDays: z.number().min(0).max(366),
    /**
     * Whether the local timesheet, which approves leave as it is filed, may record leave beyond the
     * balance (still only once the person or the call says so); back ends with an approver ignore it.
     */
    allowBeyondBalance: z.boolean(),
  }),
  user: z.object({
    name: z
      .string()
      .max(200)
      .meta({ examples: ['Ada Lovelace'] }),
  }),
  /**
   * Where suggest_entries looks for the person's day (contract/evidence-settings.ts); every source is
   * off until named. Added without a new schemaVersion: a file without it has every source off.
   */
  evidence: EvidenceSettingsSchema,
  /**
   * Working time as the law counts it (contract/working-time-settings.ts, docs/working-time.md). Added
   * without a new schemaVersion: a file without it has the rules off.
   */
  workingTime: WorkingTimeSettingsSchema,
  /** The desktop app's own preferences; the engine ignores them. */
  app: z.object({
    startAtLogin: z.boolean(),
    /** Notify when a timer has run this many hours (a forgotten clock-out); 0 turns it off. */
    reminderHours: z
      .number()
      .min(0)
      .max(24)
      .meta({ examples: [10] }),
    /** Ask what to do with the time when the computer was idle this many minutes while a timer ran; 0 turns it off. */
    idleMinutes: z
      .number()
      .int()
      .min(0)
      .max(240)
      .meta({ examples: [10] }),
    /** The global shortcut that clocks in and out, as an Electron accelerator; empty while none is set. */
    shortcut: z
      .string()
      .refine((text) => text === '' || acceleratorProblem(text) === null, 'a shortcut such as CommandOrControl+Alt+P, or empty for none')
      .meta({ examples: ['CommandOrControl+Alt+P'] }),
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
