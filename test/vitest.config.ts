// One test command for everything (`npm test`). Browser and fault tests run one file at a time: each
// drives real servers (and Chromium), and two at once on a 2-core machine only slow each other.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/server/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/widget/**/*.test.{ts,tsx}', 'test/build/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
