// Another program saves the client's config while `register` is writing. The save is made at the
// moment that matters, right before Punchcard's last look at the file (after its backup and its
// new version are written), by rename or in place, so the test does not depend on how a second
// process happens to be scheduled. The other program's save must end up in the file: Punchcard
// starts over from it and never renames its own version over it.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, launchSpec, RegistrationError } from '../../../mcp-server/clients/index.ts';
import { beforeLastLook } from '../../../mcp-server/clients/safe-file.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const homes: string[] = [];
afterEach(() => {
  beforeLastLook.hook = null;
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const clientSave = JSON.stringify({ savedByClient: true, mcpServers: { other: { command: 'other' } } }, null, 2) + '\n';

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
