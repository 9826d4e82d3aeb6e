import js from '@eslint/js';
import globals from 'globals';
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
);
