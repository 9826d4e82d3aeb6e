// The deployment tests that need the machine's tools, apart from the main suite's projects (vite.config.ts
// leaves them out): test/deploy/container/ builds images and starts containers with podman (and
// deploy/compose.yaml with Docker Compose or podman-compose), test/deploy/host/ asks systemd-analyze
// about the unit. `npm test` runs them last, after the main suite, so CI (.ci/run) and the hosted
// runner (.github/workflows/ci.yml) run them too; `npm run test:deploy` runs them alone. scripts/setup.sh
// installs what they need. Without podman, root or systemd-analyze they fail, saying so.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['test/deploy/container/**/*.test.ts', 'test/deploy/host/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // One file at a time: each builds or starts containers, and they share the machine's images.
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    // Making the base images on a machine without them (mmdebstrap from Debian's mirror) takes minutes.
    hookTimeout: 900_000,
    expect: { poll: { timeout: 30_000 } },
  },
});
