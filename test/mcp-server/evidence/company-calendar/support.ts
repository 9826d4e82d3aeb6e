// What the company calendar readers' tests share: a test CA this process trusts (the fakes serve https,
// as the readers require), a token source that notes what it was asked, and a check that no token the
// tests used appears in anything a reading returned.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { expect } from 'vitest';
import type { AccessTokenSource } from '../../../../mcp-server/evidence/company-calendar/reader.ts';
import { makeTestCertificates } from '../../providers/kimai/fake-kimai.ts';

export const ACCOUNT_PAGE = 'https://punchcard.example.com/account';

/** A key and certificate for localhost, signed by a CA this test process now trusts. */
export function trustedCertificates(): { tls: { key: string; cert: string }; cleanUp(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-company-calendar-'));
  const certificates = makeTestCertificates(folder);
  setDefaultCACertificates([...getCACertificates('default'), readFileSync(certificates.caFile, 'utf8')]);
  return { tls: { key: certificates.key, cert: certificates.cert }, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * The caller's tokens: the first answer for a token from memory, the next ones for each renewal; a
 * string is a token, 'refused' or 'unreachable' the grant's state. `asked` notes each call's `renew`.
 */
export function tokenSource(...answers: Array<string | 'refused' | 'unreachable'>): { source: AccessTokenSource; asked: boolean[] } {
  const asked: boolean[] = [];
  const source: AccessTokenSource = async (renew) => {
    asked.push(renew);
    const answer = answers[Math.min(asked.length - 1, answers.length - 1)] as string;
    if (answer === 'refused') return { refused: 'grant' };
    if (answer === 'unreachable') return { refused: 'unreachable' };
    return { token: answer };
  };
  return { source, asked };
}

/** Every token a test handed out, and every reading: none may carry one. */
export function noTokenIn(readings: readonly unknown[], tokens: readonly string[]): void {
  const text = JSON.stringify(readings);
  for (const token of tokens) expect(text).not.toContain(token);
}

/** Epoch milliseconds of an ISO instant. */
export const at = (iso: string): number => Date.parse(iso);
