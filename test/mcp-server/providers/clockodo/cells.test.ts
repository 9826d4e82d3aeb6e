// Clockodo's offers, cell by cell (mcp-server/providers/clockodo/cells.ts), and the facts they are read from: what
// an owner's refusals (403) withdrew is one list, and a file an earlier Punchcard wrote with a flag each reads the same.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actingForCapabilities, clockodoCapabilities } from '../../../../mcp-server/providers/clockodo/cells.ts';
import { CLOCKODO_FACTS_FILE, clockodoFacts, clockodoFactsKey } from '../../../../mcp-server/providers/clockodo/facts.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const PROFILE = { email: 'olga@example.com', url: 'https://my.clockodo.com' };

describe("Clockodo's offers", () => {
  it("offers an owner the administration, less what Clockodo refused under the owner's role", () => {
    expect([...clockodoCapabilities({ role: 'owner', absences: true })].filter((capability) => capability.startsWith('admin_')).sort()).toEqual([
      'admin_catalog',
      'admin_corrections',
      'admin_people',
      'admin_teams',
    ]);
    expect(
      [...clockodoCapabilities({ role: 'owner', refused: ['admin_teams', 'admin_catalog'] })].filter((capability) => capability.startsWith('admin_')).sort(),
    ).toEqual(['admin_corrections', 'admin_people']);
  });

  it('offers no administration under the organisation credential, whatever the role', () => {
    expect([...actingForCapabilities({ role: 'owner', leads: true, absences: true })].sort()).toEqual([
      'account',
      'calendar',
      'catalog',
      'entries',
      'entries_edit',
      'leave',
      'leave_cancel',
      'reports',
      'team_hours',
      'team_projects',
      'timer',
    ]);
  });

  it('reads the flags an earlier Punchcard kept as the refusals they were', () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-clockodo-facts-'));
    folders.push(folder);
    const key = clockodoFactsKey(PROFILE);
    writeFileSync(
      join(folder, CLOCKODO_FACTS_FILE),
      JSON.stringify({ [key]: { role: 'owner', peopleRefused: true, correctionsRefused: true, teamsRefused: false } }),
    );
    expect(clockodoFacts.read(folder, key)).toEqual({ role: 'owner', refused: ['admin_people', 'admin_corrections'] });
    writeFileSync(join(folder, CLOCKODO_FACTS_FILE), JSON.stringify({ [key]: { role: 'owner', refused: ['admin_teams', 'nonsense', 7] } }));
    expect(clockodoFacts.read(folder, key)).toEqual({ role: 'owner', refused: ['admin_teams'] });
  });
});
