// book_suggested_entries' handler on the real local timesheet, with evidence a reader hands over (a
// meeting and two commits a rule maps to Web shop · Development), its writes recorded on their way to
// the timesheet: what each booking sends (the draft's project and activity, or the correction's, an
// activity left behind where the project changes), the answer's words, and the question a client that
// can ask shows first (a "no" books nothing). The booking flow with suggest_entries is in
// suggest-entries.test.ts, the refusals with codes in test/mcp-server/contract/outcomes/evidence.test.ts.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import type { EntryFields } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import bookSuggestedEntries from '../../../mcp-server/tools/book-suggested-entries.ts';
import suggestEntries from '../../../mcp-server/tools/suggest-entries.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { at, DAY, NOW, readerOf, SPRINT_PLANNING, shopCommit } from './friday-evidence.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { said } from '../../support/said-outcome.ts';

const reader = readerOf([SPRINT_PLANNING, shopCommit('a1', '11:00', 'Basket totals'), shopCommit('b2', '12:10', 'Fix rounding')]);

const withSources = (settings: Settings): Settings => ({
  ...settings,
  evidence: {
    ...settings.evidence,
    calendars: [{ name: 'Work', file: '/home/ada/work.ics' }],
    git: { folders: ['/home/ada/src'] },
    rules: [{ source: 'git', match: 'shop', project: 'Web shop', activity: 'Development' }],
  },
});

const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** The day's drafts (the meeting without a project, the commits on Web shop · Development), and every entry the handler writes. */
async function drafts() {
  const local = await openTimesheet({ settings: withSources, evidence: reader });
  const { catalog, entries } = local.tracker;
  const shop = await catalog.createCatalogItem({ kind: 'project', name: 'Web shop' });
  const internal = await catalog.createCatalogItem({ kind: 'project', name: 'Internal' });
  const development = await catalog.createCatalogItem({ kind: 'activity', name: 'Development' });
  const meetings = await catalog.createCatalogItem({ kind: 'activity', name: 'Meetings' });
  const [planning, shopWork] = (await local.run(suggestEntries, { from: '2026-11-20' })).data.drafts;
  if (!planning || !shopWork) throw new Error('the evidence made no two drafts');
  const sent: Array<EntryFields & { end: number }> = [];
  const create = entries.createEntry.bind(entries);
  entries.createEntry = async (fields) => {
    sent.push(fields);
    return create(fields);
  };
  const { context } = local;
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) =>
    said(bookSuggestedEntries.handler(bookSuggestedEntries.input.parse(args), { ...context, ask }));
  return { run, sent, tracker: local.tracker, planning, shopWork, shop, internal, development, meetings };
}

describe('book_suggested_entries', () => {
  it("sends each draft with its project and activity, or the correction's, and names each entry booked", async () => {
    const { run, sent, planning, shopWork, shop, internal, development, meetings } = await drafts();
    expect([shopWork.project?.name, shopWork.activity?.name]).toEqual(['Web shop', 'Development']);
    const { text, data } = await run({
      from: '2026-11-20',
      entries: [
        { id: planning.id, project: 'internal', activity: 'Meetings', description: '  Planning the sprint ' },
        { id: shopWork.id, end: '12:30' },
      ],
    });
    expect(sent).toEqual([
      { start: at('09:00'), end: at('10:00'), projectId: internal.id, activityId: meetings.id, description: 'Planning the sprint' },
      { start: at('10:30'), end: at('12:30'), projectId: shop.id, activityId: development.id, description: shopWork.description },
    ]);
    const [first, second] = data.booked;
    expect(text).toBe(
      [
        'Booked 2 entries from the drafts of 2026-11-20:',
        `#${first?.id} 2026-11-20 09:00–10:00 1 h "Internal" · "Meetings" — "Planning the sprint" (draft ${planning.id})`,
        `#${second?.id} 2026-11-20 10:30–12:30 2 h "Web shop" · "Development" — "${shopWork.description}" (draft ${shopWork.id})`,
      ].join('\n'),
    );
    expect(first).toEqual({
      id: first?.id,
      start: '2026-11-20T09:00:00+01:00',
      end: '2026-11-20T10:00:00+01:00',
      minutes: 60,
      project: 'Internal',
      activity: 'Meetings',
      description: 'Planning the sprint',
      draft: planning.id,
    });
  });

  it("leaves the draft's activity behind where a correction moves it to another project", async () => {
    const { run, sent, shopWork, internal } = await drafts();
    const { text } = await run({ from: '2026-11-20', to: '2026-11-20', entries: [{ id: shopWork.id, project: 'Internal' }] });
    expect(sent).toEqual([{ start: at('10:30'), end: at('12:10'), projectId: internal.id, activityId: null, description: shopWork.description }]);
    expect(text.split('\n')[0]).toBe('Booked 1 entry from the drafts of 2026-11-20:');
  });

  it('where the client can ask, lists what it will book first, and a "no" books nothing', async () => {
    const { run, sent, tracker, planning, shopWork } = await drafts();
    const args = { from: '2026-11-20', entries: [{ id: shopWork.id }, { id: planning.id, project: 'Internal', description: 'Planning' }] };
    const question = await questionOf('book_suggested_entries', args, (ask) => run(args, ask));
    // A list as the person reads it: one line for each entry (bounded in asking.ts keeps the handler's line breaks).
    expect(question.params.message).toBe(
      ['Book 2 entries?', `• 2026-11-20 10:30–12:10 Web shop: ${shopWork.description}`, '• 2026-11-20 09:00–10:00 Internal: Planning'].join('\n'),
    );
    await expect(run(args, answering('book_suggested_entries', args, question, 'decline'))).rejects.toThrow(
      'Nothing was booked.: you said no when asked. Nothing was changed.',
    );
    expect(sent).toEqual([]);
    const { data } = await run(args, answering('book_suggested_entries', args, question, 'accept'));
    expect(data.booked.map((entry) => entry.draft)).toEqual([shopWork.id, planning.id]);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(2);
  });

  it('refuses a correction naming a project the catalog lacks, and books none of the drafts', async () => {
    const { run, sent, tracker, planning, shopWork } = await drafts();
    await expect(run({ from: '2026-11-20', entries: [{ id: shopWork.id }, { id: planning.id, project: 'Intranet' }] })).rejects.toThrow(
      /^No project "Intranet"\. Known: /,
    );
    expect(sent).toEqual([]);
    expect((await tracker.entries.listEntries(DAY)).total).toBe(0);
  });
});

describe('book_suggested_entries under working-time rules', () => {
  it('books the drafts as asked and says the finding the bookings create: Friday 09:00 after Thursday until 23:30', async () => {
    const local = await openTimesheet({ settings: (settings) => ({ ...withSources(settings), workingTime: { rules: 'de', notify: true } }), evidence: reader });
    await local.tracker.catalog.createCatalogItem({ kind: 'project', name: 'Web shop' });
    await local.tracker.catalog.createCatalogItem({ kind: 'activity', name: 'Development' });
    const internal = await local.tracker.catalog.createCatalogItem({ kind: 'project', name: 'Internal' });
    await local.tracker.entries.createEntry({
      start: Date.parse('2026-11-19T19:00:00Z'),
      end: Date.parse('2026-11-19T22:30:00Z'),
      projectId: internal.id,
      activityId: null,
      description: '',
    });
    const [planning] = (await local.run(suggestEntries, { from: '2026-11-20' })).data.drafts;
    if (!planning) throw new Error('the evidence made no draft');
    local.context.notes.length = 0;
    const { data } = await local.run(bookSuggestedEntries, { from: '2026-11-20', entries: [{ id: planning.id, project: 'internal' }] });
    expect(data.booked.map((entry) => [entry.start, entry.end])).toEqual([['2026-11-20T09:00:00+01:00', '2026-11-20T10:00:00+01:00']]);
    expect(local.context.notes).toEqual([
      {
        code: 'working_time',
        facts: {
          rules: 'de',
          created: true,
          findings: [
            {
              code: 'wt_rest_short',
              date: '2026-11-20',
              end: '2026-11-19T23:30:00+01:00',
              next_start: '2026-11-20T09:00:00+01:00',
              rest_minutes: 570,
              required_minutes: 660,
            },
          ],
        },
      },
    ]);
  });
});
