// A config folder on a file system without hard links (FAT on a stick, some network shares), where
// the exchange's link cannot be made: Punchcard falls back to a last look right before the rename.
// Such a file system cannot be mounted here, so node:fs's linkSync answers as FAT does under Linux
// (EPERM); everything else is the real file system.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../mcp-server/clients/config-error.ts';
import { beforeLastLook, loadConfigFile, replaceConfigFile } from '../../../mcp-server/clients/safe-file.ts';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    linkSync: () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    },
  };
});

const folders: string[] = [];
afterEach(() => {
  beforeLastLook.hook = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'punchcard-nolinks-'));
  folders.push(made);
  return made;
}

describe('a folder without hard links', () => {
  it('still replaces the file, keeps a backup and leaves nothing else behind', () => {
    const path = join(folder(), 'mcp.json');
    writeFileSync(path, '{}\n');
    const { backup } = replaceConfigFile(loadConfigFile(path, '  ', 1024), Buffer.from('{"mcpServers": {}}\n'));
    expect(readFileSync(path, 'utf8')).toBe('{"mcpServers": {}}\n');
    expect(backup).toBe(`${path}.punchcard-backup`);
    expect(readFileSync(`${path}.punchcard-backup`, 'utf8')).toBe('{}\n');
    expect(readdirSync(join(path, '..')).sort()).toEqual(['mcp.json', 'mcp.json.punchcard-backup']);
  });

  it('creates a file that was not there', () => {
    const path = join(folder(), 'mcp.json');
    replaceConfigFile(loadConfigFile(path, '  ', 1024), Buffer.from('{}\n'));
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it("still refuses, with the other program's save kept, when the file changed before the last look", () => {
    const path = join(folder(), 'mcp.json');
    writeFileSync(path, '{}\n');
    const loaded = loadConfigFile(path, '  ', 1024);
    beforeLastLook.hook = () => writeFileSync(path, '{"saved": "by the client"}\n');
    expect(() => replaceConfigFile(loaded, Buffer.from('{"mcpServers": {}}\n'))).toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe('{"saved": "by the client"}\n');
    expect(readdirSync(join(path, '..'))).toEqual(['mcp.json']);
  });
});
