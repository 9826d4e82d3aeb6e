import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-output/**'] },
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
    // stdout of the MCP server belongs to the protocol: everything it prints goes to stderr.
    files: ['mcp-server/**/*.ts'],
    rules: {
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', '**/main/**', '**/renderer/**'], message: 'The engine never imports the app (DESIGN.md §1).' }] },
      ],
    },
  },
  {
    // The one exception: the bundle's entry point loads the Electron-free client registrar for the
    // `punchcard-mcp register …` commands (DESIGN.md §7), lazily, never while serving MCP.
    files: ['mcp-server/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/main/**', '!**/main/clients/cli.ts', '**/renderer/**'], message: 'The engine imports only main/clients/cli.ts from the app.' },
          ],
        },
      ],
    },
  },
  {
    // Registration runs inside the server bundle too, so it must stay free of Electron and of the
    // rest of the app; the one engine module it shares is the folder rules in user-data.ts.
    files: ['main/clients/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/renderer/**'], message: 'main/clients is Electron-free.' },
            { regex: '^\\.\\./(?!\\.\\./mcp-server/user-data\\.ts$)', message: 'main/clients is self-contained; from the engine it uses only user-data.ts.' },
          ],
        },
      ],
    },
  },
  {
    // The settings window is a sandboxed web page: browser globals only, React's hook rules, and
    // nothing from the app or the engine but types and the pure contract (DESIGN.md §1).
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
            { regex: '^(\\.\\./)+main/(?!ipc/contract\\.ts$)', message: 'From main/, the window may use only the IPC contract (types).' },
            { regex: '^(\\.\\./)+main/ipc/contract\\.ts$', allowTypeImports: true, message: 'Only types from the IPC contract: a value import pulls zod into the window.' },
            { regex: '^(\\.\\./)+mcp-server/(?!contract/)', message: 'From the engine, the window may use only mcp-server/contract/.' },
            { regex: '^(\\.\\./)+mcp-server/contract/settings\\.ts$', allowTypeImports: true, message: 'settings.ts builds zod schemas when loaded: types only.' },
          ],
        },
      ],
    },
  },
  {
    // IPC goes through the contract (DESIGN.md §6): only the registration wrapper and the preload
    // touch ipcMain / ipcRenderer.
    files: ['main/**/*.ts'],
    ignores: ['main/ipc/register.ts', 'main/preload.ts', 'main/clients/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Register IPC through main/ipc/register.ts; the preload builds the bridge.' },
          ],
        },
      ],
    },
  },
);
