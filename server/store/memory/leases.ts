/**
 * Leases in a single process (SQLite: one process owns the file). Exclusive in the same sense as
 * PostgreSQL's advisory locks: a run that finds the previous one still going does not start.
 */
import type { Leases } from '../shared-state.js';

export function createMemoryLeases(): Leases {
  const running = new Set<string>();
  return {
    async runExclusive(name, work) {
      if (running.has(name)) return false;
      running.add(name);
      try {
        await work();
        return true;
      } finally {
        running.delete(name);
      }
    },
  };
}
