// Another program saves the client's config while `register` is writing: a watcher in a second
// process saves the moment Punchcard's backup appears (the slowest part of a write), by rename or in
// place. Whatever the timing, the other program's save must end up in the file: Punchcard either
// starts over from it or fails, and never renames its own version over it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, launchSpec, RegistrationError } from '../../../mcp-server/clients/index.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const TRIALS = 10;
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A process that saves `file` once, right when `trigger` appears in its folder; resolves when ready. */
function saveOnBackup(file: string, style: 'rename' | 'in-place') {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs'); const path = require('node:path');
       const file = ${JSON.stringify(file)}; const folder = path.dirname(file);
       const save = () => {
         const text = JSON.stringify({ savedByClient: true, mcpServers: { other: { command: 'other' } } }, null, 2) + '\\n';
         if (${JSON.stringify(style)} === 'rename') { fs.writeFileSync(file + '.client-tmp', text); fs.renameSync(file + '.client-tmp', file); }
         else fs.writeFileSync(file, text);
         process.exit(0);
       };
       fs.watch(folder, (event, name) => { if (name === path.basename(file) + '.punchcard-backup') save(); });
       process.stdout.write('ready\\n');
       setTimeout(() => process.exit(3), 10000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return {
    ready: new Promise<void>((resolve) => child.stdout.once('data', () => resolve())),
    exited: new Promise<number | null>((resolve) => child.on('exit', resolve)),
  };
}

describe.each(['rename', 'in-place'] as const)('a client saving its config during register (%s)', (style) => {
  it(`loses no save in ${TRIALS} trials`, async () => {
    let registered = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const home = mkdtempSync(join(tmpdir(), 'punchcard-race-'));
      homes.push(home);
      const file = join(home, '.cursor', 'mcp.json');
      mkdirSync(join(home, '.cursor'));
      writeFileSync(file, '{\n  "mcpServers": {}\n}\n');
      const watcher = saveOnBackup(file, style);
      await watcher.ready;
      const environment = currentEnvironment({ HOME: home, PATH: '' });
      const registrar = createRegistrar({
        environment,
        launch: launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: false }),
      });
      try {
        registrar.register('cursor');
        registered++;
      } catch (error) {
        expect(error).toBeInstanceOf(RegistrationError);
      }
      expect(await watcher.exited).toBe(0);
      const final = JSON.parse(readFileSync(file, 'utf8')) as { savedByClient?: boolean; mcpServers: Record<string, unknown> };
      expect(final.savedByClient, JSON.stringify(final) + ' registered=' + registered + ' trial=' + trial).toBe(true);
      expect(final.mcpServers.other).toEqual({ command: 'other' });
    }
    // Starting over from the other program's save usually lets the registration go through as well.
    expect(registered).toBeGreaterThan(0);
  });
});
