import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/settings.ts';
import { readSettingsFile } from '../../../mcp-server/settings/settings-file.ts';
import { watchSettingsFile } from '../../../mcp-server/settings/settings-source.ts';

let dir: string;
let logged: string[];
const log = (message: string) => logged.push(message);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-settings-'));
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading config.json', () => {
  it('uses defaults without a word when the file is missing', () => {
    expect(readSettingsFile(join(dir, 'config.json'), log).settings).toEqual(defaultSettings());
    expect(logged).toEqual([]);
  });

  it('reads a file with a byte-order mark', () => {
    writeFileSync(join(dir, 'config.json'), '\uFEFF{"schemaVersion":1,"user":{"name":"Ada"}}');
    expect(readSettingsFile(join(dir, 'config.json'), log).settings.user.name).toBe('Ada');
  });

  it('explains invalid JSON on the log, uses defaults, and leaves the file untouched', () => {
    const broken = '{"schemaVersion": 1, "workWeek": {"mon": 8,}';
    writeFileSync(join(dir, 'config.json'), broken);
    expect(readSettingsFile(join(dir, 'config.json'), log).settings).toEqual(defaultSettings());
    expect(logged.join('\n')).toMatch(/not valid JSON/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(broken);
  });

  it('explains a schema problem by its path', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, leave: { annualDays: -3 } }));
    readSettingsFile(join(dir, 'config.json'), log);
    expect(logged.join('\n')).toMatch(/leave\.annualDays/);
  });
});

describe('watching config.json', () => {
  it('notices an atomic replace (write elsewhere, rename over), as the app saves', async () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, '{}');
    let changes = 0;
    const stop = watchSettingsFile(path, () => changes++, log);
    try {
      writeFileSync(join(dir, 'config.json.tmp'), JSON.stringify({ tools: { readOnly: true } }));
      renameSync(join(dir, 'config.json.tmp'), path);
      await expect.poll(() => changes, { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });
});
