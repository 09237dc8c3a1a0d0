// One test command for everything (`npm test`). Browser and fault tests run one file at a time: each
// drives real servers (and Chromium), and two at once on a 2-core machine only slow each other.
// One throwaway PostgreSQL cluster serves the whole run (test/support/postgres-cluster.ts; tests inject its URL).
import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const SQLITE_ONLY = ['test/server/database-busy.test.ts', 'test/server/durable-writes.test.ts'];
/** What only exists on PostgreSQL: files kept in the database. */
const POSTGRES_ONLY_HTTP = ['test/server/file-chunks-postgres.test.ts'];
/** Browser tests of several support servers on one database, which only PostgreSQL allows. */
const POSTGRES_ONLY_BROWSER = ['test/e2e/widget-and-inbox-on-two-instances.test.ts'];
const oneFileAtATime = { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    globalSetup: ['test/support/postgres-cluster.ts'],
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, which then
    // sits idle whenever a test waits on PostgreSQL, a socket or a timer. The files are written to run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // The live word tables in English, for views rendered on their own (test/widget/source-words.ts).
          setupFiles: ['test/widget/source-words.ts'],
          include: [
            'test/server/**/*.test.ts',
            'test/store/**/*.test.ts',
            'test/bench/**/*.test.ts',
            'test/widget/**/*.test.{ts,tsx}',
            'test/build/**/*.test.ts',
          ],
          exclude: POSTGRES_ONLY_HTTP,
        },
      },
      {
        // The HTTP suite again, every app on its own PostgreSQL database (test/support/test-app.ts).
        // Left out: what only exists on SQLite — its write lock, its files and pragmas, its admin-command tests on a file.
        extends: true,
        test: {
          name: 'http-postgres',
          setupFiles: ['test/widget/source-words.ts'],
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
        // The browser journeys again, the support servers on PostgreSQL (test/e2e/support/servers.ts), and those with two of them.
        // The fault tests choose their engines themselves.
        extends: true,
        test: {
          name: 'browser-postgres',
          include: ['test/e2e/**/*.test.ts'],
          env: { PORTHOLE_TEST_ENGINE: 'postgres' },
          ...oneFileAtATime,
        },
      },
    ],
  },
});
