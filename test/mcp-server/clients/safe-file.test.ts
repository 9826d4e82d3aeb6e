// The last check before the rename: a file another program saved after our read is never
// overwritten, and the attempt leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../mcp-server/clients/config-error.ts';
import { loadConfigFile, replaceConfigFile } from '../../../mcp-server/clients/safe-file.ts';

/** The size limit the tests read with; the catalog gives each client its own. */
const LIMIT = 1024 * 1024;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('replaceConfigFile', () => {
  it("refuses when the file changed after it was read, keeping the other program's version", () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-safe-'));
    folders.push(folder);
    const path = join(folder, 'mcp.json');
    writeFileSync(path, '{}\n');
    const loaded = loadConfigFile(path, '  ', LIMIT);
    writeFileSync(path, '{"preferences": {"saved": "by the client"}}\n');
    const attempt = () => replaceConfigFile(loaded, Buffer.from('{"mcpServers": {}}\n'));
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(`${path} changed while Punchcard was editing it.`);
    expect(readFileSync(path, 'utf8')).toBe('{"preferences": {"saved": "by the client"}}\n');
    // No temporary file, and no backup of a version that was never replaced.
    expect(readdirSync(folder)).toEqual(['mcp.json']);
  });

  it('refuses when a file appeared where there was none', () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-safe-'));
    folders.push(folder);
    const path = join(folder, 'settings.json');
    const loaded = loadConfigFile(path, '  ', LIMIT);
    writeFileSync(path, '{"theme": "dark"}');
    expect(() => replaceConfigFile(loaded, Buffer.from('{}'))).toThrow(/changed while Punchcard was editing it/);
    expect(readFileSync(path, 'utf8')).toBe('{"theme": "dark"}');
  });
});

describe('loadConfigFile', () => {
  it('refuses a FIFO at the path in words instead of waiting on it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-safe-'));
    folders.push(folder);
    const path = join(folder, 'mcp.json');
    execFileSync('mkfifo', [path]);
    expect(() => loadConfigFile(path, '  ', LIMIT)).toThrow(
      `${path} is not a regular file (a pipe or a device), so Punchcard does not read it. It was left untouched.`,
    );
  });

  it('follows a link to a regular file, and refuses a link to a FIFO', () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-safe-'));
    folders.push(folder);
    writeFileSync(join(folder, 'real.json'), '{"a": 1}');
    symlinkSync(join(folder, 'real.json'), join(folder, 'mcp.json'));
    expect(loadConfigFile(join(folder, 'mcp.json'), '  ', LIMIT).text).toBe('{"a": 1}');
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    symlinkSync(join(folder, 'pipe'), join(folder, 'linked.json'));
    expect(() => loadConfigFile(join(folder, 'linked.json'), '  ', LIMIT)).toThrow(/is not a regular file/);
  });

  it("refuses a file over its client's limit in words, without reading it", () => {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-safe-'));
    folders.push(folder);
    const path = join(folder, 'mcp.json');
    writeFileSync(path, `{"padding": "${'x'.repeat(2 * LIMIT)}"}`);
    expect(() => loadConfigFile(path, '  ', LIMIT)).toThrow(
      `${path} is 2 MB, more than the 1 MB this client's settings file can sensibly be, so Punchcard does not read it. It was left untouched.`,
    );
    expect(loadConfigFile(path, '  ', 3 * LIMIT).text).toContain('"padding"');
  });
});
