// `npm start`: launches the tray app from the fresh build (dist/), with the local timesheet unless
// the settings name another back end. The Electron binary comes from the `electron` npm package,
// which fetches it on first use; where it cannot (no internet), this says so plainly and points at
// what still works, instead of a stack trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Electron is given the project folder, not the script: it then reads package.json for the main
// script, the app's name (productName, "Punchcard") and its version. Given a bare script it would
// call itself "Electron", keep its data in ~/.config/Electron and share the single-instance lock of
// every other app started that way.
const mainScript = join(root, 'dist', 'main', 'main.js');

function electronBinary(): { path: string } | { problem: string } {
  try {
    // The package's entry resolves (and, when missing, downloads) the binary and exports its path.
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { problem: `the electron package pointed at ${String(path)}, which does not exist` };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

if (!existsSync(mainScript)) {
  console.error(`${mainScript} is missing: run "npm run build" first (npm start does).`);
  process.exit(1);
}

const binary = electronBinary();
if ('problem' in binary) {
  console.error(
    [
      '',
      'Punchcard could not start: the Electron runtime is not available on this machine.',
      `  (${binary.problem})`,
      'The electron npm package downloads it on first use, which needs internet access; or point',
      'ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder and run npm start again.',
      'Without Electron, the engine still works for AI clients: see docs/connecting-ai-clients.md',
      '(node dist/mcp-server/punchcard-mcp.mjs register <client>).',
    ].join('\n'),
  );
  process.exit(1);
}

// Some IDE terminals export ELECTRON_RUN_AS_NODE; with it set Electron would start as plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(binary.path, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
