// The signal an engine leaves for the app when it settles a kept write (contract/outbox-signal.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OUTBOX_SETTLED_FILE } from '../../../../mcp-server/contract/outbox-signal.ts';
import { signalSettled } from '../../../../mcp-server/providers/outbox/settled-signal.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'punchcard-signal-'));
  folders.push(made);
  return made;
}

it('replaces a link at its name rather than writing through it, and leaves the file private', () => {
  const dir = folder();
  const target = join(dir, 'someone-elses-file');
  writeFileSync(target, 'kept as it is');
  symlinkSync(target, join(dir, OUTBOX_SETTLED_FILE));
  signalSettled(dir, Date.parse('2026-05-04T07:40:00Z'), () => {});
  expect(readFileSync(target, 'utf8')).toBe('kept as it is');
  expect(readFileSync(join(dir, OUTBOX_SETTLED_FILE), 'utf8')).toBe('2026-05-04T07:40:00.000Z\n');
  expect(statSync(join(dir, OUTBOX_SETTLED_FILE)).mode & 0o777).toBe(0o600);
});

it('says in the log when it cannot signal, and does not throw: the send it follows stands', () => {
  const dir = folder();
  // A folder at the name (with something in it) cannot be renamed over.
  mkdirSync(join(dir, OUTBOX_SETTLED_FILE));
  writeFileSync(join(dir, OUTBOX_SETTLED_FILE, 'x'), '');
  const logged: string[] = [];
  expect(() => signalSettled(dir, 0, (line) => logged.push(line))).not.toThrow();
  expect(logged).toEqual([expect.stringMatching(/^Could not tell the app that a kept write was settled \(.+\); it learns at its next status poll\.$/)]);
});
