// The window's timesheet approvals as main builds them (main/engine/approvals.ts) over a scripted engine
// client: which tools it calls with which arguments, how their structured answers become the window's
// views, that a lock's words are timesheet_period_locked's from the catalog, and that a refusal comes
// out in its code's words for people (never the engine's sentence for a model). The engine's own
// approvals tools are tested against the back ends' fakes apart from this.
import { describe, expect, it } from 'vitest';
import { createApprovals } from '../../../main/engine/approvals.ts';
import type { EngineClient, ToolResult } from '../../../main/engine/engine-client.ts';
import { EngineError } from '../../../main/engine/engine-error.ts';

const SUBMISSION = {
  id: 'sub-7',
  person: 'Ada Lovelace',
  period: 'week',
  first_day: '2026-11-16',
  last_day: '2026-11-22',
  status: 'pending',
  hours: 38.5,
  note: null,
  decided_by: null,
} as const;

/** An engine client whose tools answer from `answers`, recording every call; a function answer may throw. */
function scripted(answers: Record<string, unknown | ((args: Record<string, unknown>) => unknown)>) {
  const calls: Array<{ name: string; args: Record<string, unknown> }> = [];
  const engine: EngineClient = {
    async callTool(name, args = {}): Promise<ToolResult> {
      calls.push({ name, args });
      const answer = answers[name];
      if (answer === undefined) throw new Error(`no answer scripted for ${name}`);
      const structured = typeof answer === 'function' ? (answer as (args: Record<string, unknown>) => unknown)(args) : answer;
      return { structured, text: 'The sentence for a model, which main never reads.' };
    },
    tools: async () => [],
    restart: async () => {},
    close: async () => {},
    state: () => ({ pid: null, starts: 0, failures: 0, closed: false }),
  };
  return { engine, calls };
}

const listAnswer = (fields: Record<string, unknown> = {}) => ({
  whose: 'mine',
  submissions: [],
  more: false,
  from: '2026-11-16',
  to: '2026-11-22',
  rejection_note_kept: false,
  ...fields,
});

describe("the window's timesheet approvals, from the engine's tools", () => {
  it("reads the week's own submissions and locks, each lock in timesheet_period_locked's words without 'Nothing was sent'", async () => {
    const { engine, calls } = scripted({
      list_timesheet_approvals: listAnswer({
        submissions: [{ ...SUBMISSION, status: 'approved', decided_by: 'Tom' }],
        locks: [{ first_day: '2026-11-16', last_day: '2026-11-22', status: 'approved', reopened_by: 'an_approver' }],
      }),
    });
    const week = await createApprovals(engine).week('2026-11-16', 'Clockify');
    expect(calls).toEqual([{ name: 'list_timesheet_approvals', args: { from: '2026-11-16', to: '2026-11-22' } }]);
    expect(week.submissions).toEqual([
      {
        id: 'sub-7',
        person: 'Ada Lovelace',
        period: 'week',
        firstDay: '2026-11-16',
        lastDay: '2026-11-22',
        status: 'approved',
        hours: 38.5,
        note: null,
        decidedBy: 'Tom',
      },
    ]);
    expect(week.rejectionNoteKept).toBe(false);
    expect(week.problem).toBeNull();
    expect(week.locks).toHaveLength(1);
    expect(week.locks[0]).toMatchObject({ firstDay: '2026-11-16', lastDay: '2026-11-22', status: 'approved' });
    expect(week.locks[0]?.words).toMatch(
      /^Your timesheet for .+ is approved, so its time is kept as approved: to change it, ask your approver or an administrator/,
    );
    expect(week.locks[0]?.words).toContain('withdraw the approval in Clockify.');
    expect(week.locks[0]?.words).not.toContain('Nothing was sent');
  });

  it('submits the period holding the Monday, and words what it did from the answer', async () => {
    const { engine, calls } = scripted({ submit_timesheet: { submission: SUBMISSION } });
    const submitted = await createApprovals(engine).submit('2026-11-16');
    expect(calls).toEqual([{ name: 'submit_timesheet', args: { period_start: '2026-11-16' } }]);
    expect(submitted.submission.status).toBe('pending');
    expect(submitted.outcome).toMatch(/^Submitted your timesheet for .+2026 to .+2026 \(38\.5 h\): it waits for approval\.$/);
  });

  it("lists what a lead may decide with person '*', a status when given", async () => {
    const { engine, calls } = scripted({ list_timesheet_approvals: listAnswer({ whose: 'to_decide', submissions: [SUBMISSION], more: true }) });
    const approvals = createApprovals(engine);
    const all = await approvals.toDecide(undefined);
    await approvals.toDecide('pending');
    expect(calls.map((call) => call.args)).toEqual([{ person: '*' }, { person: '*', status: 'pending' }]);
    expect(all).toMatchObject({ more: true, from: '2026-11-16', to: '2026-11-22' });
    expect(all.submissions.map((submission) => submission.person)).toEqual(['Ada Lovelace']);
  });

  it("opens a submission's entries through the app-only submission_entries", async () => {
    const entry = {
      start: '2026-11-16T09:00:00+01:00',
      end: '2026-11-16T12:00:00+01:00',
      minutes: 180,
      project: 'Website',
      activity: null,
      description: 'Design',
    };
    const { engine, calls } = scripted({ submission_entries: { submission: SUBMISSION, entries: [entry], more: false } });
    const opened = await createApprovals(engine).entries('sub-7');
    expect(calls).toEqual([{ name: 'submission_entries', args: { id: 'sub-7' } }]);
    expect(opened.entries).toEqual([entry]);
    expect(opened.submission.id).toBe('sub-7');
  });

  it('approves without a note, rejects with one, and says whether the back end kept the note', async () => {
    const { engine, calls } = scripted({
      decide_timesheet: (args: Record<string, unknown>) => ({
        submission: { ...SUBMISSION, status: args.decision === 'approve' ? 'approved' : 'rejected' },
        status_before: 'pending',
        note_kept: args.note === 'Kept note',
      }),
    });
    const approvals = createApprovals(engine);
    const approved = await approvals.decide('sub-7', 'approve', '  ');
    const rejected = await approvals.decide('sub-7', 'reject', ' Friday is missing ');
    const kept = await approvals.decide('sub-7', 'reject', 'Kept note');
    expect(calls.map((call) => call.args)).toEqual([
      { id: 'sub-7', decision: 'approve' },
      { id: 'sub-7', decision: 'reject', note: 'Friday is missing' },
      { id: 'sub-7', decision: 'reject', note: 'Kept note' },
    ]);
    expect(approved.outcome).toMatch(/^Approved Ada Lovelace's timesheet for .+ \(38\.5 h\)\.$/);
    expect(rejected.outcome).toMatch(/^Rejected Ada Lovelace's timesheet .+ The back end kept no note with it; tell Ada Lovelace yourself\.$/);
    expect(kept.outcome).toMatch(/ Your note went with it\.$/);
  });

  it("words a refusal from its code, not from the engine's sentence", async () => {
    const { engine } = scripted({
      decide_timesheet: () => {
        throw new EngineError('tool', 'A SENTENCE FOR A MODEL', {
          tool: 'decide_timesheet',
          refusal: { code: 'timesheet_decided_in_pages', facts: { back_end: 'Kimai', page: 'Approval, in the menu' } },
        });
      },
    });
    const refused = await createApprovals(engine)
      .decide('sub-7', 'approve', undefined)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EngineError);
    expect((refused as EngineError).message).toBe(
      'Kimai lets an approver approve or reject a week only in its own pages (Approval, in the menu), not through its API. Nothing was sent.',
    );
    expect((refused as EngineError).refusal?.code).toBe('timesheet_decided_in_pages');
  });
});
