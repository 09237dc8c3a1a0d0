/**
 * One server process per SQLite database. better-sqlite3 holds the write lock while it commits on
 * the event loop, so a second server on the same file fails its writes with SQLITE_BUSY at random
 * instead of sharing them; several instances need PostgreSQL. The lock is SQLite's own: a small
 * database beside the real one, held in an exclusive transaction for as long as the process runs.
 * Why that and not a pid file: the lock is the operating system's (fcntl), so it dies with the
 * process — a crashed or killed server never leaves a stale lock behind, and no pid can be reused
 * or misread across containers. The admin command takes no lock: its short writes go between the
 * server's (WAL, busy_timeout), as they always have.
 */
import Database from 'better-sqlite3';

export interface InstanceLock {
  release(): void;
}

export const lockPathFor = (databasePath: string) => `${databasePath}.instance-lock`;

export function holdInstanceLock(databasePath: string): InstanceLock {
  const lock = new Database(lockPathFor(databasePath));
  try {
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
    throw new Error(
      `another Porthole server is already using the SQLite database ${databasePath}. ` +
        'One SQLite database serves one server process; to run several instances, use PostgreSQL (set DATABASE_URL=postgres://…).',
    );
  }
  return { release: () => lock.close() };
}
