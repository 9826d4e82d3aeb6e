// correct_time_entries' handler over the local timesheet's catalog plus a hand-written corrections
// part (CorrectionsPart in mcp-server/providers/time-tracker.ts) that keeps five entries of Ada's and
// Bea's, a locked period and the tags the back end has, answers the scope it is asked for and records
// every change it is sent: the preview and its confirm_count, the changes sent one entry at a time, what
// is left alone (locked, exported, already so), the question a client that can ask shows instead, and
// a back end's own refusals. The refusals with codes are in test/mcp-server/contract/outcomes/admin.test.ts.
import { describe, expect, it } from 'vitest';
import { type Refusal, refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { CorrectionScope, CorrectionSet, CorrectionSubject, CorrectionWorld } from '../../../mcp-server/domain/corrections.ts';
import type { CorrectionsPart } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import correctTimeEntries from '../../../mcp-server/tools/correct-time-entries.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

// Wednesday 18 November 2026, 15:00 in Berlin (UTC+1).
const NOW = Date.parse('2026-11-18T14:00:00Z');
const at = (wall: string) => Date.parse(`${wall}:00+01:00`);
const WEEK = { from: '2026-11-01', to: '2026-11-06' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/**
 * Ada's and Bea's entries on Website · Design: Sunday's is in the locked period (up to the end of
 * 1 November), Tuesday's exported (which this person may not change), one billable already, and
 * one of October outside the week. `world` adds what a back end of its own keeps.
 */
async function withEntries(world: Partial<CorrectionWorld> & { refusal?: Refusal } = {}) {
  const local = await openTimesheet();
  const { catalog } = local.tracker;
  const website = await catalog.createCatalogItem({ kind: 'project', name: 'Website' });
  const intranet = await catalog.createCatalogItem({ kind: 'project', name: 'Intranet' });
  const design = await catalog.createCatalogItem({ kind: 'activity', name: 'Design' });
  const entry = (id: number, start: string, end: string, person: 'Ada' | 'Bea', more: Partial<CorrectionSubject> = {}): CorrectionSubject => ({
    id,
    start: at(start),
    end: at(end),
    personId: person === 'Ada' ? 1 : 2,
    person: person === 'Ada' ? 'Ada Lovelace' : 'Bea Busy',
    login: person.toLowerCase(),
    projectId: website.id,
    activityId: design.id,
    billable: false,
    exported: false,
    tags: [],
    ...more,
  });
  const entries = [
    entry(1, '2026-11-02T09:00', '2026-11-02T11:00', 'Ada'),
    entry(2, '2026-11-02T11:00', '2026-11-02T12:30', 'Bea', { tags: ['urgent'] }),
    entry(3, '2026-11-02T13:00', '2026-11-02T14:00', 'Ada', { billable: true }),
    entry(4, '2026-11-03T09:00', '2026-11-03T10:00', 'Bea', { exported: true }),
    entry(6, '2026-11-01T10:00', '2026-11-01T11:00', 'Ada'),
    entry(9, '2026-10-30T10:00', '2026-10-30T11:00', 'Ada'),
  ];
  const asked: CorrectionScope[] = [];
  const sent: Array<[number, CorrectionSet]> = [];
  const { refusal, ...kept } = world;
  const part: CorrectionsPart = {
    async correctionWorld(scope) {
      asked.push(scope);
      const inScope = entries.filter(
        (one) =>
          one.start >= scope.from &&
          one.start < scope.to &&
          (scope.projectId === undefined || one.projectId === scope.projectId) &&
          (scope.activityId === undefined || one.activityId === scope.activityId),
      );
      return {
        entries: inScope.map((one) => ({ ...one, tags: [...one.tags] })),
        locked: { start: at('2026-01-01T00:00'), end: at('2026-11-01T23:59'), timezone: 'Europe/Berlin' },
        editsExported: false,
        covers: "everyone's time entries",
        ...kept,
      };
    },
    async knownTags(names) {
      const tags = ['urgent', 'Reviewed'];
      return tags.filter((tag) => names.some((name) => name.trim().toLowerCase() === tag.toLowerCase()));
    },
    async correct(subject, set) {
      sent.push([subject.id, set]);
      const stored = entries.find((one) => one.id === subject.id) as CorrectionSubject;
      Object.assign(stored, {
        projectId: set.projectId ?? stored.projectId,
        activityId: set.activityId ?? stored.activityId,
        billable: set.billable ?? stored.billable,
        exported: set.exported ?? stored.exported,
        tags: [...stored.tags, ...(set.addTags ?? []).filter((tag) => !stored.tags.includes(tag))],
      });
      return { ...stored };
    },
    ...(refusal === undefined ? {} : { refusal: (change: Pick<CorrectionSet, 'billable' | 'exported' | 'addTags'>) => (change.addTags ? refusal : undefined) }),
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_corrections', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) =>
    said(correctTimeEntries.handler(correctTimeEntries.input.parse(args), { ...context, ask }));
  return { run, asked, sent, entries, website, intranet, design };
}

const NOT_TOUCHED =
  'Not touched, in the locked period: #6. Not touched, exported (changing them needs edit_exported_timesheet): #4. Locked up to 2026-11-01 23:59.';

describe('correct_time_entries', () => {
  it('previews what would change and what is left alone, sending nothing, and says which count to confirm', async () => {
    const { run, asked, sent } = await withEntries();
    const { text, data } = await run({ ...WEEK, set: { billable: true } });
    expect(asked).toEqual([{ from: at('2026-11-01T00:00'), to: at('2026-11-07T00:00') }]);
    expect(text).toBe(
      [
        `Would change 2 entries (3.5 h) from 2026-11-01 to 2026-11-06 among everyone's time entries: billable. ${NOT_TOUCHED} 1 already as asked.`,
        '#1 2026-11-02 09:00 "Ada Lovelace": "Website" / "Design"',
        '#2 2026-11-02 11:00 "Bea Busy": "Website" / "Design"',
        'Nothing was changed: call again with confirm_count 2 to change them.',
      ].join('\n'),
    );
    expect(data).toEqual({
      changed: false,
      count: 2,
      hours: 3.5,
      locked_until: '2026-11-01T23:59:00+01:00',
      not_touched: [
        { id: 6, start: '2026-11-01T10:00:00+01:00', person: 'Ada Lovelace', reason: 'locked' },
        { id: 4, start: '2026-11-03T09:00:00+01:00', person: 'Bea Busy', reason: 'exported' },
      ],
      entries: [
        { id: 1, start: '2026-11-02T09:00:00+01:00', hours: 2, person: 'Ada Lovelace', project: 'Website', activity: 'Design' },
        { id: 2, start: '2026-11-02T11:00:00+01:00', hours: 1.5, person: 'Bea Busy', project: 'Website', activity: 'Design' },
      ],
    });
    expect(sent).toEqual([]);
  });

  it('with the count confirmed, sends the change one entry at a time and says what it changed', async () => {
    const { run, sent, entries } = await withEntries();
    const { text, data } = await run({ ...WEEK, set: { billable: true, add_tags: ['reviewed'] }, confirm_count: 3 });
    expect(sent).toEqual([
      [1, { billable: true, addTags: ['Reviewed'] }],
      [2, { billable: true, addTags: ['Reviewed'] }],
      [3, { billable: true, addTags: ['Reviewed'] }],
    ]);
    expect(text).toBe(
      'Changed 3 entries (4.5 h): billable, tags + "Reviewed". Not touched, in the locked period: #6. Not touched, exported (changing them needs edit_exported_timesheet): #4.',
    );
    expect(data).toMatchObject({ changed: true, count: 3, hours: 4.5 });
    expect(entries.map((one) => [one.id, one.billable, one.tags])).toEqual([
      [1, true, ['Reviewed']],
      [2, true, ['urgent', 'Reviewed']],
      [3, true, ['Reviewed']],
      [4, false, []],
      [6, false, []],
      [9, false, []],
    ]);
  });

  it('narrows to a project, people and ids, and moves the entries to another project', async () => {
    const { run, asked, sent, website, intranet } = await withEntries();
    const { text } = await run({ ...WEEK, project: 'website', people: ['bea'], set: { project: 'Intranet' }, confirm_count: 1 });
    expect(asked).toEqual([{ from: at('2026-11-01T00:00'), to: at('2026-11-07T00:00'), projectId: website.id, people: ['bea'] }]);
    expect(sent).toEqual([[2, { projectId: intranet.id }]]);
    expect(text).toBe('Changed 1 entry (1.5 h): project "Intranet". Not touched, exported (changing them needs edit_exported_timesheet): #4.');
    const byIds = await run({ ...WEEK, ids: [1, 3], set: { project: 'Intranet' } });
    expect(byIds.data.entries.map((one) => one.id)).toEqual([1, 3]);
    expect(sent).toHaveLength(1);
  });

  it('where the client can ask, asks instead of previewing, and a "no" changes nothing', async () => {
    const { run, sent } = await withEntries();
    const args = { ...WEEK, set: { billable: true } };
    const question = await questionOf('correct_time_entries', args, (ask) => run(args, ask));
    expect(question.params.message).toBe(`Change 2 entries (3.5 h) to billable? ${NOT_TOUCHED} Entries: #1, #2`);
    await expect(run(args, answering('correct_time_entries', args, question, 'decline'))).rejects.toThrow(
      'No entry was changed: you said no when asked. Nothing was changed.',
    );
    expect(sent).toEqual([]);
    const { data } = await run(args, answering('correct_time_entries', args, question, 'accept'));
    expect(data.changed).toBe(true);
    expect(sent.map(([id]) => id)).toEqual([1, 2]);
  });

  it('answers a correction that changes nothing without asking or sending', async () => {
    const { run, sent } = await withEntries();
    const { text, data } = await run({ ...WEEK, ids: [3], set: { billable: true } });
    expect(text).toBe(`No entry from 2026-11-01 to 2026-11-06 among everyone's time entries would change. Locked up to 2026-11-01 23:59. 1 already as asked.`);
    expect(data).toMatchObject({ changed: false, count: 0, entries: [] });
    expect(sent).toEqual([]);
  });

  it("refuses in the back end's own words a change it cannot make, before reading any entry", async () => {
    const clockodo = await withEntries({ refusal: refusalOf('clockodo_entries_have_no_tags') });
    await expect(clockodo.run({ ...WEEK, set: { add_tags: ['urgent'] } })).rejects.toMatchObject({
      message: 'Clockodo keeps no tags on time entries: leave add_tags out. Nothing was changed.',
      refusal: { code: 'clockodo_entries_have_no_tags' },
    });
    expect(clockodo.asked).toEqual([]);
  });
});
