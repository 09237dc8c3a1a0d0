/**
 * Which engine this test run's apps store in: the HTTP suite runs once on each (test/vitest.config.ts
 * sets PORTHOLE_TEST_ENGINE=postgres for its PostgreSQL project; SQLite otherwise).
 */
export type TestEngine = 'sqlite' | 'postgres';

export const testEngine: TestEngine = process.env.PORTHOLE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
