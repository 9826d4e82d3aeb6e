// The day from evidence in the window: the Timesheet's drafts of a day (suggest_entries) and their
// booking (book_suggested_entries), and the Evidence settings in Preferences. A calendar feed's
// secret (Google's and Outlook's secret addresses are secret whole) goes to the keychain under
// feedSecretAccount(name); config.json gets the address with `{secret}` in its place and never the
// secret itself (docs/decisions.md, "Secrets"). Nothing is asked of the engine while no source is on.
import {
  EvidenceSettingsSchema,
  evidenceSourcesOn,
  FEED_SECRET_PLACEHOLDER,
  feedAddressProblem,
  feedSecretAccount,
  isFeedAddress,
  type EvidenceSettings,
} from '../../../mcp-server/contract/evidence-settings.ts';
import { EngineError } from '../../engine/engine-error.ts';
import type { EvidenceView } from '../../../window-contract/evidence.ts';
import type { Handlers, ParsedRequestOf } from '../../../window-contract/index.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'settings' | 'credentials' | 'drafts' | 'timesheet' | 'statusChanged'>;
type EvidenceRequest = ParsedRequestOf<'saveEvidence'>;

/**
 * A feed's address as the settings file may hold it, and the secret the keychain gets: an address
 * that gives the calendar to whoever reads it (a secret path, a token in the query, a password) is
 * secret whole, so all of it goes to the keychain and the file says `{secret}`.
 */
export function splitFeedAddress(name: string, address: string): { url: string; secret: string | null } {
  if (address.includes(FEED_SECRET_PLACEHOLDER)) return { url: address, secret: null };
  if (!isFeedAddress(address)) throw new UserFacingError(`Calendar “${name}”: enter an http(s) or webcal address of an iCalendar feed. Nothing was saved.`);
  return feedAddressProblem(address) === null ? { url: address, secret: null } : { url: FEED_SECRET_PLACEHOLDER, secret: address };
}

export function evidenceHandlers(deps: Deps): Pick<Handlers, 'getDrafts' | 'bookDrafts' | 'getEvidence' | 'saveEvidence'> {
  const view = async (evidence: EvidenceSettings): Promise<EvidenceView> => {
    const feeds: EvidenceView['feeds'] = [];
    let credentialProblem: string | null = null;
    for (const calendar of evidence.calendars) {
      if (!('url' in calendar) || !calendar.url.includes(FEED_SECRET_PLACEHOLDER)) continue;
      let hasSecret = false;
      try {
        hasSecret = (await deps.credentials.get(feedSecretAccount(calendar.name))) !== null;
      } catch (error) {
        credentialProblem = (error as Error).message;
      }
      feeds.push({ name: calendar.name, hasSecret });
    }
    return { evidence, feeds, credentialProblem };
  };

  /** The settings to write and the secrets to keep, all checked before anything is written. */
  const prepare = async ({ evidence, secrets = [] }: EvidenceRequest) => {
    const given = new Map(secrets.map((entry) => [entry.calendar.toLowerCase(), entry.secret]));
    const keep = new Map<string, string>();
    const calendars: EvidenceSettings['calendars'] = [];
    for (const calendar of evidence.calendars) {
      if (!('url' in calendar)) {
        calendars.push(calendar);
        continue;
      }
      const { url, secret } = splitFeedAddress(calendar.name, calendar.url);
      const account = feedSecretAccount(calendar.name);
      const secretOf = secret ?? given.get(calendar.name.toLowerCase()) ?? null;
      if (secretOf !== null) keep.set(account, secretOf);
      else if (url.includes(FEED_SECRET_PLACEHOLDER) && (await deps.credentials.get(account)) === null) {
        throw new UserFacingError(`Calendar “${calendar.name}”: enter the feed’s secret address: Punchcard has no secret saved for it. Nothing was saved.`);
      }
      calendars.push({ name: calendar.name, url });
    }
    const parsed = EvidenceSettingsSchema.safeParse({ ...evidence, calendars });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new UserFacingError(`Evidence settings, ${where}${issue?.message ?? 'not valid'}. Nothing was saved.`);
    }
    return { evidence: parsed.data, keep };
  };

  return {
    getDrafts: async ({ date }) => {
      const sources = evidenceSourcesOn(deps.settings.read().evidence);
      const empty = { date, sources, unavailable: null, drafts: [], booked: [], unmapped: [], skipped: [] };
      if (sources.length === 0) return empty;
      try {
        return { ...(await deps.drafts.of(date)), sources, unavailable: null };
      } catch (error) {
        // A tool the engine does not offer (switched off, the organisation's policy) is said, not a failure of the screen.
        if (error instanceof EngineError && error.kind === 'tool') return { ...empty, unavailable: error.message };
        throw error;
      }
    },
    bookDrafts: async ({ date, entries }) => {
      const ids = new Set(entries.map((entry) => entry.id));
      if (ids.size !== entries.length) throw new UserFacingError('Each draft can be booked once: the same draft was sent twice. Nothing was booked.');
      const booked = await deps.drafts.book(date, entries);
      deps.timesheet.getStatus().then(deps.statusChanged, () => {
        // The next status the tray asks for says what went wrong; the entries were booked.
      });
      return booked;
    },
    getEvidence: () => view(deps.settings.read().evidence),
    saveEvidence: async (request) => {
      const { evidence, keep } = await prepare(request);
      // The secrets first: if the keychain refuses, the settings still name what worked before.
      for (const [account, secret] of keep) await deps.credentials.set(account, secret);
      const before = deps.settings.read().evidence;
      const next = deps.settings.update((settings) => ({ ...settings, evidence })).evidence;
      // A feed gone, or one that no longer has a secret part: its secret leaves the keychain too.
      const stillSecret = new Set(
        next.calendars.flatMap((calendar) => ('url' in calendar && calendar.url.includes(FEED_SECRET_PLACEHOLDER) ? [calendar.name] : [])),
      );
      for (const calendar of before.calendars) {
        if ('url' in calendar && !stillSecret.has(calendar.name)) {
          // Best effort: the settings are saved; a secret left behind is still only in the keychain.
          await deps.credentials.delete(feedSecretAccount(calendar.name)).catch(() => undefined);
        }
      }
      return view(next);
    },
  };
}
