// Another program saves the client's config while `register` is writing. The save is made at the
// moment that matters, right before Punchcard's last look at the file (after its backup and its
// new version are written), by rename or in place, so the test does not depend on how a second
// process happens to be scheduled. The other program's save must end up in the file: Punchcard
// starts over from it and never renames its own version over it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, launchSpec, RegistrationError } from '../../../mcp-server/clients/index.ts';
import { beforeLastLook, duringExchange } from '../../../mcp-server/clients/safe-file.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const homes: string[] = [];
afterEach(() => {
  beforeLastLook.hook = null;
  duringExchange.hook = null;
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const clientSave = JSON.stringify({ savedByClient: true, mcpServers: { other: { command: 'other' } } }, null, 2) + '\n';

/** Saves `text` as the client does: by rename, or in place. */
function save(file: string, text: string, style: 'rename' | 'in-place'): void {
  if (style === 'rename') {
    writeFileSync(`${file}.client-tmp`, text);
    renameSync(`${file}.client-tmp`, file);
  } else writeFileSync(file, text);
}

/** Punchcard's files of the moment (temporary, moved aside, link probe) left in the folder. */
function leftovers(file: string): string[] {
  return readdirSync(join(file, '..')).filter((name) => /\.punchcard-\d+-[0-9a-f]+\./.test(name));
}

function cursorHome() {
  const home = mkdtempSync(join(tmpdir(), 'punchcard-race-'));
  homes.push(home);
  const file = join(home, '.cursor', 'mcp.json');
  mkdirSync(join(home, '.cursor'));
  writeFileSync(file, '{\n  "mcpServers": {}\n}\n');
  const registrar = createRegistrar({
    environment: currentEnvironment({ HOME: home, PATH: '' }),
    launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: false }),
  });
  return { file, registrar };
}

describe.each(['rename', 'in-place'] as const)('a client saving its config during register (%s)', (style) => {
  it('keeps the save and registers on top of it', () => {
    const { file, registrar } = cursorHome();
    const seen: string[] = [];
    beforeLastLook.hook = (target) => {
      seen.push(readFileSync(target, 'utf8'));
      if (seen.length > 1) return; // the other program saves once
      if (style === 'rename') {
        writeFileSync(file + '.client-tmp', clientSave);
        renameSync(file + '.client-tmp', file);
      } else writeFileSync(file, clientSave);
    };
    registrar.register('cursor');
    const final = JSON.parse(readFileSync(file, 'utf8')) as { savedByClient?: boolean; mcpServers: Record<string, unknown> };
    expect(final.savedByClient).toBe(true);
    expect(final.mcpServers.other).toEqual({ command: 'other' });
    expect(final.mcpServers.punchcard).toMatchObject({ command: process.execPath });
    // The first write was abandoned at its last look, the second started from the client's save.
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(clientSave);
  });

  it('gives up in words when the file keeps changing, leaving the last save in place', () => {
    const { file, registrar } = cursorHome();
    let saves = 0;
    beforeLastLook.hook = () => {
      const text = JSON.stringify({ save: ++saves, mcpServers: {} }) + '\n';
      if (style === 'rename') {
        writeFileSync(file + '.client-tmp', text);
        renameSync(file + '.client-tmp', file);
      } else writeFileSync(file, text);
    };
    expect(() => registrar.register('cursor')).toThrow(RegistrationError);
    expect(() => registrar.register('cursor')).toThrow(/changed while Punchcard was editing it/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ save: saves, mcpServers: {} });
  });
});

describe('a save at each moment of the exchange', () => {
  describe.each(['rename', 'in-place'] as const)('right after the last look read the file (%s)', (style) => {
    it('is put back when Punchcard moves the file aside, and the registration is made on top of it', () => {
      const { file, registrar } = cursorHome();
      let saved = false;
      duringExchange.hook = (step) => {
        if (step !== 'looked' || saved) return;
        saved = true;
        save(file, clientSave, style);
      };
      registrar.register('cursor');
      expect(saved).toBe(true);
      const final = JSON.parse(readFileSync(file, 'utf8')) as { savedByClient?: boolean; mcpServers: Record<string, unknown> };
      expect(final.savedByClient).toBe(true);
      expect(final.mcpServers.other).toEqual({ command: 'other' });
      expect(final.mcpServers.punchcard).toMatchObject({ command: process.execPath });
      expect(leftovers(file)).toEqual([]);
    });
  });

  it('while the file is moved aside and its name is missing: a save that takes the name stays, and the registration is made on top of it', () => {
    const { file, registrar } = cursorHome();
    let saved = false;
    duringExchange.hook = (step) => {
      if (step !== 'moved' || saved) return;
      saved = true;
      expect(existsSync(file)).toBe(false);
      save(file, clientSave, 'rename');
    };
    registrar.register('cursor');
    expect(saved).toBe(true);
    const final = JSON.parse(readFileSync(file, 'utf8')) as { savedByClient?: boolean; mcpServers: Record<string, unknown> };
    expect(final.savedByClient).toBe(true);
    expect(final.mcpServers.punchcard).toMatchObject({ command: process.execPath });
    // The backup holds what the registration replaced: the client's save.
    expect(readFileSync(`${file}.punchcard-backup`, 'utf8')).toBe(clientSave);
    expect(leftovers(file)).toEqual([]);
  });

  it('unregistering a file Punchcard created does not delete a save made after its last look', () => {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-race-'));
    homes.push(home);
    const file = join(home, '.cursor', 'mcp.json');
    const registrar = createRegistrar({
      environment: currentEnvironment({ HOME: home, PATH: '' }),
      launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: false }),
    });
    registrar.register('cursor');
    expect(existsSync(`${file}.punchcard-created`)).toBe(true);
    let saved = false;
    duringExchange.hook = (step) => {
      if (step !== 'looked' || saved) return;
      saved = true;
      save(file, clientSave, 'rename');
    };
    registrar.unregister('cursor');
    expect(saved).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(clientSave);
    expect(leftovers(file)).toEqual([]);
  });

  it('puts back a config a Punchcard killed between its move and its link left aside, and leaves a live one’s alone', () => {
    const { file, registrar } = cursorHome();
    const original = readFileSync(file, 'utf8');
    // What a killed Punchcard leaves: the file moved aside under its process id, nothing at the name.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const aside = join(file, '..', `.mcp.json.punchcard-${gone.stdout}-0badf00d.aside`);
    renameSync(file, aside);
    // A process still running is in the middle of its own exchange: its file aside is not taken.
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const busy = join(file, '..', `.mcp.json.punchcard-${running.pid}-0dd0dd00.aside`);
      writeFileSync(busy, '{"mcpServers":{"from":"a live exchange"}}');
      registrar.register('cursor');
      const final = JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: Record<string, unknown> };
      // Registered on top of the config that was put back, not on a new, empty one.
      expect(readFileSync(`${file}.punchcard-backup`, 'utf8')).toBe(original);
      expect(final.mcpServers.punchcard).toMatchObject({ command: process.execPath });
      expect(existsSync(aside)).toBe(false);
      expect(existsSync(busy)).toBe(true);
    } finally {
      running.kill();
    }
  });
});
