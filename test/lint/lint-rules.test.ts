// The project's own lint rules fire where they should (eslint.config.js): each is run on a made-up file
// at a path it covers and at one it does not, so a change of the config that loses a rule fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** The rules a text breaks, as ESLint would report them for a file at `path`. */
async function rulesBroken(text: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

/** A function of `lines` statements, each on a line of its own. */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines }, (_, line) => `  total += ${line};`).join('\n');
  return `export function long(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
}

describe('a function a person can hold in their head', () => {
  it.each(['main/engine/made-up.ts', 'renderer/src/screens/made-up.ts', 'mcp-server/tools/made-up.ts', 'mcp-server/providers/kimai/made-up/made-up.ts'])(
    'holds functions in %s to 120 lines',
    async (path) => {
      expect(await rulesBroken(functionOf(116), path)).not.toContain('max-lines-per-function');
      expect(await rulesBroken(functionOf(130), path)).toContain('max-lines-per-function');
    },
  );

  it('counts neither blank lines nor comments', async () => {
    const padded = functionOf(110).replace(/\n {2}total/g, '\n\n  // a comment\n  total');
    expect(await rulesBroken(padded, 'main/engine/made-up.ts')).not.toContain('max-lines-per-function');
  });

  it('leaves the rest of the engine to its modules', async () => {
    expect(await rulesBroken(functionOf(130), 'mcp-server/domain/made-up.ts')).not.toContain('max-lines-per-function');
  });
});

describe("the window's contract", () => {
  it('holds a feature’s file to 250 lines', async () => {
    const lines = (count: number) => Array.from({ length: count }, (_, line) => `export const value${line} = ${line};`).join('\n');
    expect(await rulesBroken(`${lines(240)}\n`, 'window-contract/made-up.ts')).not.toContain('max-lines');
    expect(await rulesBroken(`${lines(260)}\n`, 'window-contract/made-up.ts')).toContain('max-lines');
  });

  it('imports neither main nor the window', async () => {
    expect(await rulesBroken("import { api } from '../renderer/src/bridge.ts';\nexport const x = api;\n", 'window-contract/made-up.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await rulesBroken("import { x } from '../main/engine/made-up.ts';\nexport const y = x;\n", 'window-contract/made-up.ts')).toContain(
      'no-restricted-imports',
    );
  });
});

describe('the behaviour suite', () => {
  const backEndCode = (depth: number) => `import { x } from '${'../'.repeat(depth)}mcp-server/providers/kimai/api.ts';\nexport const y = x;\n`;

  it("imports no back end's code, at either depth of its files", async () => {
    expect(await rulesBroken(backEndCode(2), 'test/behaviour/made-up.test.ts')).toContain('no-restricted-imports');
    expect(await rulesBroken(backEndCode(3), 'test/behaviour/back-ends/made-up.ts')).toContain('no-restricted-imports');
  });

  it('imports the fakes, the engine’s contract and the test support', async () => {
    const fake = "import { x } from '../../mcp-server/providers/kimai/fake-kimai.ts';\nexport const y = x;\n";
    expect(await rulesBroken(fake, 'test/behaviour/back-ends/made-up.ts')).not.toContain('no-restricted-imports');
    const contract = "import { x } from '../../mcp-server/contract/vocabulary.ts';\nexport const y = x;\n";
    expect(await rulesBroken(contract, 'test/behaviour/made-up.test.ts')).not.toContain('no-restricted-imports');
  });

  it('leaves the back ends’ own tests their code', async () => {
    expect(await rulesBroken(backEndCode(3), 'test/mcp-server/e2e/made-up.test.ts')).not.toContain('no-restricted-imports');
  });
});
