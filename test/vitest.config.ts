// One test command for everything (`npm test`). Browser and fault tests run one file at a time: each
// drives real servers (and Chromium), and two at once on a 2-core machine only slow each other.
// One throwaway PostgreSQL cluster serves the whole run (test/support/postgres-cluster.ts; tests inject its URL).
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const SQLITE_ONLY = ['test/server/database-busy.test.ts', 'test/server/durable-writes.test.ts'];
/** Browser tests of several support servers on one database, which only PostgreSQL allows. */
const POSTGRES_ONLY_BROWSER = ['test/e2e/widget-and-inbox-on-two-instances.test.ts'];
const oneFileAtATime = { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    globalSetup: ['test/support/postgres-cluster.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'test/server/**/*.test.ts',
            'test/store/**/*.test.ts',
            'test/bench/**/*.test.ts',
            'test/widget/**/*.test.{ts,tsx}',
            'test/build/**/*.test.ts',
          ],
        },
      },
      {
        // The HTTP suite again, every app on its own PostgreSQL database (test/support/test-app.ts).
        // Left out: what only exists on SQLite — its write lock, its files and pragmas, its admin-command tests on a file.
        extends: true,
        test: {
          name: 'http-postgres',
          include: ['test/server/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { PORTHOLE_TEST_ENGINE: 'postgres' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts'],
          exclude: POSTGRES_ONLY_BROWSER,
          ...oneFileAtATime,
        },
      },
      {
        // Browser journeys with the support servers on PostgreSQL (test/e2e/support/servers.ts), two instances among them.
        extends: true,
        test: {
          name: 'browser-postgres',
          include: POSTGRES_ONLY_BROWSER,
          env: { PORTHOLE_TEST_ENGINE: 'postgres' },
          ...oneFileAtATime,
        },
      },
    ],
  },
});
