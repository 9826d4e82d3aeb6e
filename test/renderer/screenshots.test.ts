// The screenshots script renders the pictures the issue asks for, each a PNG, without a page error
// (renderScreenshots fails on one); the whole set, light and dark, is `npm run screenshots`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { renderScreenshots, REQUIRED, STATES } from './screenshots.ts';

const out = mkdtempSync(join(tmpdir(), 'punchcard-screenshots-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('renders the required states as PNG files named <screen>-<state>-<theme>.png', async () => {
  const required = STATES.filter((state) => REQUIRED.includes(`${state.screen}-${state.state}`));
  expect(required).toHaveLength(REQUIRED.length);
  const files = await renderScreenshots({ out, states: required, themes: ['dark'] });
  expect(files.map((file) => basename(file)).sort()).toEqual(REQUIRED.map((stem) => `${stem}-dark.png`).sort());
  for (const file of files) expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}, 120_000);
