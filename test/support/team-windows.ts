// The team group's end-to-end tests page team_report the way a client does: from offset 0, window
// after window, until next_offset is null. Each call must succeed and send the fake back end no
// more requests than one call may; what each window held is handed back for the test's own checks.
import { expect } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../mcp-server/domain/call-limits.ts';
import type { Transport } from '@modelcontextprotocol/client';
import { type EngineHandle, textOf } from './engine.ts';

/** One person of a team_report window, as its structured content has them. */
export interface TeamRow {
  name: string;
  minutes: number;
  target_minutes: number | null;
}

/** Every window of team_report of up to `limit` people, in order, each checked as above. */
export async function everyTeamWindow(
  engine: EngineHandle<Transport>,
  fake: { readonly requests: readonly unknown[] },
  limit: number,
): Promise<Array<{ people: TeamRow[]; total: number }>> {
  const windows: Array<{ people: TeamRow[]; total: number }> = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const before = fake.requests.length;
    const page = await engine.call('team_report', { offset, limit });
    expect(page.isError, textOf(page)).toBeFalsy();
    expect(fake.requests.length - before).toBeLessThanOrEqual(MAX_REQUESTS_PER_CALL);
    windows.push({ people: page.structuredContent?.people as TeamRow[], total: page.structuredContent?.total_people as number });
    offset = page.structuredContent?.next_offset as number | null;
  }
  return windows;
}
