import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The engine's own directions, which every block for a part of mcp-server/ repeats: in a flat config a
// later block's no-restricted-imports replaces an earlier one's for the same files.
const NO_APP = {
  group: ['electron', '**/main/**', '**/renderer/**'],
  message: 'The engine never imports the app (docs/decisions.md, "Dependency direction").',
};
const NO_REGISTRATION = { group: ['**/clients/**'], message: 'Registration loads only for the command line (index.ts), never while serving MCP.' };
const NO_TEAM_SERVER = { group: ['**/team-server/**'], message: 'The team server stands on the engine: the engine never imports team-server/.' };
/** Why the behaviour suite imports nothing of mcp-server/providers/ (two blocks below, one per depth of its files). */
const BEHAVIOUR_SUITE = "The behaviour suite uses no back end's code (mcp-server/providers/): the engine's tools and the fakes only.";

export default tseslint.config(
  // engine-package/'s entry and chunks are the build, staged there only while a pack runs (scripts/pack-engine.ts), which may be while lint runs.
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-output/**', 'coverage/**', 'engine-package/punchcard-mcp.mjs', 'engine-package/chunks/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // A function a person can hold in their head (issue 65): the app, the window, the tools' handlers and the
    // back ends keep each under 120 lines; a longer one is several parts (a pure core, a component per group, a
    // back end's endpoints and narrowing split by capability).
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'mcp-server/tools/**/*.ts', 'mcp-server/providers/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The engine. Its stdout belongs to the protocol: everything it prints goes to stderr. It never
    // imports the app, nor the team server, which stands on it (docs/architecture.md, "The team
    // server"): team-server/ is a workspace of its own, so the desktop's engine neither loads nor holds
    // it (electron-builder.yml leaves its build out).
    files: ['mcp-server/**/*.ts'],
    rules: {
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [NO_APP, NO_REGISTRATION, NO_TEAM_SERVER],
        },
      ],
    },
  },
  {
    // The engine's call path: a call gets what it needs of its back end from the tracker (a tracker of
    // its own for the call, `forCall`, told when the answer carried its notes, `answered`), so nothing on
    // the path reaches into the outbox, which only the host puts in front of a back end (desktop-engine.ts).
    files: ['mcp-server/engine/{engine,call-context,run-tool,mcp-server}.ts', 'mcp-server/{tools,app-tools,prompts}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APP,
            NO_REGISTRATION,
            NO_TEAM_SERVER,
            { group: ['**/outbox/**'], message: 'A call gets what it needs from its tracker (forCall, answered): the call path never imports the outbox.' },
          ],
        },
      ],
    },
  },
  {
    // The team server's own code: from the repository it reaches the engine through its public entry
    // (mcp-server/for-the-team-server.ts) and the contract, and nothing of the app; its stdout belongs
    // to the commands' answers, its logs to stderr (team-server/logs/team-log.ts).
    files: ['team-server/**/*.ts'],
    rules: {
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/main/**', '**/renderer/**'],
              message: 'The team server never imports the app (docs/decisions.md, "Dependency direction").',
            },
            { group: ['**/clients/**'], message: 'AI-client registration is the desktop’s; the team server has no use for it.' },
            {
              regex: '^(\\.\\./)+mcp-server/(?!contract/|for-the-team-server\\.ts$)',
              message: 'The team server uses the engine through its public entry, mcp-server/for-the-team-server.ts (or mcp-server/contract/).',
            },
          ],
        },
      ],
    },
  },
  {
    // The command line of the bundle, which loads registration for `punchcard-mcp register …`, and the
    // app's public entry, which hands registration to the app: neither is loaded while serving MCP.
    files: ['mcp-server/index.ts', 'mcp-server/for-the-app.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [NO_APP, NO_TEAM_SERVER],
        },
      ],
    },
  },
  {
    // Registration (docs/decisions.md, "Registration lives in the engine") is served from the
    // engine's command line and used by the app, so it lives in the engine, where the app's
    // dependency points down. It stays a self-contained corner: no Electron, and from the rest of
    // the engine only the folder rules in user-data.ts, the launch flags in engine-flags.ts (an
    // entry starts the engine as the engine needs), the duplicate-key check it shares with the
    // policy reader (contract/duplicate-keys.ts) and the command line's one flag reader (command-flags.ts).
    files: ['mcp-server/clients/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APP,
            {
              regex: '^\\.\\./(?!(user-data|engine-flags|contract/duplicate-keys|command-flags)\\.ts$)',
              message:
                'mcp-server/clients is self-contained; from the engine it uses only user-data.ts, engine-flags.ts, contract/duplicate-keys.ts and command-flags.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract is what both sides share: it imports nothing above it (docs/architecture.md, "The
    // three programs and their layers"), the back ends' descriptors included (contract/back-ends/).
    files: ['mcp-server/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APP,
            NO_REGISTRATION,
            // contract/tools/ is the contract's own: from contract/ it is ./tools/, from contract/app-tools/ and contract/outcomes/
            // ../tools/ (no such file above).
            {
              group: [
                '**/providers/**',
                '**/domain/**',
                '**/tools/**',
                '!./tools/*.ts',
                '!../tools/tool-contract.ts',
                '!../tools/outputs.ts',
                '!../tools/index.ts',
                '**/engine/**',
                '**/settings/**',
                '**/policy/**',
                '**/cli/**',
                '**/team-server/**',
              ],
              message: 'mcp-server/contract imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // A back end's descriptor is data the window, main and the opening read: no zod, no Node, no
    // code of the back end (contract/back-end-descriptor.ts).
    files: ['mcp-server/contract/back-ends/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\.\\./back-end-descriptor\\.ts$)', message: 'A descriptor imports nothing but contract/back-end-descriptor.ts.' }] },
      ],
    },
  },
  {
    // The window's contract (window-contract/, docs/decisions.md, "One IPC contract") is what main and
    // the window share: it stands below both and imports neither, nor the engine but its contract.
    files: ['window-contract/**/*.ts'],
    rules: {
      // A feature's channels fit on a screen or two; a file that outgrows it is two features.
      'max-lines': ['error', { max: 250 }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*'], message: 'The window contract is read by the window too: no Node, no Electron.' },
            { regex: '^(\\.\\./)+(main|renderer|team-server)/', message: 'The window contract imports neither main nor the window: both import it.' },
            { regex: '^(\\.\\./)+mcp-server/(?!contract/)', message: 'From the engine, the window contract may use only mcp-server/contract/.' },
          ],
        },
      ],
    },
  },
  {
    // The settings window is a sandboxed web page: browser globals only, React's hook rules, and
    // nothing from the app or the engine but types and the pure contract (docs/decisions.md,
    // "Dependency direction").
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*'], message: 'The window has no Node or Electron; ask main through window.punchcard.' },
            { regex: '^(\\.\\./)+main/', message: 'The window uses nothing of main/: its contract with main is window-contract/ (types).' },
            {
              regex: '^(\\.\\./)+window-contract/',
              allowTypeImports: true,
              message: 'Only types from the window contract: a value import pulls zod into the window.',
            },
            { regex: '^(\\.\\./)+mcp-server/(?!contract/)', message: 'From the engine, the window may use only mcp-server/contract/.' },
            {
              regex: '^(\\.\\./)+mcp-server/contract/settings\\.ts$',
              allowTypeImports: true,
              message: 'settings.ts builds zod schemas when loaded: types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The behaviour suite (test/behaviour/README.md) reaches a back end through the engine's tools and its
    // fake, never through the back end's code: it must keep passing while a back end's folder changes shape.
    // Its back-ends/ files import the fakes (test/mcp-server/providers/), which are not the product's.
    files: ['test/behaviour/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./mcp-server/providers/', message: BEHAVIOUR_SUITE }] }],
    },
  },
  {
    files: ['test/behaviour/back-ends/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./\\.\\./mcp-server/providers/', message: BEHAVIOUR_SUITE }] }],
    },
  },
  {
    // IPC goes through the contract (docs/decisions.md, "House style: IPC as a type map"): only the
    // registration wrapper and the preload touch ipcMain / ipcRenderer.
    files: ['main/**/*.ts'],
    ignores: ['main/ipc/register.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Register IPC through main/ipc/register.ts; the preload builds the bridge.' },
          ],
          // The app calls tools; it reads what they promise from their contracts, never their handlers
          // or the back ends behind them (docs/architecture.md, "One implementation of every action"): it
          // reaches the engine through its public entry (mcp-server/for-the-app.ts), which holds neither,
          // and through the contract.
          patterns: [
            {
              regex: '^(\\.\\./)+mcp-server/(?!contract/|for-the-app\\.ts$)',
              message: 'main/ uses the engine through its public entry, mcp-server/for-the-app.ts (or mcp-server/contract/).',
            },
          ],
        },
      ],
    },
  },
);
