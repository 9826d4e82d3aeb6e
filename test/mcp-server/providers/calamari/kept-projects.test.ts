// What a Calamari engine keeps of the person's projects for the engines that start within the hour
// (kept-projects.ts): the id and name of each, within bounds that a whole list fits or none of it; taken
// only within the hour of the listing by the reader's clock; forgotten on a refusal; in a file of its
// own, so the opening's read of the facts for the tools does not grow; a field to a line, so the team
// server's shelf of 64 KiB holds it; and read again from a shelf another instance writes to.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALAMARI_FACTS_FILE, calamariFacts, calamariFactsKey } from '../../../../mcp-server/providers/calamari/facts.ts';
import { CALAMARI_PROJECTS_FILE, KEPT_PROJECTS, KeptProjects, keptProjects } from '../../../../mcp-server/providers/calamari/kept-projects.ts';
import type { FactsShelf } from '../../../../mcp-server/providers/remote/facts-file.ts';

const PROFILE = { url: 'https://acme.calamari.io', email: 'ada@acme.example' };
const KEY = calamariFactsKey(PROFILE);
const HOUR = 60 * 60_000;
/** The team server keeps no facts file longer than this (team-server/team/person-state.ts). */
const SHELF_MAX_CHARS = 64 * 1024;
const READ_AT = Date.parse('2026-11-18T07:00:03.000Z');

let dir: string;
const logged: string[] = [];
const log = (message: string) => logged.push(message);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-calamari-projects-'));
  logged.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const projects = (count: number, nameLength = 30) =>
  Array.from({ length: count }, (_, index) => ({ id: 100_000 + index, name: `${index} `.padEnd(nameLength, 'x') }));
const kept = (place: string | FactsShelf = dir, key = KEY) => new KeptProjects({ place, key, ttlMs: HOUR, log });
const at = (time: number) => () => time;

describe('keptProjects', () => {
  it("keeps each project's id and name, in Calamari's order, and nothing else it answered", () => {
    expect(
      keptProjects([
        { id: 202, name: 'Website relaunch', internalRevision: 7 },
        { id: 201, name: 'General' },
      ]),
    ).toEqual([
      { id: 202, name: 'Website relaunch' },
      { id: 201, name: 'General' },
    ]);
    expect(keptProjects([])).toEqual([]);
  });

  it('keeps no list that is not one of projects: none of it, as a part would make a name there look unknown', () => {
    for (const value of [
      undefined,
      null,
      'General',
      { id: 1, name: 'General' },
      [{ id: '201', name: 'General' }],
      [{ id: 201 }],
      [{ id: 1.5, name: 'x' }],
      [null],
    ])
      expect(keptProjects(value), JSON.stringify(value)).toBeUndefined();
    expect(keptProjects([{ id: 201, name: 'General' }, 'Website relaunch'])).toBeUndefined();
  });

  it(`keeps at most ${KEPT_PROJECTS.most} projects in at most ${KEPT_PROJECTS.chars} characters, and past either bound none`, () => {
    expect(keptProjects(projects(KEPT_PROJECTS.most))).toHaveLength(KEPT_PROJECTS.most);
    expect(keptProjects(projects(KEPT_PROJECTS.most + 1))).toBeUndefined();
    // 200 projects of 200-character names: 40 KB of names.
    expect(keptProjects(projects(200, 200))).toBeUndefined();
    expect(keptProjects([{ id: 1, name: 'x'.repeat(KEPT_PROJECTS.chars) }])).toBeUndefined();
  });
});

describe('KeptProjects', () => {
  const LIST = [
    { id: 201, name: 'General' },
    { id: 202, name: 'Website relaunch' },
  ];

  it('gives the list within the hour of its listing, by the reader’s clock, and not before nor after it', async () => {
    kept().keep(LIST, READ_AT);
    expect(await kept().fresh(at(READ_AT))).toEqual({ projects: LIST, until: READ_AT + HOUR });
    expect(await kept().fresh(at(READ_AT + HOUR - 1))).toEqual({ projects: LIST, until: READ_AT + HOUR });
    expect(await kept().fresh(at(READ_AT + HOUR))).toBeUndefined();
    // A listing this clock puts ahead of now is not trusted to be within the hour.
    expect(await kept().fresh(at(READ_AT - 1))).toBeUndefined();
    expect(await kept(dir, calamariFactsKey({ ...PROFILE, email: 'bob@acme.example' })).fresh(at(READ_AT))).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('forgets the list on a refusal, and where a new listing is past the bounds', async () => {
    kept().keep(LIST, READ_AT);
    kept().forget();
    expect(await kept().fresh(at(READ_AT + 1))).toBeUndefined();
    kept().keep(LIST, READ_AT);
    kept().keep(projects(KEPT_PROJECTS.most + 1), READ_AT + 60_000);
    expect(await kept().fresh(at(READ_AT + 120_000))).toBeUndefined();
  });

  it('keeps the list in a file of its own: what the opening reads for the tools is as it was', () => {
    calamariFacts.write(dir, KEY, { timeAndAttendance: true, timeOff: false, timezone: 'Europe/Berlin' }, log);
    const facts = readFileSync(join(dir, CALAMARI_FACTS_FILE), 'utf8');
    kept().keep(projects(KEPT_PROJECTS.most), READ_AT);
    expect(readFileSync(join(dir, CALAMARI_FACTS_FILE), 'utf8')).toBe(facts);
    expect(existsSync(join(dir, CALAMARI_PROJECTS_FILE))).toBe(true);
    expect(calamariFacts.read(dir, KEY)).toEqual({ timeAndAttendance: true, timeOff: false, timezone: 'Europe/Berlin' });
  });

  it('writes a file the team server can shelve with two accounts at the most that is kept, a field to a line', async () => {
    // As long a list as is kept: 500 projects of 35-character names.
    const longest = keptProjects(projects(KEPT_PROJECTS.most, 35)) ?? [];
    expect(longest).toHaveLength(KEPT_PROJECTS.most);
    expect(JSON.stringify(longest).length).toBeGreaterThan(KEPT_PROJECTS.chars - 1_000);
    kept().keep(longest, READ_AT);
    // Another account (the person's e-mail changed) with as long a list.
    kept(dir, calamariFactsKey({ ...PROFILE, email: 'ada.lovelace@acme.example' })).keep(longest, READ_AT);
    const text = readFileSync(join(dir, CALAMARI_PROJECTS_FILE), 'utf8');
    expect(text.length).toBeLessThan(SHELF_MAX_CHARS);
    // One line a field: the list is one line, not four a project.
    expect(text.split('\n')).toHaveLength(11);
    expect((await kept().fresh(at(READ_AT)))?.projects).toEqual(longest);
  });

  it("reads a shelf again before it answers: another instance's listing, written since this one opened", async () => {
    // Two instances' shelves over one store.
    const store = new Map<string, string>();
    const shelf = (): FactsShelf => {
      const files = new Map(store);
      return {
        read: (name) => files.get(name),
        write: (name, text) => {
          files.set(name, text);
          store.set(name, text);
        },
        reload: async (name) => {
          const text = store.get(name);
          if (text !== undefined) files.set(name, text);
        },
      };
    };
    const [a, b] = [shelf(), shelf()];
    kept(a).keep(LIST, READ_AT);
    expect(b.read(CALAMARI_PROJECTS_FILE)).toBeUndefined();
    expect(await kept(b).fresh(at(READ_AT + 1))).toEqual({ projects: LIST, until: READ_AT + HOUR });
  });
});
