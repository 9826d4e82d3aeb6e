// The app's proof on descriptor 3 (mcp-server/policy/app-engine-proof.ts), read by a real child
// process with each kind of descriptor 3 an entry or a launcher could give it.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ENGINE_PROOF_LINE } from '../../../mcp-server/policy/app-engine-proof.ts';

const MODULE = resolve(import.meta.dirname, '../../../mcp-server/policy/app-engine-proof.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs readAppEngineProof (with a short wait) in a child whose descriptor 3 is `fd3`; its verdict. */
function proofIn(fd3: 'none' | { pipe: string | null } | { descriptor: number }): Promise<{ proven: boolean }> {
  const script = `const { readAppEngineProof } = await import(${JSON.stringify(MODULE)}); const proven = await readAppEngineProof(3, 300); console.log(JSON.stringify({ proven }));`;
  const stdio: Array<'pipe' | 'ignore' | 'inherit' | number> = ['ignore', 'pipe', 'inherit'];
  if (fd3 !== 'none') stdio.push('pipe' in fd3 ? 'pipe' : fd3.descriptor);
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio });
  if (fd3 !== 'none' && 'pipe' in fd3 && fd3.pipe !== null) (child.stdio[3] as NodeJS.WritableStream).end(fd3.pipe);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', () => {
      try {
        done(JSON.parse(out) as { proven: boolean });
      } catch {
        fail(new Error(`no verdict: ${out}`));
      }
    });
  });
}

describe("the app engine's proof on descriptor 3", () => {
  it("is the app's line on a pipe", async () => {
    expect((await proofIn({ pipe: `${APP_ENGINE_PROOF_LINE}\n` })).proven).toBe(true);
  });

  it('is nothing without descriptor 3 (how every AI client starts a server)', async () => {
    expect((await proofIn('none')).proven).toBe(false);
  });

  it('is not another line, a longer one, or a pipe closed without a line', async () => {
    expect((await proofIn({ pipe: 'punchcard-app-engine/2\n' })).proven).toBe(false);
    expect((await proofIn({ pipe: `${APP_ENGINE_PROOF_LINE}x\n` })).proven).toBe(false);
    expect((await proofIn({ pipe: APP_ENGINE_PROOF_LINE })).proven).toBe(false);
  });

  it('is not a pipe that stays silent (a descriptor some launcher leaked): false after the wait', async () => {
    expect((await proofIn({ pipe: null })).proven).toBe(false);
  });

  it('is not a file that holds the line, even opened as descriptor 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-proof-'));
    dirs.push(dir);
    const file = join(dir, 'proof');
    writeFileSync(file, `${APP_ENGINE_PROOF_LINE}\n`);
    const descriptor = openSync(file, 'r');
    try {
      expect((await proofIn({ descriptor })).proven).toBe(false);
    } finally {
      closeSync(descriptor);
    }
  });
});
