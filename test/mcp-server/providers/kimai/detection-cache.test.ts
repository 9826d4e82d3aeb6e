// The remembered server features: only what is read is stored, and an unchanged answer leaves the
// file alone (every start of every AI client's server runs the check).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kimaiCapabilities } from '../../../../mcp-server/providers/kimai/cells.ts';
import { DETECTION_FILE_NAME, readDetection, writeDetection } from '../../../../mcp-server/providers/kimai/facts.ts';

const URL_A = 'https://a.example.com';
const URL_B = 'https://b.example.com';
let dir: string;
const file = () => readFileSync(join(dir, DETECTION_FILE_NAME), 'utf8');
const logged: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-detection-'));
  logged.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the detection file', () => {
  it('stores only the answer, per URL, keeping the other servers', () => {
    writeDetection(dir, URL_A, { absences: true }, (message) => logged.push(message));
    writeDetection(dir, URL_B, { absences: false }, (message) => logged.push(message));
    expect(JSON.parse(file())).toEqual({ [URL_A]: { absences: true }, [URL_B]: { absences: false } });
    expect(readDetection(dir, URL_A)).toEqual({ absences: true });
    expect(readDetection(dir, 'https://unknown.example.com')).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('is not rewritten when the answer is the same, and is when it changed', () => {
    // An older file, with a field no one reads and its own formatting.
    const old = JSON.stringify({ [URL_A]: { absences: true, checkedAt: '2026-11-17T08:00:00.000Z' } });
    writeFileSync(join(dir, DETECTION_FILE_NAME), old);
    expect(readDetection(dir, URL_A)).toEqual({ absences: true });
    writeDetection(dir, URL_A, { absences: true }, (message) => logged.push(message));
    expect(file()).toBe(old);
    writeDetection(dir, URL_A, { absences: false }, (message) => logged.push(message));
    expect(JSON.parse(file())).toEqual({ [URL_A]: { absences: false } });
  });

  it('keeps what one answer does not say: the zone beside the plugin answer', () => {
    writeDetection(dir, URL_A, { timezone: 'Europe/Berlin' }, (message) => logged.push(message));
    writeDetection(dir, URL_A, { absences: false }, (message) => logged.push(message));
    expect(readDetection(dir, URL_A)).toEqual({ absences: false, timezone: 'Europe/Berlin' });
    writeDetection(dir, URL_A, { timezone: 'Europe/Vienna' }, (message) => logged.push(message));
    expect(readDetection(dir, URL_A)).toEqual({ absences: false, timezone: 'Europe/Vienna' });
  });

  it('ignores an unreadable file or entry', () => {
    writeFileSync(join(dir, DETECTION_FILE_NAME), '{"https://a.example.com": {"absences": "yes"}}');
    expect(readDetection(dir, URL_A)).toBeUndefined();
    writeFileSync(join(dir, DETECTION_FILE_NAME), 'not json');
    expect(readDetection(dir, URL_A)).toBeUndefined();
  });
});

describe('the approvals plugin', () => {
  it('is remembered per URL, and only a found plugin offers approvals: unknown is no, as a write would otherwise ask a missing plugin for its locks', () => {
    writeDetection(dir, URL_A, { approvals: true }, (message) => logged.push(message));
    expect(readDetection(dir, URL_A)).toEqual({ approvals: true });
    expect(kimaiCapabilities({ absences: true, leads: false, approvals: true }).has('approvals')).toBe(true);
    expect(kimaiCapabilities({ absences: true, leads: false, approvals: false }).has('approvals')).toBe(false);
    expect(kimaiCapabilities({ absences: true, leads: false }).has('approvals')).toBe(false);
    expect(kimaiCapabilities(undefined).has('approvals')).toBe(false);
    expect(kimaiCapabilities({ absences: false, leads: true, approvals: true }).has('approvals')).toBe(true);
  });
});
