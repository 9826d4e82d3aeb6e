// A day's evidence for the tests that drive a whole engine: one repository in the data folder holding
// one commit of the person's, and the settings' `evidence` naming it, so suggest_entries has a draft to
// show and book_suggested_entries one to book (docs/evidence.md).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

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
