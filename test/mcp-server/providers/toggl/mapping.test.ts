// Toggl Track's pure parts (providers/toggl/mapping.ts, quota.ts, errors.ts): a running entry's end is never read from
// its negative duration, in either form; a 402 is a quota only where its words or headers say so; an error body is
// read as plain text or as a JSON string; a workspace named by a name it does not have is refused naming those seen.
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../../../mcp-server/providers/toggl/errors.ts';
import { chooseWorkspace, entryEnd, entryStart, requiredOf, toTimeEntry } from '../../../../mcp-server/providers/toggl/mapping.ts';
import { readPayment } from '../../../../mcp-server/providers/toggl/quota.ts';

const START = '2026-11-18T07:30:00+00:00';

describe('a Toggl time entry', () => {
  it.each([[-1], [-Math.floor(Date.parse(START) / 1000)]])('runs while its duration is negative (%i), from its start', (duration) => {
    const entry = { id: 1, start: START, stop: null, duration };
    expect(entryEnd(entry)).toBeNull();
    expect(toTimeEntry(entry, { project: null, task: null })).toMatchObject({ start: Date.parse(START), end: null });
  });

  it('ends at its stop, or its duration after its start where it has no stop', () => {
    expect(entryEnd({ id: 1, start: START, stop: '2026-11-18T08:00:00+00:00', duration: 1800 })).toBe(Date.parse('2026-11-18T08:00:00Z'));
    expect(entryEnd({ id: 1, start: START, duration: 600 })).toBe(Date.parse(START) + 600_000);
    expect(entryEnd({ id: 1, start: START, stop: START, duration: 0 })).toBe(Date.parse(START));
  });

  it("is impossible where it ends before it starts or lasts over Toggl's 999 hours: marked, never read as running", () => {
    // A stop with a negative duration is a stopped entry that ends before it starts, not a timer running since.
    const backwards = toTimeEntry({ id: 4, start: START, stop: '2026-11-18T06:30:00+00:00', duration: -3600 }, { project: null, task: null });
    expect(backwards).toMatchObject({
      end: Date.parse('2026-11-18T06:30:00Z'),
      impossible: { why: 'ends_before_start', longestHours: 999, limit: 'back_end' },
    });
    const tenYears = Date.parse(START) + 87_672 * 3_600_000;
    const long = toTimeEntry({ id: 5, start: START, stop: new Date(tenYears).toISOString(), duration: 87_672 * 3600 }, { project: null, task: null });
    expect(long.impossible).toEqual({ why: 'too_long', longestHours: 999, limit: 'back_end' });
    const longest = toTimeEntry({ id: 6, start: START, duration: 999 * 3600 }, { project: null, task: null });
    expect(longest.impossible).toBeUndefined();
  });

  it('reads its agent from an ai- tag, and refuses an entry without a start', () => {
    expect(toTimeEntry({ id: 2, start: START, stop: START, duration: 0, tags: ['billing', 'ai-claude'] }, { project: null, task: null }).agent).toBe('claude');
    expect(() => entryStart({ id: 3 })).toThrow();
  });
});

describe("a 402's meaning", () => {
  it('is the quota where its words say so, with the seconds said', () => {
    expect(readPayment('You have hit your hourly limit for API calls. The quota will reset in 133 seconds.', {})).toEqual({ kind: 'quota', resetsInS: 133 });
  });
  it('is the quota where the headers say none is left, with their reset', () => {
    expect(readPayment(null, { 'x-toggl-quota-remaining': '0', 'x-toggl-quota-resets-in': '900' })).toEqual({ kind: 'quota', resetsInS: 900 });
  });
  it('is the quota, its reset unknown, for an empty body without headers', () => {
    expect(readPayment(null, {})).toEqual({ kind: 'quota', resetsInS: null });
  });
  it("is a paid plan's feature where its words say anything else, headers or not", () => {
    expect(readPayment('Approvals are a premium feature', { 'x-toggl-quota-remaining': '12', 'x-toggl-quota-resets-in': '900' })).toEqual({ kind: 'premium' });
    expect(readPayment('Workspace needs to have this feature enabled', {})).toEqual({ kind: 'premium' });
  });
});

describe("Toggl's error bodies", () => {
  it('are read as plain text or as a JSON string; a web page or nothing is no message', () => {
    expect(messageOf({ json: undefined, text: 'Time entry not found\n' })).toBe('Time entry not found');
    expect(messageOf({ json: 'Time entry not found', text: '"Time entry not found"' })).toBe('Time entry not found');
    expect(messageOf({ json: undefined, text: '' })).toBeNull();
    expect(messageOf({ json: undefined, text: '<!doctype html><title>Oops</title>' })).toBeNull();
  });
});

describe('a Toggl workspace', () => {
  const seen = [
    { id: 4_567_890, name: 'Acme', te_constraints: { project_present: true, description_present: false, time_entry_constraints_enabled: true } },
    { id: 4_567_891, name: 'Side projects' },
  ];
  it('is found by id or name, else the default; a name none has is refused naming those seen', () => {
    expect(chooseWorkspace(seen, '4567891', undefined).name).toBe('Side projects');
    expect(chooseWorkspace(seen, 'acme', undefined).id).toBe(4_567_890);
    expect(chooseWorkspace(seen, undefined, 4_567_891).name).toBe('Side projects');
    expect(() => chooseWorkspace(seen, 'Initech', undefined)).toThrow(
      expect.objectContaining({
        refusal: {
          code: 'toggl_workspace_unknown',
          facts: {
            wanted: 'Initech',
            seen: [
              { name: 'Acme', id: 4_567_890 },
              { name: 'Side projects', id: 4_567_891 },
            ],
          },
        },
      }),
    );
  });
  it('requires what its constraints say, and nothing where they are off', () => {
    expect([...requiredOf(seen[0] ?? {})]).toEqual(['project']);
    expect([...requiredOf({ te_constraints: { project_present: true, time_entry_constraints_enabled: false } })]).toEqual([]);
  });
});
