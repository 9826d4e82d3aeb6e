// One configuration for the whole project (DESIGN.md §1): it builds the MCP server into a single
// self-contained file and holds the Vitest setup. The renderer, main and preload builds join it
// when the desktop app lands.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vitest/config';

// Native modules cannot be bundled: they load a compiled .node file next to their JavaScript.
const nativeModules = ['keytar'];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:sqlite'];

export default defineConfig({
  build: {
    ssr: 'mcp-server/index.ts',
    outDir: 'dist/mcp-server',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      external: [...nativeModules, ...nodeBuiltins],
      output: {
        entryFileNames: 'punchcard-mcp.mjs',
        format: 'es',
        codeSplitting: false,
        banner: '#!/usr/bin/env node',
      },
    },
  },
  ssr: {
    // Bundle every dependency so the server starts from one file (cold start is dominated by module
    // resolution otherwise); only the native modules above stay outside.
    noExternal: true,
    external: nativeModules,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
