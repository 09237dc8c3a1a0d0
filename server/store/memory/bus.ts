/**
 * The bus of a single process (SQLite): a message reaches this process's listeners, synchronously
 * as `publish` is called, as the event bus always delivered. Nothing can be lost, so no `resync`.
 */
import type { Bus, BusSignal } from '../shared-state.js';

export function createMemoryBus(): Bus {
  const listeners = new Set<(signal: BusSignal) => void>();
  return {
    // Not async: a listener that throws throws to the publisher, as it always did, rather than
    // becoming a rejection nobody awaits.
    publish(message) {
      for (const listener of listeners) listener(message);
      return Promise.resolve();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
