// The outbox's refusals and notices as data: each code's facts worded for the model exactly as the
// outbox said them before they were codes (the old templates, written out here), and a few as a person reads them.
import { describe, expect, it } from 'vitest';
import { noticeOf, noticeSentence } from '../../../../mcp-server/contract/outcomes/notices.ts';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';

/** The refusal an error carries, in its words. */
function refusal(error: BackEndError | ToolInputError) {
  return refusalSentence(error.refusal);
}
const model = (error: BackEndError | ToolInputError) => modelText(refusal(error));
const people = (error: BackEndError | ToolInputError) => peopleText(refusal(error));

describe("the outbox's refusals", () => {
  it('carry their facts, keep the kind the outbox reads, and say what the outbox always said', () => {
    const catalog = new BackEndError('outbox_catalog_unknown', { service: 'Kimai' });
    expect(catalog.refusal).toEqual({ code: 'outbox_catalog_unknown', facts: { service: 'Kimai' } });
    expect(catalog.kind).toBe('unavailable');
    expect(model(catalog)).toBe(
      'Kimai is out of reach, and Punchcard has not read its projects and activities before, so it can neither show them nor find one by name. A clock-in or entry with no project is kept; try again with names once Kimai answers.',
    );
    const dayEnd = new BackEndError('outbox_day_end_unknown', { service: 'Kimai' });
    expect(dayEnd.kind).toBe('unavailable');
    expect(model(dayEnd)).toBe(
      "Kimai is out of reach, so Punchcard cannot see where that day's work ended. Give log_time a start (or a start and an end), and it is kept until Kimai answers.",
    );
    expect(people(dayEnd)).toBe(
      "Kimai is out of reach, so Punchcard cannot see where that day's work ended. Give a start (or a start and an end), and it is kept until Kimai answers.",
    );
    const full = new BackEndError('outbox_full', { service: 'Kimai', limit: 200 });
    expect(full.refusal).toEqual({ code: 'outbox_full', facts: { service: 'Kimai', limit: 200 } });
    expect(model(full)).toBe(
      'Kimai is out of reach, and 200 changes already wait to be sent to it; nothing more is kept until it answers. Nothing was changed.',
    );
    const off = new BackEndError('outbox_write_switched_off', { service: 'Kimai', tool: 'log_time' });
    expect(off.kind).toBe('unavailable');
    expect(model(off)).toBe(
      "Kimai is out of reach, and this change cannot be kept to send later: log_time is switched off now (the read-only switch, the tool switches or your organisation's policy). Nothing was changed.",
    );
    expect(people(off)).toContain(': Logging time is switched off now');
    const waiting = new BackEndError('outbox_entry_waiting', { service: 'Kimai', entry: -3, action: 'changed' });
    expect(waiting.kind).toBe('conflict');
    expect(model(waiting)).toBe('That entry is waiting to be sent to Kimai, so it cannot be changed yet; it gets its own number once Kimai answers.');
    const newer = new BackEndError('outbox_newer', { path: '/data/outbox.db', version: 3, supported: 2 });
    expect(model(newer)).toBe(
      '/data/outbox.db was written by a newer Punchcard (outbox schema 3; this one reads up to 2). Punchcard has not changed it. Update Punchcard to use it.',
    );
  });

  it("refuse the window's decisions where there is none to make", () => {
    const none = new ToolInputError('kept_writes_none', { back_end: 'Local timesheet' });
    expect(none.refusal).toEqual({ code: 'kept_writes_none', facts: { back_end: 'Local timesheet' } });
    expect(model(none)).toBe('Local timesheet keeps no writes to send later, so there is nothing to decide.');
    const gone = new BackEndError('kept_write_gone', { write: 7 });
    expect(gone.kind).toBe('not_found');
  });
});

describe("the outbox's notices", () => {
  it('say what was last known, and an outbox file that cannot be used, as before', () => {
    const stale = noticeOf('outbox_stale', { service: 'Kimai', problem: 'gateway', status: 503, minutes_ago: 90 });
    expect(modelText(noticeSentence(stale))).toBe(
      'Kimai is out of reach (it answered 503 (down or being updated)): this is what Punchcard last knew of it, 1 h 30 min ago, with what is waiting to be sent.',
    );
    const fresh = noticeOf('outbox_stale', { service: 'Kimai', problem: null, status: null, minutes_ago: 0 });
    expect(modelText(noticeSentence(fresh))).toBe(
      'Kimai is out of reach: this is what Punchcard last knew of it, less than a minute ago, with what is waiting to be sent.',
    );
    const unusable = noticeOf('outbox_unusable', { service: 'Kimai', file: { problem: 'not_writable', path: '/data/outbox.db' } });
    expect(modelText(noticeSentence(unusable))).toBe(
      "Punchcard's outbox /data/outbox.db cannot be written. Give your user write access to the data folder and the file. Until then, changes go straight to Kimai: while it is out of reach they fail instead of being kept to send later.",
    );
  });

  it('tell the kept writes sent one after another, each in its own words, for the model and for a person', () => {
    const write = { kind: 'clock_in', project: 'Website', activity: 'Design', start: '2026-05-04T09:02:00+02:00' } as const;
    const running = { project: 'Support', activity: null, start: '2026-05-04T08:45:00+02:00' };
    const told = noticeOf('kept_writes_to_decide', {
      service: 'Kimai',
      writes: [noticeOf('kept_clock_in_timer_running', { service: 'Kimai', write, running })],
    });
    expect(modelText(noticeSentence(told))).toBe(
      'Needs your decision (kept while Kimai was out of reach, and not sent): Your clock-in at 09:02 on "Website" · "Design" was not sent: a timer on "Support" has been running in Kimai since 08:45 (started on the web or another device). To keep both, log "Website" · "Design" with log_time; to replace it, clock in with switch: true.',
    );
    expect(peopleText(noticeSentence(told))).toContain(
      'Needs your decision (kept while Kimai was out of reach, and not sent): Your clock-in at 09:02 on "Website" · "Design" was not sent: a timer on "Support" has been running in Kimai since 08:45 (started on the web or another device). To keep both, log "Website" · "Design" as an entry; to replace it, clock in again and switch to it.',
    );
  });
});

describe('a kept write held by an approved period', () => {
  const write = { kind: 'log_time', project: 'Website', activity: 'Design', start: '2026-11-11T09:00:00+01:00', end: '2026-11-11T10:00:00+01:00' } as const;
  const held = noticeOf('kept_write_period_locked', {
    service: 'Clockify',
    write,
    first_day: '2026-11-09',
    last_day: '2026-11-15',
    status: 'approved',
    reopened_by: 'an_approver',
  });

  it('tells the model the period, who reopens it, and that the write waits in the window', () => {
    expect(modelText(noticeSentence(held))).toBe(
      'Your entry "Website" · "Design", 09:00–10:00 was not sent: Your timesheet for 2026-11-09 to 2026-11-15 is approved, so its time is kept as approved: to change it, ask your approver or an administrator to withdraw the approval in Clockify. It waits in Punchcard\'s window, to be tried again once the period is reopened; to book the time now, log it in an open period.',
    );
  });

  it('tells a person what they can do with the two choices the window shows', () => {
    const words = peopleText(noticeSentence(held));
    expect(words).toMatch(
      /withdraw the approval in Clockify\. It waits here: try it again once the period is reopened, or keep Clockify as it is and book the time in an open period\.$/,
    );
    expect(words).not.toMatch(/log_time|#\d/);
  });
});
