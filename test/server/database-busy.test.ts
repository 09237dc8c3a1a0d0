// A write lock held longer than busy_timeout (another process, a long migration) answers 503 busy with
// Retry-After — a client can retry — and never a crash or a half-written request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { storedCounts } from '../support/inspect.js';
import { categoryIds, expectError, submit } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('a database held by another writer', () => {
  it('answers 503 busy with Retry-After, stores nothing, and works again once the lock is gone', async () => {
    const cats = await categoryIds(t.app);
    const payload = { categoryId: cats['Account & sign-in'], subject: 'Locked out', description: 'Help', email: 'busy@example.com' };
    const before = await storedCounts(t.db);

    const other = new Database(t.config.databasePath);
    other.exec('BEGIN IMMEDIATE'); // holds the write lock
    const refused = await submit(t.app, payload);
    expectError(refused, 503, 'busy');
    expect(refused.headers['retry-after']).toBe('1');
    expect(await storedCounts(t.db)).toEqual(before);

    other.exec('ROLLBACK');
    other.close();
    expect((await submit(t.app, payload)).statusCode).toBe(201);
  });
});
