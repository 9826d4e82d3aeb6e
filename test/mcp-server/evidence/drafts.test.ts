import { describe, expect, it } from 'vitest';
import { type BookedSpan, type Draft, type DraftInput, type DraftRule, type PastBooking, draftEntries } from '../../../mcp-server/evidence/drafts.ts';
import { type EvidenceItem } from '../../../mcp-server/evidence/evidence.ts';
import { formatInstant } from '../../../mcp-server/domain/time.ts';
import { draftId } from '../../../mcp-server/evidence/draft-ids.ts';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad fixture time ${iso}`);
  return ms;
};
const DAY = '2026-03-31';
// A Tuesday in summer time (+02:00), the day after the week of the DST change.
const t = (clock: string, date = DAY, offset = '+02:00') => at(`${date}T${clock}${offset}`);

const WEBSITE = { id: 1, name: 'Website' };
const INTRANET = { id: 2, name: 'Intranet' };
const SUPPORT = { id: 3, name: 'Support' };
const MEETINGS = { id: 10, name: 'Meetings' };
const DEV = { id: 11, name: 'Development' };

function event(uid: string, start: number, end: number, title: string): EvidenceItem {
  return { source: 'calendar', key: `${uid}@${start}`, start, end, text: title, matchTexts: [title], tickets: [] };
}
function commit(repository: string, hash: string, time: number, subject: string, options: { branch?: string; tickets?: string[] } = {}): EvidenceItem {
  const branch = options.branch ?? 'main';
  return {
    source: 'git',
    key: `${repository}:${hash}`,
    start: time,
    end: time,
    text: subject,
    matchTexts: [subject, branch, repository],
    tickets: options.tickets ?? [],
    group: repository,
  };
}
function ai(client: string, start: number, end: number): EvidenceItem {
  return { source: 'ai', key: `${client}@${start}`, start, end, text: client, matchTexts: [client], tickets: [] };
}
function activity(start: number, end: number): EvidenceItem {
  return { source: 'activity', key: `activity@${start}`, start, end, text: 'Active at the computer', matchTexts: [], tickets: [] };
}
function booked(id: number, start: number, end: number): BookedSpan {
  return { id, start, end, project: WEBSITE };
}
function past(start: number, description: string, project: typeof WEBSITE | null, activity: typeof DEV | null = null): PastBooking {
  return { start, description, project, activity };
}

function run(input: Partial<DraftInput> & { evidence: EvidenceItem[] }) {
  return draftEntries({ booked: [], rules: [], past: [], from: DAY, to: DAY, now: t('23:59', '2026-04-30'), timezone: BERLIN, ...input });
}
/** Each draft as its local span, what a person reads first. */
const spans = (drafts: readonly Draft[]) => drafts.map((draft) => `${formatInstant(draft.start, BERLIN)} – ${formatInstant(draft.end, BERLIN)}`);
const shortSpans = (drafts: readonly Draft[]) =>
  drafts.map((draft) => `${formatInstant(draft.start, BERLIN).slice(11, 16)}–${formatInstant(draft.end, BERLIN).slice(11, 16)}`);

describe('draftEntries: calendar events', () => {
  it('makes one draft per event with its title, its minutes and its evidence', () => {
    const { drafts } = run({ evidence: [event('standup', t('09:00'), t('09:15'), 'Daily standup'), event('review', t('14:00'), t('15:30'), 'Sprint review')] });
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.minutes, draft.description])).toEqual([
      ['09:00–09:15', 15, 'Daily standup'],
      ['14:00–15:30', 90, 'Sprint review'],
    ]);
    expect(drafts[0]?.evidence).toEqual([{ source: 'calendar', at: t('09:00'), text: 'Daily standup' }]);
    expect(drafts[0]?.id).toMatch(/^d_[0-9a-f]{12}$/);
  });

  it('makes an event over midnight one draft per day, and asking for one of the days gives that half the same id', () => {
    const night = event('release', t('22:00', '2026-03-31'), t('02:00', '2026-04-01'), 'Release night');
    const both = run({ evidence: [night], from: '2026-03-31', to: '2026-04-01' });
    expect(spans(both.drafts)).toEqual(['2026-03-31T22:00:00+02:00 – 2026-04-01T00:00:00+02:00', '2026-04-01T00:00:00+02:00 – 2026-04-01T02:00:00+02:00']);
    expect(new Set(both.drafts.map((draft) => draft.id)).size).toBe(2);

    const second = run({ evidence: [night], from: '2026-04-01', to: '2026-04-01' });
    expect(spans(second.drafts)).toEqual(['2026-04-01T00:00:00+02:00 – 2026-04-01T02:00:00+02:00']);
    expect(second.drafts[0]?.id).toBe(both.drafts[1]?.id);
  });

  it('keeps to the days asked: an event that began the evening before gives only its part within the range', () => {
    const night = event('migration', t('23:00', '2026-03-30'), t('01:00', '2026-03-31'), 'Database migration');
    expect(shortSpans(run({ evidence: [night] }).drafts)).toEqual(['00:00–01:00']);
  });

  it('splits at local midnight on the nights the clocks change (a 23-hour and a 25-hour day)', () => {
    // 2026-03-29: 02:00 becomes 03:00 in Berlin. The event from 23:00 (+01:00) to 04:00 (+02:00) lasts 4 real hours.
    const spring = event('night', at('2026-03-28T23:00:00+01:00'), at('2026-03-29T04:00:00+02:00'), 'On call');
    const springDrafts = run({ evidence: [spring], from: '2026-03-28', to: '2026-03-29' }).drafts;
    expect(springDrafts.map((draft) => draft.minutes)).toEqual([60, 180]);
    // 2026-10-25: 03:00 becomes 02:00. A whole-day span is 25 hours.
    const autumn = event('day', at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), 'Offsite');
    const autumnDrafts = run({ evidence: [autumn], from: '2026-10-25', to: '2026-10-25', now: at('2026-11-01T00:00:00+01:00') }).drafts;
    expect(autumnDrafts.map((draft) => draft.minutes)).toEqual([25 * 60]);
  });
});

describe('draftEntries: commits', () => {
  it('makes commits less than 2 h apart one draft, from 30 minutes before the first to the last; a later one starts a new draft', () => {
    const { drafts } = run({
      evidence: [
        commit('shop', 'a1', t('10:00'), 'Add cart'),
        commit('shop', 'a2', t('11:00'), 'Fix totals'),
        commit('shop', 'a3', t('12:59'), 'Round prices'),
        // 2 h after the last one: a stretch of its own.
        commit('shop', 'a4', t('14:59'), 'Tidy up'),
      ],
    });
    expect(shortSpans(drafts)).toEqual(['09:30–12:59', '14:29–14:59']);
    expect(drafts.map((draft) => draft.description)).toEqual(['shop: Add cart; Fix totals; Round prices', 'shop: Tidy up']);
    expect(drafts[0]?.evidence.map((item) => item.text)).toEqual(['Add cart', 'Fix totals', 'Round prices']);
  });

  it('gives a lone commit the 30 minutes before it, and rounds the start down and the end up to whole minutes', () => {
    const { drafts } = run({ evidence: [commit('shop', 'b1', t('10:17:42'), 'Fix login')] });
    expect(spans(drafts)).toEqual(['2026-03-31T09:47:00+02:00 – 2026-03-31T10:18:00+02:00']);
    expect(drafts[0]?.minutes).toBe(31);
  });

  it('keeps each repository apart', () => {
    const { drafts } = run({ evidence: [commit('shop', 'c1', t('10:00'), 'Shop work'), commit('api', 'c2', t('10:20'), 'Api work')] });
    // The two stretches overlap; the earlier one keeps its time, the other keeps what is left.
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['09:30–10:00', 'shop: Shop work'],
      ['10:00–10:20', 'api: Api work'],
    ]);
  });

  it('never forms a stretch across midnight, and the 30 minutes before a day’s first commit stay in that day', () => {
    const { drafts } = run({
      evidence: [commit('shop', 'd1', t('23:30', '2026-03-31'), 'Late fix'), commit('shop', 'd2', t('00:10', '2026-04-01'), 'Later fix')],
      from: '2026-03-31',
      to: '2026-04-01',
    });
    expect(spans(drafts)).toEqual(['2026-03-31T23:00:00+02:00 – 2026-03-31T23:30:00+02:00', '2026-04-01T00:00:00+02:00 – 2026-04-01T00:10:00+02:00']);
  });

  it('measures the 2 hours in real time across the spring-forward gap', () => {
    // 01:50 (+01:00) and 03:10 (+02:00) are 20 real minutes apart on 2026-03-29.
    const { drafts } = run({
      evidence: [commit('shop', 'e1', at('2026-03-29T01:50:00+01:00'), 'Before'), commit('shop', 'e2', at('2026-03-29T03:10:00+02:00'), 'After')],
      from: '2026-03-29',
      to: '2026-03-29',
    });
    expect(spans(drafts)).toEqual(['2026-03-29T01:20:00+01:00 – 2026-03-29T03:10:00+02:00']);
    expect(drafts[0]?.minutes).toBe(50);
  });

  it('leads the description with the tickets and counts the subjects that do not fit', () => {
    const subjects = Array.from({ length: 12 }, (_, n) => `Refactor the checkout step number ${n + 1} of twelve`);
    const { drafts } = run({
      evidence: subjects.map((subject, n) => commit('shop', `f${n}`, t('10:00') + n * 60_000, subject, { tickets: n < 2 ? [`SHOP-${n + 1}`] : [] })),
    });
    const description = drafts[0]?.description ?? '';
    expect(description.startsWith('shop: SHOP-1, SHOP-2 – Refactor the checkout step number 1 of twelve; ')).toBe(true);
    expect(description).toMatch(/; and \d+ more$/);
    expect(description.length).toBeLessThanOrEqual(200);
    const shown = description.split('; ').length - 1;
    expect(description.endsWith(`and ${12 - shown} more`)).toBe(true);
  });
});

describe('draftEntries: AI stretches and activity', () => {
  it('drafts an AI stretch and an activity span from start to end, with their own descriptions', () => {
    const { drafts } = run({ evidence: [ai('Claude Code', t('10:00'), t('11:20')), activity(t('13:00'), t('14:00'))] });
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['10:00–11:20', 'Work with Claude Code'],
      ['13:00–14:00', 'Work at the computer'],
    ]);
  });

  it('widens a span to whole minutes: the start down, the end up', () => {
    const { drafts } = run({ evidence: [ai('Claude Code', t('10:00:10'), t('10:59:50'))] });
    expect(shortSpans(drafts)).toEqual(['10:00–11:00']);
    expect(drafts[0]?.minutes).toBe(60);
  });

  it('splits an activity span over midnight by day', () => {
    const { drafts } = run({ evidence: [activity(t('23:00', '2026-03-31'), t('00:30', '2026-04-01'))], from: '2026-03-31', to: '2026-04-01' });
    expect(shortSpans(drafts)).toEqual(['23:00–00:00', '00:00–00:30']);
  });
});

describe('draftEntries: overlaps', () => {
  it('lets a booked entry win over everything, cutting a draft in pieces with ids of their own', () => {
    const meeting = event('workshop', t('09:00'), t('12:00'), 'Workshop');
    const alone = run({ evidence: [meeting] }).drafts;
    const { drafts } = run({ evidence: [meeting], booked: [booked(7, t('10:00'), t('10:30'))] });
    expect(shortSpans(drafts)).toEqual(['09:00–10:00', '10:30–12:00']);
    // The first piece keeps the whole draft's id; the second has one of its own.
    expect(drafts[0]?.id).toBe(alone[0]?.id);
    expect(drafts[1]?.id).not.toBe(drafts[0]?.id);
    expect(drafts[1]?.id).toMatch(/^d_[0-9a-f]{12}$/);
  });

  it('drops the piece of a cut draft that is under 5 minutes and keeps the rest', () => {
    const { drafts } = run({ evidence: [event('workshop', t('09:00'), t('11:00'), 'Workshop')], booked: [booked(7, t('10:00'), t('10:57'))] });
    expect(shortSpans(drafts)).toEqual(['09:00–10:00']);
  });

  it('widens a booked entry to whole minutes, so no draft shares a minute with it', () => {
    const { drafts } = run({ evidence: [event('e', t('09:00'), t('11:00'), 'Planning')], booked: [booked(1, t('09:00'), t('10:00:20'))] });
    expect(shortSpans(drafts)).toEqual(['10:01–11:00']);
  });

  it('lets a meeting win over the commits of the same hour', () => {
    const { drafts } = run({
      evidence: [commit('shop', 'g1', t('10:00'), 'Start'), commit('shop', 'g2', t('11:30'), 'Finish'), event('sync', t('10:15'), t('10:45'), 'Team sync')],
    });
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['09:30–10:15', 'shop: Start; Finish'],
      ['10:15–10:45', 'Team sync'],
      ['10:45–11:30', 'shop: Start; Finish'],
    ]);
  });

  it('drops pieces under 5 minutes', () => {
    const { drafts } = run({ evidence: [ai('Cursor', t('10:00'), t('11:04')), event('m', t('10:00'), t('11:00'), 'Meeting')] });
    expect(shortSpans(drafts)).toEqual(['10:00–11:00']);
  });

  it('keeps the precedence booked > calendar > git > ai > activity', () => {
    const { drafts } = run({
      evidence: [
        activity(t('08:00'), t('13:00')),
        ai('Claude Code', t('08:30'), t('12:30')),
        commit('shop', 'h1', t('11:00'), 'Commit'),
        event('m', t('09:30'), t('10:00'), 'Meeting'),
      ],
      booked: [booked(1, t('09:00'), t('09:30'))],
    });
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['08:00–08:30', 'Work at the computer'],
      ['08:30–09:00', 'Work with Claude Code'],
      ['09:30–10:00', 'Meeting'],
      ['10:00–10:30', 'Work with Claude Code'],
      ['10:30–11:00', 'shop: Commit'],
      ['11:00–12:30', 'Work with Claude Code'],
      ['12:30–13:00', 'Work at the computer'],
    ]);
    for (const [index, draft] of drafts.entries()) {
      const next = drafts[index + 1];
      if (next) expect(draft.end).toBeLessThanOrEqual(next.start);
    }
  });

  it('between two meetings at once lets the earlier start win, then the longer', () => {
    const earlier = run({ evidence: [event('b', t('10:30'), t('11:30'), 'Second'), event('a', t('10:00'), t('11:00'), 'First')] }).drafts;
    expect(earlier.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['10:00–11:00', 'First'],
      ['11:00–11:30', 'Second'],
    ]);
    // Both ways round of the two uids, so the ids (which settle full ties) cannot decide it.
    for (const [shortUid, longUid] of [
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const longer = run({ evidence: [event(shortUid, t('10:00'), t('10:30'), 'Short'), event(longUid, t('10:00'), t('11:00'), 'Long')] }).drafts;
      expect(longer.map((draft) => draft.description)).toEqual(['Long']);
    }
  });

  it('counts the same evidence read twice once', () => {
    const meeting = event('uid-1', t('10:00'), t('11:00'), 'Planning');
    expect(run({ evidence: [meeting, { ...meeting }] }).drafts).toHaveLength(1);
    // One repository in two of the configured folders: its commits are read twice.
    const fix = commit('shop', 'dup', t('12:00'), 'Fix');
    const once = run({ evidence: [fix] }).drafts;
    const twice = run({ evidence: [fix, { ...fix }] }).drafts;
    expect(twice[0]?.evidence).toHaveLength(1);
    expect(twice[0]?.id).toBe(once[0]?.id);
  });
});

describe('draftEntries: now', () => {
  it('drafts nothing after now: a running meeting ends at now, a later one is dropped', () => {
    const now = t('10:20:30');
    const { drafts } = run({
      now,
      evidence: [
        event('running', t('10:00'), t('11:00'), 'Running'),
        event('later', t('10:20:30'), t('12:00'), 'Later'),
        commit('shop', 'n1', t('10:10'), 'Now-ish'),
      ],
    });
    expect(drafts.map((draft) => [shortSpans([draft])[0], draft.description])).toEqual([
      ['09:40–10:00', 'shop: Now-ish'],
      ['10:00–10:20', 'Running'],
    ]);
    expect(drafts.every((draft) => draft.end <= now)).toBe(true);
  });

  it('keeps a draft’s id while now moves on through it', () => {
    const meeting = event('running', t('10:00'), t('11:00'), 'Running');
    const early = run({ now: t('10:30'), evidence: [meeting] }).drafts;
    const late = run({ now: t('12:00'), evidence: [meeting] }).drafts;
    expect(early[0]?.minutes).toBe(30);
    expect(late[0]?.minutes).toBe(60);
    expect(early[0]?.id).toBe(late[0]?.id);
  });
});

describe('draftEntries: ids', () => {
  const evidence = [
    event('standup', t('09:00', '2026-03-30'), t('09:15', '2026-03-30'), 'Standup'),
    commit('shop', 'i1', t('10:00'), 'One'),
    commit('shop', 'i2', t('10:45'), 'Two'),
    event('standup', t('09:00'), t('09:15'), 'Standup'),
    ai('Claude Code', t('15:00'), t('16:00')),
    activity(t('16:30'), t('17:00')),
    commit('shop', 'i3', t('10:00', '2026-04-01'), 'Three'),
  ];
  const idsOn = (drafts: readonly Draft[], day: string) =>
    drafts.filter((draft) => formatInstant(draft.start, BERLIN).startsWith(day)).map((draft) => draft.id);

  it('gives the same ids when the range asked grows', () => {
    const oneDay = run({ evidence }).drafts;
    const threeDays = run({ evidence, from: '2026-03-30', to: '2026-04-01' }).drafts;
    expect(oneDay).toHaveLength(4);
    expect(idsOn(threeDays, DAY)).toEqual(oneDay.map((draft) => draft.id));
    expect(threeDays).toHaveLength(6);
  });

  it('does not depend on the order the sources listed their evidence, and differ between drafts', () => {
    const forward = run({ evidence }).drafts.map((draft) => draft.id);
    const backward = run({ evidence: [...evidence].reverse() }).drafts.map((draft) => draft.id);
    expect(backward).toEqual(forward);
    expect(new Set(forward).size).toBe(forward.length);
  });

  it('hashes the evidence keys sorted, so the same evidence in another order has the same id', () => {
    const one = commit('shop', 'x1', t('10:00'), 'One');
    const two = commit('shop', 'x2', t('10:00'), 'Two');
    expect(draftId([one, two])).toBe(draftId([two, one]));
    expect(draftId([one], DAY)).not.toBe(draftId([one], '2026-04-01'));
  });

  it('changes when the evidence behind a draft changes', () => {
    const before = run({ evidence }).drafts;
    const after = run({ evidence: [...evidence, commit('shop', 'i4', t('11:15'), 'Four')] }).drafts;
    expect(after.find((draft) => draft.description.startsWith('shop'))?.id).not.toBe(before.find((draft) => draft.description.startsWith('shop'))?.id);
    expect(after.find((draft) => draft.description === 'Standup')?.id).toBe(before.find((draft) => draft.description === 'Standup')?.id);
  });
});

describe('draftEntries: mapping', () => {
  const rule = (match: string, project = WEBSITE, options: Partial<DraftRule> = {}): DraftRule => ({ match, project, activity: null, ...options });

  it('maps by a rule before a past booking, by a past booking before nothing', () => {
    const evidence = [event('e', t('09:00'), t('10:00'), 'Website sync')];
    const pastBookings = [past(t('09:00', '2026-03-20'), 'Website sync with the agency', INTRANET, MEETINGS)];
    expect(run({ evidence, rules: [rule('website')], past: pastBookings }).drafts[0]?.project).toEqual(WEBSITE);
    const byPast = run({ evidence, past: pastBookings }).drafts[0];
    expect([byPast?.project, byPast?.activity]).toEqual([INTRANET, MEETINGS]);
    expect(run({ evidence }).drafts[0]?.project).toBeNull();
  });

  it('takes the first rule in the list, case-insensitively, in any of the texts', () => {
    const evidence = [commit('punchcard', 'm1', t('10:00'), 'Fix export', { branch: 'feature/ACME-7' })];
    const rules = [rule('acme-7', SUPPORT, { activity: DEV }), rule('PUNCHCARD', WEBSITE)];
    const draft = run({ evidence, rules }).drafts[0];
    expect([draft?.project, draft?.activity]).toEqual([SUPPORT, DEV]);
    expect(run({ evidence, rules: [...rules].reverse() }).drafts[0]?.project).toEqual(WEBSITE);
  });

  it('applies a rule with a source only to that source', () => {
    const evidence = [event('e', t('09:00'), t('10:00'), 'Shop planning'), commit('shop', 'm2', t('11:00'), 'Shop code')];
    const { drafts } = run({ evidence, rules: [rule('shop', SUPPORT, { source: 'git' })] });
    expect(drafts.map((draft) => [draft.description, draft.project?.name ?? null])).toEqual([
      ['Shop planning', null],
      ['shop: Shop code', 'Support'],
    ]);
  });

  it('maps by a ticket id, a meeting title or a repository name found in a past booking, the most recent first', () => {
    const pastBookings = [
      past(t('10:00', '2026-03-10'), 'Worked on SHOP-42 and more', INTRANET),
      past(t('10:00', '2026-03-25'), 'SHOP-42 follow-up', SUPPORT, DEV),
      past(t('10:00', '2026-03-26'), 'Reviews in Billing', WEBSITE),
    ];
    const { drafts } = run({
      past: pastBookings,
      evidence: [
        commit('shop', 'p1', t('09:00'), 'Cart', { tickets: ['SHOP-42'] }),
        commit('billing', 'p2', t('13:00'), 'Invoices'),
        event('weekly', t('15:00'), t('15:30'), 'Reviews'),
      ],
    });
    expect(drafts.map((draft) => [draft.description, draft.project?.name ?? null, draft.activity?.name ?? null])).toEqual([
      ['shop: SHOP-42 – Cart', 'Support', 'Development'],
      ['billing: Invoices', 'Website', null],
      ['Reviews', 'Website', null],
    ]);
  });

  it('finds a ticket or a name in a past booking only as a word of its own', () => {
    const pastBookings = [past(t('10:00', '2026-03-25'), 'Fixed #123 in the rapid prototype after the workshop', INTRANET)];
    const { drafts } = run({
      past: pastBookings,
      evidence: [
        commit('api', 'w1', t('09:00'), 'Hotfix', { tickets: ['#12'] }),
        commit('shop', 'w2', t('11:00'), 'Cart'),
        commit('rapid', 'w3', t('13:00'), 'Spike'),
      ],
    });
    expect(drafts.map((draft) => [draft.description, draft.project?.name ?? null])).toEqual([
      ['api: #12 – Hotfix', null],
      ['shop: Cart', null],
      ['rapid: Spike', 'Intranet'],
    ]);
  });

  it('leaves out past bookings older than 60 days and those without a project', () => {
    const evidence = [event('e', t('09:00'), t('10:00'), 'Board meeting')];
    const now = t('12:00');
    const old = past(now - 61 * 86_400_000, 'Board meeting', INTRANET);
    const projectless = past(t('09:00', '2026-03-30'), 'Board meeting', null);
    expect(run({ now, evidence, past: [old, projectless] }).drafts[0]?.project).toBeNull();
    expect(run({ now, evidence, past: [old, projectless, past(now - 59 * 86_400_000, 'Board meeting', SUPPORT)] }).drafts[0]?.project).toEqual(SUPPORT);
  });

  it('maps a draft of several commits by its first commit that maps, and a rule on any commit before a past booking', () => {
    const evidence = [
      commit('shop', 'q1', t('10:00'), 'Tidy'),
      commit('shop', 'q2', t('10:30'), 'Cart for ACME'),
      commit('shop', 'q3', t('11:00'), 'Beta work'),
    ];
    expect(run({ evidence, rules: [rule('beta', SUPPORT), rule('acme', INTRANET)] }).drafts[0]?.project).toEqual(INTRANET);
    expect(run({ evidence, rules: [rule('acme', INTRANET)], past: [past(t('09:00', '2026-03-30'), 'shop', WEBSITE)] }).drafts[0]?.project).toEqual(INTRANET);
  });

  it('never maps an AI client or mere activity by a past booking', () => {
    const { drafts } = run({
      evidence: [ai('Claude Code', t('10:00'), t('11:00')), activity(t('12:00'), t('13:00'))],
      past: [past(t('09:00', '2026-03-30'), 'Work with Claude Code at the computer', WEBSITE)],
    });
    expect(drafts.map((draft) => draft.project)).toEqual([null, null]);
  });
});

describe('draftEntries: unmapped and confidence', () => {
  it('lists one row per draft left without a project, in the drafts’ order', () => {
    const { drafts, unmapped } = run({
      evidence: [event('e', t('09:00'), t('10:00'), 'Mystery meeting'), commit('shop', 'u1', t('11:00'), 'Code'), ai('Cursor', t('13:00'), t('13:45'))],
      rules: [{ match: 'shop', project: WEBSITE, activity: null }],
    });
    expect(drafts).toHaveLength(3);
    expect(unmapped).toEqual([
      { source: 'calendar', text: 'Mystery meeting', minutes: 60 },
      { source: 'ai', text: 'Work with Cursor', minutes: 45 },
    ]);
  });

  it('is high for a meeting with a project, medium for commits or AI with one, low without one and for activity', () => {
    const rules: DraftRule[] = [{ match: '', project: WEBSITE, activity: null }];
    const evidence = [
      event('e', t('09:00'), t('10:00'), 'Meeting'),
      commit('shop', 'k1', t('11:00'), 'Code'),
      ai('Cursor', t('13:00'), t('14:00')),
      activity(t('15:00'), t('16:00')),
    ];
    expect(run({ evidence, rules }).drafts.map((draft) => draft.confidence)).toEqual(['high', 'medium', 'medium', 'low']);
    expect(run({ evidence }).drafts.map((draft) => draft.confidence)).toEqual(['low', 'low', 'low', 'low']);
  });
});

describe('draftEntries: input', () => {
  it('sorts drafts by start and caps the evidence shown at 20', () => {
    // The commits come before the meeting, though meetings are placed first.
    const commits = Array.from({ length: 25 }, (_, n) => commit('shop', `s${n}`, t('06:00') + n * 60_000, `Commit ${n}`));
    const { drafts } = run({ evidence: [...commits, event('e', t('09:00'), t('10:00'), 'Morning')] });
    expect(drafts.map((draft) => draft.description.slice(0, 7))).toEqual(['shop: C', 'Morning']);
    expect(drafts[0]?.evidence).toHaveLength(20);
    expect(drafts[0]?.evidence[0]?.text).toBe('Commit 0');
  });

  it('refuses a range that is not one, in a sentence', () => {
    expect(() => run({ evidence: [], from: '2026-02-30' })).toThrow('"2026-02-30" is not a date; write days as YYYY-MM-DD, such as 2026-03-30.');
    expect(() => run({ evidence: [], from: '2026-04-02', to: '2026-04-01' })).toThrow('The range ends (2026-04-01) before it begins (2026-04-02)');
  });
});

describe('draftEntries: entries that keep their day and length only (a Harvest duration account)', () => {
  const rule = (match: string, project = WEBSITE, activity: typeof MEETINGS | null = MEETINGS): DraftRule => ({ match, project, activity });
  /** An entry of DAY placed at the start of the day for its minutes, as such a back end's entries are shown. */
  const dayOnly = (id: number, minutes: number, options: Partial<BookedSpan> = {}): BookedSpan => ({
    id,
    start: t('00:00'),
    end: t('00:00') + minutes * 60_000,
    project: WEBSITE,
    activity: MEETINGS,
    description: 'Review',
    span: 'day',
    ...options,
  });
  const rules = [rule('review'), rule('planning'), rule('demo')];
  const review = event('review', t('10:00'), t('11:00'), 'Review');
  const demo = event('demo', t('14:00'), t('15:00'), 'Demo');

  it('books the meeting it matches by project, activity and words: not drafted again, and its time is taken', () => {
    const { drafts } = run({ evidence: [review, activity(t('09:30'), t('11:30'))], rules, booked: [dayOnly(1, 60)] });
    // The activity at the computer is cut around the meeting's hour, as around an entry with times.
    expect(shortSpans(drafts)).toEqual(['09:30–10:00', '11:00–11:30']);
  });

  it('takes no time at the start of its day: a meeting at midnight is drafted', () => {
    const late = event('late', t('00:00'), t('01:00'), 'Incident call');
    expect(run({ evidence: [late], rules, booked: [dayOnly(1, 60)] }).drafts.map((draft) => draft.description)).toEqual(['Incident call']);
  });

  it('matches by minutes within five where the words were changed, but not on another project or activity', () => {
    expect(run({ evidence: [review], rules, booked: [dayOnly(1, 56, { description: 'Sprint review, notes' })] }).drafts).toEqual([]);
    expect(run({ evidence: [review], rules, booked: [dayOnly(1, 54, { description: 'Sprint review, notes' })] }).drafts).toHaveLength(1);
    expect(run({ evidence: [review], rules, booked: [dayOnly(1, 60, { project: INTRANET })] }).drafts).toHaveLength(1);
    expect(run({ evidence: [review], rules, booked: [dayOnly(1, 60, { activity: DEV })] }).drafts).toHaveLength(1);
    expect(
      run({ evidence: [review], rules, booked: [dayOnly(1, 60, { start: t('00:00', '2026-04-01'), end: t('01:00', '2026-04-01') })] }).drafts,
    ).toHaveLength(1);
  });

  it('each entry books one meeting, by its own words first: two hour-long meetings on one project, the later one booked', () => {
    const { drafts } = run({ evidence: [review, demo], rules, booked: [dayOnly(1, 60, { description: 'Demo' })] });
    expect(drafts.map((draft) => draft.description)).toEqual(['Review']);
    expect(run({ evidence: [review, demo], rules, booked: [dayOnly(1, 60, { description: 'Something else' })] }).drafts).toHaveLength(1);
  });

  it('a meeting no rule maps is booked only where both the words and the minutes match (the person chose the project)', () => {
    const workshop = event('workshop', t('09:00'), t('10:30'), 'Workshop');
    const booked = (options: Partial<BookedSpan>) =>
      run({ evidence: [workshop], booked: [dayOnly(1, 90, { project: SUPPORT, description: 'Workshop', ...options })] }).drafts;
    expect(booked({})).toEqual([]);
    expect(booked({ description: 'Other' })).toHaveLength(1);
    expect(booked({ end: t('00:00') + 60 * 60_000 })).toHaveLength(1);
  });
});
