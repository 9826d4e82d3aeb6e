import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFUSALS } from '../../mcp-server/contract/outcomes/refusals.ts';
import { REFUSAL_LIST, refusalList } from '../../scripts/refusal-list.ts';

describe('docs/refusals.md', () => {
  it('is the list the catalogs make (node scripts/refusal-list.ts writes it)', () => {
    expect(readFileSync(REFUSAL_LIST, 'utf8')).toBe(refusalList());
  });

  it('names every refusal code with its kind', () => {
    const page = refusalList();
    for (const [code, wording] of Object.entries(REFUSALS)) expect(page).toContain(`| \`${code}\` | ${wording.kind} |`);
  });
});
