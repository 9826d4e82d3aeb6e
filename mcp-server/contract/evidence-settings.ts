// The `evidence` settings: where the day-from-evidence tools (suggest_entries, book_suggested_entries)
// may look, each source off until the person names it. Part of the settings schema (settings.ts), so
// the window's forms and the engine read one definition; free of Node like the rest of contract/.
// What each source reads and leaves out: docs/evidence.md.
import * as z from 'zod/v4';
import { isEmail, normalizeEmail } from './back-end-accounts.ts';
import { EVIDENCE_SOURCES, FEED_SECRET_PLACEHOLDER } from './evidence-sources.ts';

export { EVIDENCE_SOURCES, type EvidenceSource, evidenceSourcesOn, FEED_SECRET_PLACEHOLDER, feedSecretAccount } from './evidence-sources.ts';

/**
 * Why a feed address may not stand in the settings file as written, or null. A secret address
 * (Google's `private-…` path, Outlook's published `/owa/calendar/` path, a user and password, a query
 * with a token) gives the calendar to whoever reads it, and the settings file is not a secret: the
 * secret part goes to the keychain, with the placeholder in its place.
 */
export function feedAddressProblem(address: string): string | null {
  // The whole address is the secret (Google's and Outlook's secret addresses are): all of it is in the keychain.
  if (address === FEED_SECRET_PLACEHOLDER) return null;
  const url = feedUrl(address);
  if (url === null) return 'an http(s) or webcal address of an iCalendar feed';
  if (address.includes(FEED_SECRET_PLACEHOLDER)) return null;
  const secretLooking =
    url.username !== '' || url.password !== '' || url.search !== '' || /\/private-[^/]+\//i.test(url.pathname) || /\/owa\/calendar\//i.test(url.pathname);
  return secretLooking
    ? `a feed address without its secret: this one gives the calendar to anyone who reads the settings file; enter it in the window's Evidence settings (it goes to the keychain), or write ${FEED_SECRET_PLACEHOLDER} in place of its secret part`
    : null;
}

/** Whether an address is an http(s) or webcal address at all, its secret part aside. */
export function isFeedAddress(address: string): boolean {
  return feedUrl(address) !== null;
}

/** The address as http(s), webcal read as https and the placeholder as a plain word; null where it is none. */
function feedUrl(address: string): URL | null {
  try {
    const url = new URL(address.replace(/^webcal:\/\//i, 'https://').replaceAll(FEED_SECRET_PLACEHOLDER, 'secret'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const name = z.string().trim().min(1).max(60);
const email = z.string().trim().refine(isEmail, 'an e-mail address such as ada@example.com').transform(normalizeEmail);
const path = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .meta({ examples: ['/home/ada/work'] });

export const CalendarSourceSchema = z.union([
  z.strictObject({ name, file: path }),
  z.strictObject({
    name,
    url: z
      .string()
      .trim()
      .max(2000)
      .superRefine((address, context) => {
        const problem = feedAddressProblem(address);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .meta({ examples: ['https://calendar.example.com/ada/{secret}/basic.ics'] }),
  }),
]);

export const EvidenceRuleSchema = z.strictObject({
  /** Only evidence of this source; left out, every source. */
  source: z.enum(EVIDENCE_SOURCES).optional(),
  /** Found, case-insensitively, in an event's title, a commit's subject, branch or repository, or a client's name. */
  match: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ examples: ['importer'] }),
  /** A project by name or id, as list_catalog shows it. */
  project: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ examples: ['Website relaunch'] }),
  activity: z.string().trim().min(1).max(200).optional(),
});

export const EvidenceSettingsSchema = z.object({
  /** The person's own addresses: their calendar answers and their commits are found by them. */
  emails: z.array(email).max(20),
  calendars: z
    .array(CalendarSourceSchema)
    .max(20)
    .refine((calendars) => new Set(calendars.map((calendar) => calendar.name.toLowerCase())).size === calendars.length, 'calendars with names of their own'),
  git: z.object({ folders: z.array(path).max(50) }),
  /** The desktop app's journal of active and idle spans (never applications or window titles). */
  activity: z.object({ enabled: z.boolean() }),
  /** The engine's journal of when an AI client used it. */
  aiSessions: z.object({ enabled: z.boolean() }),
  rules: z.array(EvidenceRuleSchema).max(200),
});

export type EvidenceSettings = z.infer<typeof EvidenceSettingsSchema>;
export type CalendarSource = z.infer<typeof CalendarSourceSchema>;
export type EvidenceRule = z.infer<typeof EvidenceRuleSchema>;
