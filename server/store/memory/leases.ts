/**
 * Leases in a single process (SQLite: one process owns the file), in the same sense as
 * PostgreSQL's advisory locks: `runExclusive` skips while a run of that name is going,
 * `runInTurn` waits for it to end.
 */
import type { Leases } from '../shared-state.js';

export function createMemoryLeases(): Leases {
  const running = new Map<string, Promise<unknown>>();
  const run = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const done = work();
    running.set(name, done);
    try {
      return await done;
    } finally {
      if (running.get(name) === done) running.delete(name);
    }
  };
  return {
    async runExclusive(name, work) {
      if (running.has(name)) return false;
      await run(name, work);
      return true;
    },
    async runInTurn(name, work) {
      for (let current = running.get(name); current; current = running.get(name)) await current.catch(() => undefined);
      return run(name, work);
    },
  };
}
