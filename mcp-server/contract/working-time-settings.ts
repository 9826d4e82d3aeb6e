// The `workingTime` settings: which law's rules the working-time checks apply (docs/working-time.md),
// whether the tray warns before a limit, and where the working-time balance starts. Part of the
// settings schema (settings.ts), so the window's forms and the engine read one definition. Added
// without a new schemaVersion, as `evidence` was: a file without it has the rules off.
import * as z from 'zod/v4';
import { WORKING_TIME_RULES, type WorkingTimeRules } from './working-time.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-01-01')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'a day such as 2026-01-01');

export const WorkingTimeBalanceSchema = z.object({
  /** The first day the balance counts. */
  since: isoDay.meta({ examples: ['2026-01-01'] }),
  /** What the person brought in on that day, in minutes (negative: owed). */
  openingMinutes: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .meta({ examples: [0] }),
});

export const WorkingTimeSettingsSchema = z.object({
  /** `off` checks nothing; `eu` the Working Time Directive, `de` the ArbZG, `at` the AZG and ARG. */
  rules: z.enum(WORKING_TIME_RULES),
  /** The tray's warnings before a limit is reached (desktop only; never with the rules off). */
  notify: z.boolean(),
  /** Where the working-time balance starts; absent: the first work recorded this year (docs/working-time.md), from 0. */
  balance: WorkingTimeBalanceSchema.optional(),
});

export type WorkingTimeSettings = z.infer<typeof WorkingTimeSettingsSchema>;

export const DEFAULT_WORKING_TIME: WorkingTimeSettings = { rules: 'off', notify: true };

/**
 * The rule set the window suggests for a holiday country: its own law where Punchcard has its set,
 * the Directive elsewhere in the EU, none outside it. Only a suggestion: nothing is switched on unasked.
 */
export function suggestedRules(country: string | undefined): WorkingTimeRules {
  const code = country?.toUpperCase();
  if (code === 'DE') return 'de';
  if (code === 'AT') return 'at';
  return code !== undefined && EU_COUNTRIES.has(code) ? 'eu' : 'off';
}

const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/**
 * The rules that apply: the organisation's (its policy file's `workingTime.rules`, or the team server's
 * `working_time.rules`) win over the person's, as the policy's other keys do.
 */
export function rulesInForce(settings: { workingTime: WorkingTimeSettings }, organisation: WorkingTimeRules | null): WorkingTimeRules {
  return organisation ?? settings.workingTime.rules;
}
