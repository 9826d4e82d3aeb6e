// The `workingTime` settings (docs/working-time.md): off unless set, each field falling back alone with
// a note, the set the window suggests for a holiday country, and the organisation's rules (its policy
// file, the team server's config) winning over the person's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { parseSettings } from '../../../mcp-server/contract/parse-settings.ts';
import { parsePolicyFile } from '../../../mcp-server/contract/policy.ts';
import { suggestedRules } from '../../../mcp-server/contract/working-time-settings.ts';
import { describePolicy, loadPolicy, NO_POLICY, settingsUnderPolicy } from '../../../mcp-server/policy/policy.ts';
import { peopleSettings } from '../../../team-server/team/person-engines.ts';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';

function read(raw: Record<string, unknown>) {
  const verdict = parseSettings(raw);
  if (!verdict.ok) throw new Error(verdict.problem);
  return verdict;
}

describe('the workingTime settings', () => {
  it('are off in a file without them, and a fresh install has them off', () => {
    expect(read({}).settings.workingTime).toEqual({ rules: 'off', notify: true });
    expect(defaultSettings().workingTime.rules).toBe('off');
  });

  it('take each rule set and a balance start', () => {
    for (const rules of ['eu', 'de', 'at', 'off'] as const) expect(read({ workingTime: { rules } }).settings.workingTime.rules).toBe(rules);
    const { settings, notes } = read({ workingTime: { rules: 'de', notify: false, balance: { since: '2026-01-01', openingMinutes: -90 } } });
    expect(settings.workingTime).toEqual({ rules: 'de', notify: false, balance: { since: '2026-01-01', openingMinutes: -90 } });
    expect(notes).toEqual([]);
  });

  it('fall back field by field, each fallback said: a set that is none is off, a balance that does not read is none', () => {
    const { settings, notes } = read({ workingTime: { rules: 'fr', notify: 'yes', balance: { since: '2026-02-30', openingMinutes: 0 } } });
    expect(settings.workingTime).toEqual({ rules: 'off', notify: true });
    expect(notes).toEqual([
      'workingTime.rules: expected one of "off", "eu", "de" or "at" (it is "fr"); "off" is used until it is fixed.',
      'workingTime.notify: expected true or false (it is "yes"); true is used until it is fixed.',
      'workingTime.balance.since: a day such as 2026-01-01 (it is {"since":"2026-02-30","openingMinutes…); the first day of this year, from 0, is used until it is fixed.',
    ]);
  });

  it('keep good neighbours of a bad one, and name keys they do not know', () => {
    const { settings, notes } = read({ workingTime: { rules: 'at', balance: { since: '2026-03-01', openingMinutes: 1.5 }, rule: 'de' } });
    expect(settings.workingTime).toEqual({ rules: 'at', notify: true });
    expect(notes).toEqual([
      'workingTime.rule is not a setting this Punchcard knows; it is ignored.',
      expect.stringMatching(/^workingTime\.balance\.openingMinutes: expected a whole number from -100000 to 100000/),
    ]);
    expect(read({ workingTime: 'de' }).notes).toEqual(['workingTime is "de", not an object; its defaults are used until it is fixed.']);
  });
});

describe('the set the window suggests', () => {
  it.each([
    ['DE', 'de'],
    ['at', 'at'],
    ['FR', 'eu'],
    ['IE', 'eu'],
    ['CH', 'off'],
    ['GB', 'off'],
    [undefined, 'off'],
  ])('for %s is %s', (country, rules) => {
    expect(suggestedRules(country)).toBe(rules);
  });
});

const dirs: string[] = [];
function policyFile(policy: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-policy-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  return join(dir, 'policy.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the organisation's rules", () => {
  it("win over the person's, and leave the settings as they are where the policy sets none", async () => {
    const policy = await loadPolicy([policyFile({ schemaVersion: 1, workingTime: { rules: 'at' } })]);
    expect(policy.problem).toBeNull();
    expect(describePolicy(policy).workingTime).toEqual({ rules: 'at' });
    const mine = { ...defaultSettings(), workingTime: { rules: 'de' as const, notify: false } };
    expect(settingsUnderPolicy(policy, mine).workingTime).toEqual({ rules: 'at', notify: false });
    expect(settingsUnderPolicy(NO_POLICY, mine)).toBe(mine);
  });

  it('refuse a set that is none, and two files that set different ones', async () => {
    const typo = parsePolicyFile(JSON.stringify({ schemaVersion: 1, workingTime: { rules: 'DE' } }));
    expect(typo.ok ? null : typo.problem).toMatch(/^workingTime\.rules: expected one of "off", "eu", "de" or "at"/);
    const two = await loadPolicy([
      policyFile({ schemaVersion: 1, workingTime: { rules: 'de' } }),
      policyFile({ schemaVersion: 1, workingTime: { rules: 'eu' } }),
    ]);
    expect(two.problem).toMatch(/workingTime\.rules is "eu", but .*policy\.json sets "de"$/);
    expect(two.aiEnabled).toBe(false);
  });

  it("of the team server's config apply to everyone it serves", () => {
    const text = (settings: unknown) =>
      JSON.stringify({
        public_url: 'http://127.0.0.1:8787',
        provider: { type: 'local' },
        sign_in: { development: true },
        store: 'sqlite:/tmp/punchcard-wt/server.db',
        key_env: 'PUNCHCARD_SERVER_KEY',
        settings,
      });
    const read = serverConfigFromText(text({ working_time: { rules: 'de' } }), 'server.json');
    if (!read.ok) throw new Error(read.problem);
    expect(peopleSettings(read.config, 'Ada').workingTime).toEqual({ rules: 'de', notify: true });
    const none = serverConfigFromText(text({}), 'server.json');
    if (!none.ok) throw new Error(none.problem);
    expect(peopleSettings(none.config, 'Ada').workingTime.rules).toBe('off');
    const wrong = serverConfigFromText(text({ working_time: { rules: 'germany' } }), 'server.json');
    expect(wrong.ok ? null : wrong.problem).toMatch(/settings\.working_time\.rules/);
  });
});
