// The team server's evidence for suggest_entries: each person's company calendar (Microsoft 365 or
// Google Workspace), read with their own grant (auth/calendar/calendar-access.ts) by the engine's
// reader, which the engine is handed rather than importing anything of the team server's. The
// administrator sets it up once for everyone (evidence.company_calendar), so it is a hosted source: the
// evidence tools are offered without a setting of the person's (docs/team-server/company-calendar.md).
// A person not connected, or whose calendar fails, still gets their drafts; the answer's skipped part
// says why in a sentence with the account page's address. No token leaves this module but in the
// reader's Authorization header.
import { type EvidenceReader, type Log, notConnectedSentence, readCompanyCalendar, type SourceReading } from '../../mcp-server/for-the-team-server.ts';
import type { CalendarAccess } from '../auth/calendar/calendar-access.ts';
import type { Store } from '../store/store.ts';

export interface CompanyCalendarEvidenceOptions {
  /** The people's calendar access (sign-in-mount.ts), asked for at each reading: it is made after the engines. */
  access: () => CalendarAccess | undefined;
  /** The administrator's api_url; the provider's public API when undefined. */
  apiUrl: string | undefined;
  store: Store;
  /** The server's public origin: the sentences send the person to its /account page. */
  origin: string;
  log: Log;
}

const NOTHING: SourceReading = { items: [], skipped: [] };

/** The evidence reader of one person's engine: their company calendar, and no other source. */
export function companyCalendarEvidence(personId: string, options: CompanyCalendarEvidenceOptions): EvidenceReader {
  const accountPage = `${options.origin}/account`;
  return {
    hosted: ['calendar'],
    async read(source, _settings, range) {
      const access = options.access();
      if (source !== 'calendar' || !access) return NOTHING;
      const first = await access(personId);
      if (!first.ok) {
        // Not connected is an ordinary answer; a grant that stopped working was dropped by the access itself.
        const problem = first.reason === 'not-connected' ? notConnectedSentence(access.provider, accountPage) : first.sentence;
        return { items: [], skipped: [{ source: 'calendar', problem }] };
      }
      const reading = await readCompanyCalendar({
        provider: access.provider,
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        from: range.from,
        to: range.to,
        accountPage,
        async accessToken(renew) {
          if (!renew) return { token: first.accessToken };
          // The provider refused the token in memory: a new one from the refresh token, once.
          access.forget(personId);
          const renewed = await access(personId);
          if (renewed.ok) return { token: renewed.accessToken };
          return { refused: renewed.reason === 'unavailable' ? 'unreachable' : 'grant' };
        },
      });
      if (reading.failure) options.log(`The company calendar of person ${personId} was not read: ${reading.failure.code}.`);
      if (reading.dropGrant) {
        // The provider no longer honours the grant: kept, it would fail the same way at every call.
        access.forget(personId);
        await options.store.setCalendarGrant(personId, null);
        options.log(`The company calendar grant of person ${personId} was dropped: the calendar API refused it (${reading.failure?.code ?? 'refused'}).`);
      }
      return { items: reading.items, skipped: reading.skipped };
    },
  };
}
