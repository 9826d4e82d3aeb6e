// The day from evidence through MCP, in both protocol eras, on the desktop engine's own reader: a real
// iCalendar file and a real repository made with git here (commits by the person and by a colleague),
// the settings' rule mapping the repository, then suggest_entries and book_suggested_entries with the
// question before booking. What the model reads holds the titles and subjects, never an attendee.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceJournal } from '../../../mcp-server/evidence/journal.ts';
import { calendarText } from '../../support/ics.ts';
import { type Era, type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';

// Wednesday 18 November 2026, 17:00 in Berlin.
const NOW = '2026-11-18T17:00:00+01:00';
let root: string;
let calendarFile: string;

function commit(repository: string, message: string, when: string, email: string) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: email,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: email,
    GIT_COMMITTER_EMAIL: email,
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  };
  execFileSync('git', ['-C', repository, 'commit', '--allow-empty', '-q', '-m', message], { env });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'punchcard-evidence-e2e-'));
  const shop = join(root, 'src', 'shop');
  execFileSync('git', ['init', '-q', '-b', 'feature/SHOP-7-basket', shop]);
  commit(shop, 'Basket totals', '2026-11-18T10:00:00+01:00', 'ada@example.com');
  commit(shop, 'Colleague work', '2026-11-18T10:20:00+01:00', 'bob@example.com');
  commit(shop, 'Fix rounding', '2026-11-18T10:40:00+01:00', 'ada@example.com');
  calendarFile = join(root, 'work.ics');
  writeFileSync(
    calendarFile,
    calendarText([
      {
        uid: 'review-1',
        start: '20261118T140000',
        end: '20261118T150000',
        summary: 'Design review',
        extra: ['ATTENDEE;CN=Carol Secret;PARTSTAT=ACCEPTED:mailto:carol@example.com'],
      },
      {
        uid: 'declined-1',
        start: '20261118T120000',
        end: '20261118T130000',
        summary: 'Vendor pitch',
        extra: ['ATTENDEE;PARTSTAT=DECLINED:mailto:Ada@Example.com'],
      },
    ]),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let engine: InProcessEngineHandle | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

function settings() {
  return {
    timezone: 'Europe/Berlin',
    evidence: {
      emails: ['ada@example.com'],
      calendars: [{ name: 'Work', file: calendarFile }],
      git: { folders: [join(root, 'src')] },
      rules: [{ source: 'git', match: 'shop', project: 'Web shop' }],
    },
  };
}

type Draft = {
  id: string;
  start: string;
  end: string;
  project: { name: string } | null;
  description: string;
  evidence: Array<{ source: string; text: string }>;
};

async function open(era: Era, answer: (params: ElicitRequestFormParams) => ElicitResult) {
  const asked: ElicitRequestFormParams[] = [];
  engine = await startInProcessEngine({
    era,
    userDataDir: makeUserDataDir(settings()),
    env: { PUNCHCARD_NOW: NOW },
    elicitation: (params) => {
      asked.push(params);
      return answer(params);
    },
  });
  const created = await engine.call('create_catalog_item', { kind: 'project', name: 'Web shop' });
  expect(created.isError, textOf(created)).toBeFalsy();
  await engine.call('create_catalog_item', { kind: 'project', name: 'Design' });
  return { engine, asked };
}

describe.each<Era>(['legacy', 'modern'])('the day from evidence (%s era)', (era) => {
  it('drafts the meeting and the person’s commits, and books the confirmed drafts after asking', async () => {
    const { engine: handle, asked } = await open(era, () => ({ action: 'accept', content: {} }));
    const listed = (await handle.client.listTools()).tools.map((tool) => tool.name);
    expect(listed).toEqual(expect.arrayContaining(['suggest_entries', 'book_suggested_entries']));

    const suggested = await handle.call('suggest_entries', { from: '2026-11-18' });
    expect(suggested.isError, textOf(suggested)).toBeFalsy();
    const drafts = suggested.structuredContent?.drafts as Draft[];
    expect(drafts.map((draft) => [draft.start, draft.end, draft.project?.name ?? null])).toEqual([
      ['2026-11-18T09:30:00+01:00', '2026-11-18T10:40:00+01:00', 'Web shop'],
      ['2026-11-18T14:00:00+01:00', '2026-11-18T15:00:00+01:00', null],
    ]);
    expect(drafts[0]?.evidence.map((item) => item.text)).toEqual(['Basket totals', 'Fix rounding']);
    expect(suggested.structuredContent?.unmapped).toEqual([{ source: 'calendar', text: 'Design review', minutes: 60 }]);
    // The model reads titles and subjects: never an attendee, a colleague's commit or a declined invitation.
    const everything = JSON.stringify(suggested);
    for (const hidden of ['Carol', 'carol@example.com', 'Colleague work', 'Vendor pitch', 'bob@example.com']) expect(everything).not.toContain(hidden);

    const booked = await handle.call('book_suggested_entries', {
      from: '2026-11-18',
      entries: [{ id: drafts[0]?.id }, { id: drafts[1]?.id, project: 'Design' }],
    });
    expect(booked.isError, textOf(booked)).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toBe(
      'Book 2 entries?\n• 2026-11-18 09:30–10:40 Web shop: shop: SHOP-7 – Basket totals; Fix rounding\n• 2026-11-18 14:00–15:00 Design: Design review',
    );
    const entries = (await handle.call('list_time_entries', { from: '2026-11-18' })).structuredContent?.entries as Array<{ project: string; start: string }>;
    expect(entries.map((entry) => [entry.start, entry.project])).toEqual([
      ['2026-11-18T09:30:00+01:00', 'Web shop'],
      ['2026-11-18T14:00:00+01:00', 'Design'],
    ]);
    const again = await handle.call('suggest_entries', { from: '2026-11-18' });
    expect(again.structuredContent?.drafts).toEqual([]);
  });

  it('books nothing when the person says no', async () => {
    const { engine: handle } = await open(era, () => ({ action: 'decline' }));
    const drafts = (await handle.call('suggest_entries', { from: '2026-11-18' })).structuredContent?.drafts as Draft[];
    const refused = await handle.call('book_suggested_entries', { from: '2026-11-18', entries: [{ id: drafts[0]?.id }] });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/Nothing was booked/);
    expect((await handle.call('list_time_entries', { from: '2026-11-18' })).structuredContent?.entries).toEqual([]);
  });

  it('journals the AI client that called, only while AI sessions are switched on', async () => {
    for (const enabled of [false, true]) {
      const userDataDir = makeUserDataDir({ ...settings(), evidence: { ...settings().evidence, aiSessions: { enabled } } });
      engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW } });
      await engine.call('timer_status');
      await engine.close();
      engine = undefined;
      const journal = new EvidenceJournal(userDataDir);
      try {
        const reading = await journal.aiEvidence(Date.parse('2026-11-18T00:00:00+01:00'), Date.parse('2026-11-19T00:00:00+01:00'));
        // The test clock starts at NOW and runs on.
        expect(reading.items.map((item) => [item.text, Math.floor((item.start - Date.parse(NOW)) / 60_000)])).toEqual(enabled ? [['punchcard-tests', 0]] : []);
      } finally {
        journal.close();
      }
    }
  });
});
