// The day from evidence in the fake bridge (fake-bridge.ts): the Evidence settings, saved as main
// saves them (a feed's secret address to the fake keychain, `{secret}` in the settings, using main's
// own splitFeedAddress and the settings' schema), and a day's drafts from three fixed pieces of
// evidence at set times of any day, left out where they would overlap an entry, run past now or be
// on a day with no source on; booked as book_suggested_entries books (all or nothing).
import type { DraftsView, EvidenceView } from '../../window-contract/evidence.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { UserFacingError } from '../../main/ipc/dispatch.ts';
import { splitFeedAddress } from '../../main/ipc/handlers/evidence.ts';
import {
  EvidenceSettingsSchema,
  evidenceSourcesOn,
  FEED_SECRET_PLACEHOLDER,
  feedSecretAccount,
  type EvidenceSettings,
} from '../../mcp-server/contract/evidence-settings.ts';
import type { DailyContext, FakeEntryRecord } from './fake-daily.ts';

export const NO_EVIDENCE: EvidenceSettings = {
  emails: [],
  calendars: [],
  git: { folders: [] },
  activity: { enabled: false },
  aiSessions: { enabled: false },
  rules: [],
};

/** Sources on, as a person who set them up has them: a secret feed, a git folder, the AI journal, a rule. */
export const SAMPLE_EVIDENCE: EvidenceSettings = {
  emails: ['ada@example.com'],
  calendars: [{ name: 'Work', url: FEED_SECRET_PLACEHOLDER }],
  git: { folders: ['/home/ada/code'] },
  activity: { enabled: false },
  aiSessions: { enabled: true },
  rules: [{ source: 'git', match: 'PAY-', project: 'Acme Website', activity: 'Development' }],
};

const ref = (id: number, name: string) => ({ id, name });

/** The evidence of any day: its local times, source, line, and what the rules and past bookings map it to. */
const FIXTURES = [
  {
    start: '07:30',
    end: '08:25',
    source: 'git' as const,
    lines: ['PAY-42: retry failed webhooks', 'PAY-42: log the provider’s answer'],
    project: ref(1, 'Acme Website'),
    activity: ref(11, 'Development'),
    description: 'PAY-42: retry failed webhooks',
    confidence: 'high' as const,
  },
  {
    start: '12:15',
    end: '12:55',
    source: 'ai' as const,
    lines: ['Claude Code'],
    project: null,
    activity: null,
    description: 'Work with Claude Code',
    confidence: 'low' as const,
  },
  {
    start: '17:10',
    end: '18:00',
    source: 'calendar' as const,
    lines: ['Release retro'],
    project: ref(3, 'Internal'),
    activity: ref(31, 'Meetings'),
    description: 'Release retro',
    confidence: 'medium' as const,
  },
];

type Context = Pick<DailyContext, 'now' | 'iso' | 'instantOf' | 'entries' | 'add' | 'view' | 'announce'>;

export function createFakeEvidence(context: Context, keychain: Map<string, string>, start: EvidenceSettings = NO_EVIDENCE) {
  let evidence = structuredClone(start);

  const overlaps = (from: number, to: number, entry: FakeEntryRecord) => from < (entry.end ?? context.now()) && entry.start < to;
  const draftsOf = (date: string): DraftsView['drafts'] =>
    FIXTURES.flatMap((fixture, index) => {
      const from = context.instantOf(`${date}T${fixture.start}`);
      const to = context.instantOf(`${date}T${fixture.end}`);
      if (to > context.now() || context.entries.some((entry) => overlaps(from, to, entry))) return [];
      return [
        {
          id: `d${date.replaceAll('-', '')}${index}`,
          start: context.iso(from),
          end: context.iso(to),
          minutes: Math.round((to - from) / 60_000),
          project: fixture.project,
          activity: fixture.activity,
          description: fixture.description,
          evidence: fixture.lines.map((text, line) => ({ source: fixture.source, at: context.iso(from + line * 20 * 60_000), text })),
          confidence: fixture.confidence,
        },
      ];
    });

  const view = (): EvidenceView => ({
    evidence: structuredClone(evidence),
    feeds: evidence.calendars.flatMap((calendar) =>
      'url' in calendar && calendar.url.includes(FEED_SECRET_PLACEHOLDER)
        ? [{ name: calendar.name, hasSecret: keychain.has(feedSecretAccount(calendar.name)) }]
        : [],
    ),
    credentialProblem: null,
  });

  return {
    state: () => evidence,
    handlers: {
      getDrafts: ({ date }: RequestOf<'getDrafts'>): DraftsView => {
        const sources = evidenceSourcesOn(evidence);
        if (sources.length === 0) return { date, sources, unavailable: null, drafts: [], booked: [], unmapped: [], skipped: [] };
        const drafts = draftsOf(date);
        const booked = context.entries
          .filter((entry) => context.iso(entry.start).slice(0, 10) === date)
          .map((entry) => ({ id: entry.id, start: context.iso(entry.start), end: entry.end === null ? null : context.iso(entry.end), project: entry.project }));
        const unmapped = drafts
          .filter((draft) => draft.project === null)
          .map((draft) => ({ source: draft.evidence[0]?.source ?? 'ai', text: draft.evidence[0]?.text ?? '', minutes: draft.minutes }));
        return { date, sources, unavailable: null, drafts, booked, unmapped, skipped: [] };
      },
      bookDrafts: ({ date, entries }: RequestOf<'bookDrafts'>) => {
        const drafts = new Map(draftsOf(date).map((draft) => [draft.id, draft]));
        // As the engine: every id checked before anything is booked.
        for (const change of entries) {
          const draft = drafts.get(change.id);
          if (!draft) throw new UserFacingError(`Draft ${change.id} is no longer among the drafts of ${date}: ask for the drafts again. Nothing was booked.`);
          if (!draft.project && !change.project) throw new UserFacingError(`Draft ${change.id} has no project: name one. Nothing was booked.`);
        }
        const booked = entries.map((change) => {
          const draft = drafts.get(change.id) as DraftsView['drafts'][number];
          const entry = context.add(
            change.start ? context.instantOf(change.start) : Date.parse(draft.start),
            change.end ? context.instantOf(change.end) : Date.parse(draft.end),
            change.project ?? draft.project?.name ?? null,
            change.activity ?? draft.activity?.name ?? null,
            change.description ?? draft.description,
          );
          return { ...context.view(entry), draft: draft.id };
        });
        context.announce();
        return { booked, message: `Booked ${booked.length} ${booked.length === 1 ? 'entry' : 'entries'}.` };
      },
      getEvidence: () => view(),
      saveEvidence: ({ evidence: given, secrets = [] }: RequestOf<'saveEvidence'>): EvidenceView => {
        const keep = new Map<string, string>();
        const calendars = given.calendars.map((calendar) => {
          if (!('url' in calendar)) return calendar;
          const { url, secret } = splitFeedAddress(calendar.name, calendar.url);
          const typed = secret ?? secrets.find((entry) => entry.calendar === calendar.name)?.secret;
          if (typed) keep.set(feedSecretAccount(calendar.name), typed);
          else if (url.includes(FEED_SECRET_PLACEHOLDER) && !keychain.has(feedSecretAccount(calendar.name)))
            throw new UserFacingError(`Calendar “${calendar.name}”: enter the feed’s secret address: Punchcard has no secret saved for it. Nothing was saved.`);
          return { name: calendar.name, url };
        });
        const parsed = EvidenceSettingsSchema.safeParse({ ...given, calendars });
        if (!parsed.success) throw new UserFacingError(`Evidence settings, ${parsed.error.issues[0]?.message ?? 'not valid'}. Nothing was saved.`);
        for (const [account, secret] of keep) keychain.set(account, secret);
        evidence = parsed.data;
        return view();
      },
    },
  };
}
