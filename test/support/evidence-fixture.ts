// A day's evidence for the tests that drive a whole engine: one repository in the data folder holding
// one commit of the person's, and the settings' `evidence` naming it, so suggest_entries has a draft to
// show and book_suggested_entries one to book (docs/evidence.md).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Step } from './request-counting.ts';

/** The person's address in the commit and in the settings. */
export const EVIDENCE_EMAIL = 'ada@example.com';

/** Makes `<dir>/src/shop` with one commit at `when` (ISO 8601 with an offset); answers the settings' `evidence` naming it. */
export function oneCommitEvidence(dir: string, when: string): Record<string, unknown> {
  const repository = join(dir, 'src', 'shop');
  execFileSync('git', ['init', '-q', '-b', 'main', repository]);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: EVIDENCE_EMAIL, GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: EVIDENCE_EMAIL };
  execFileSync('git', ['-C', repository, 'commit', '--allow-empty', '-q', '-m', 'Basket totals'], {
    env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
  });
  return { emails: [EVIDENCE_EMAIL], git: { folders: [join(dir, 'src')] } };
}

/**
 * The steps of a back end's scripted request test for the day from evidence, over oneCommitEvidence's
 * commit of yesterday: the suggestion (what is booked, and the bookings of the weeks before), then the
 * booking of its draft on `booking`'s project (the same two reads again, then the write). Where the
 * back end reuses a listing for a moment, `writeBetween` puts a log_time of that many requests between
 * them, so the booking's count does not hang on how long ago the suggestion was.
 */
export function evidenceSteps(booking: { project: string; activity?: string }, writeBetween?: number): Step[] {
  return [
    { label: 'suggest_entries (what is booked, and the bookings of the weeks before)', tool: 'suggest_entries', args: { from: 'yesterday' }, expected: 2 },
    ...(writeBetween === undefined
      ? []
      : [
          { label: 'log_time start and end', tool: 'log_time', args: { start: 'yesterday 12:00', end: 'yesterday 12:30', ...booking }, expected: writeBetween },
        ]),
    {
      label: 'book_suggested_entries (the drafts worked out again, then the one booked)',
      tool: 'book_suggested_entries',
      args: { from: 'yesterday', entries: [{ id: '{draft}', ...booking }] },
      expected: 3,
    },
  ];
}
