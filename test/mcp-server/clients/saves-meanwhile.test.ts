// Another program saves its config file, by a temporary file renamed over it as Claude Desktop
// does, while `register` writes the same file: a real second process, many rounds. Its save must
// never be lost: in the end the file holds it, with Punchcard's entry added on top (Punchcard
// started over from it) or without (the save came after Punchcard's), or Punchcard says in words
// that the file changed and leaves the save as it is. Nothing of Punchcard's is left beside it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, launchSpec, type Registrar } from '../../../mcp-server/clients/index.ts';
import { beforeLastLook } from '../../../mcp-server/clients/safe-file.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';
import { type OtherProgram, startOtherProgram } from './other-program-save.ts';

const homes: string[] = [];
const programs: OtherProgram[] = [];
afterEach(() => {
  beforeLastLook.hook = null;
  for (const program of programs.splice(0)) program.stop();
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function registrarIn(home: string): Registrar {
  return createRegistrar({
    environment: currentEnvironment({ HOME: home, PATH: '' }),
    launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: false }),
  });
}

interface Tally {
  lost: string[];
  startedOver: number;
  savedAfter: number;
  refused: number;
}

/** Registers once while the other program saves `round`, and notes how it ended; a lost save is noted with what the file held. */
async function registerWhileSaving(registrar: Registrar, id: string, file: string, round: number, other: OtherProgram, tally: Tally): Promise<void> {
  let refusal: string | undefined;
  try {
    registrar.register(id);
  } catch (error) {
    refusal = (error as Error).message;
  }
  await other.heard(`saved ${round}`);
  const text = readFileSync(file, 'utf8');
  const final = JSON.parse(text) as { savedByTheOtherProgram?: { round: number }; mcpServers: Record<string, unknown> };
  if (final.savedByTheOtherProgram?.round !== round) tally.lost.push(`round ${round}: ${text.slice(0, 200)}`);
  else if (refusal !== undefined) {
    expect(refusal).toMatch(/changed while Punchcard was editing it/);
    tally.refused++;
  } else if (final.mcpServers.punchcard) tally.startedOver++;
  else tally.savedAfter++;
  expect(final.mcpServers.other).toEqual({ command: 'other-server' });
  expect(readdirSync(join(file, '..')).filter((name) => /\.punchcard-\d+-[0-9a-f]+\./.test(name))).toEqual([]);
}

describe('another program saving its config while register writes it (real processes)', () => {
  it('Claude Desktop saving the moment the backup appears: the save is never lost, over 60 rounds', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-saves-'));
    homes.push(home);
    const folder = join(home, '.config', 'Claude');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'claude_desktop_config.json');
    const registrar = registrarIn(home);
    const other = await startOtherProgram('when-backup-appears', file);
    programs.push(other);
    const tally: Tally = { lost: [], startedOver: 0, savedAfter: 0, refused: 0 };
    for (let round = 0; round < 60; round++) {
      writeFileSync(file, `${JSON.stringify({ mcpServers: { other: { command: 'other-server' } }, before: round }, null, 2)}\n`);
      rmSync(`${file}.punchcard-backup`, { force: true });
      await other.ask(`arm ${round}`, `armed ${round}`);
      await registerWhileSaving(registrar, 'claude-desktop', file, round, other, tally);
    }
    expect(tally.lost).toEqual([]);
    expect(tally.startedOver + tally.savedAfter + tally.refused).toBe(60);
  });

  it("a save landing while the last look still reads a large file (Claude Code's ~/.claude.json): never lost, over 12 rounds", {
    timeout: 60_000,
  }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-saves-'));
    homes.push(home);
    const file = join(home, '.claude.json');
    const registrar = registrarIn(home);
    const other = await startOtherProgram('now', file);
    programs.push(other);
    // Four megabytes of project history: reading and comparing it takes the last look milliseconds.
    const projects = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`/home/someone/project-${index}`, { history: 'x'.repeat(2000) }]));
    const tally: Tally = { lost: [], startedOver: 0, savedAfter: 0, refused: 0 };
    for (let round = 0; round < 12; round++) {
      writeFileSync(file, `${JSON.stringify({ projects, mcpServers: { other: { command: 'other-server' } } }, null, 2)}\n`);
      rmSync(`${file}.punchcard-backup`, { force: true });
      let told = false;
      beforeLastLook.hook = () => {
        if (told) return;
        told = true;
        other.tell(`save ${round}`);
      };
      await registerWhileSaving(registrar, 'claude-code', file, round, other, tally);
    }
    expect(tally.lost).toEqual([]);
    expect(tally.startedOver + tally.savedAfter + tally.refused).toBe(12);
  });
});
