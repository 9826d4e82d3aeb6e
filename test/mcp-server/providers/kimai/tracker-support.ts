// What the tests of the Kimai tracker share (those acting for one person: acting-for, acting-fields, acting-for-leave;
// and kimai-tracker): what each test opened, closed after it; the options a tracker or API over the fake Kimai is built
// with; a refusal a call ended in; and the fake's request log read as what was sent while something ran.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { KimaiTrackerOptions } from '../../../../mcp-server/providers/kimai/context.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { plainSettings } from '../tracker-settings.ts';
import type { FakeKimai, KimaiRequest } from './fake-kimai.ts';

/** What one test opened: the fake Kimai, the tracker over it and the tracker's data folder. */
export interface Opened {
  fake?: FakeKimai;
  tracker?: RemoteTracker;
  dir?: string;
}

/** What each test of the file opens, kept here and closed after it (the folder removed) even when the test failed. */
export function closedAfterEach(): Opened {
  const opened: Opened = {};
  afterEach(async () => {
    opened.tracker?.close();
    await opened.fake?.close();
    if (opened.dir) rmSync(opened.dir, { recursive: true, force: true });
    opened.fake = opened.tracker = opened.dir = undefined;
  });
  return opened;
}

/** A fresh data folder named after `purpose`, kept in `opened` so that it is removed after the test. */
export function dataFolder(opened: Opened, purpose: string): string {
  opened.dir = mkdtempSync(join(tmpdir(), `punchcard-${purpose}-`));
  return opened.dir;
}

/**
 * The options of a tracker or API over the fake at `url` with `token`: a week of eight hours Monday to Friday, no
 * holidays and the account's own zone, so that what a test asserts depends on the fake alone.
 */
export function trackerOptions(url: string, token: string, userDataDir: string, now: () => number): KimaiTrackerOptions {
  return {
    profile: { type: 'kimai', url },
    secret: async () => token,
    userDataDir,
    ...plainSettings(now, ''),
  };
}

/** The refusal `promise` ends in; anything else it throws is thrown again, and a success fails the test. */
export async function failureOf(promise: Promise<unknown> | undefined): Promise<BackEndError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackEndError) return error;
    throw error;
  }
  throw new Error('expected a BackEndError');
}

/** The requests sent while `run` ran. */
export async function sentDuring(server: FakeKimai, run: () => Promise<unknown>): Promise<KimaiRequest[]> {
  const before = server.requests.length;
  await run();
  return server.requests.slice(before);
}
export const said = (requests: readonly KimaiRequest[]) => requests.map((request) => `${request.method} ${request.path.replace(/^\/api/, '')}`);
export const writes = (requests: readonly KimaiRequest[]) => requests.filter((request) => request.method !== 'GET');
export const queryOf = (request: KimaiRequest) => new URLSearchParams(request.query);
export const bodyOf = (request: KimaiRequest) => JSON.parse(request.body || '{}') as Record<string, unknown>;
