/**
 * What the site and member directories share: look-ups kept for a few seconds per key, forgotten
 * when the bus says the thing changed (on every instance) and all at once on `resync`. A look-up
 * that was under way when a forget came may have read the old row: its answer is returned but not
 * kept, or it would be served for the rest of the TTL.
 */
import type { Bus, BusSignal } from '../store/shared-state.js';
import type { Clock } from './clock.js';

export interface KeptBriefly<V> {
  /** The kept answer for `key`, or `lookUp()`'s, then kept for the TTL. */
  get(key: string, lookUp: () => Promise<V>): Promise<V>;
  /** Forgets `key` here, at once (the bus brings the same to the other instances). */
  forget(key: string): void;
}

export interface KeptBrieflyOptions {
  ttlMs: number;
  /** Past this many keys all are forgotten, so a flood of made-up keys cannot grow it without end. */
  maxEntries: number;
  clock: Clock;
  bus: Bus;
  /** The key a bus message says changed, if it speaks of this cache's things. */
  changedKey(signal: BusSignal): string | null;
}

export function keptBriefly<V>({ ttlMs, maxEntries, clock, bus, changedKey }: KeptBrieflyOptions): KeptBriefly<V> {
  const kept = new Map<string, { value: V; until: number }>();
  let forgets = 0;
  const forget = (key: string | null) => {
    if (key === null) kept.clear();
    else kept.delete(key);
    forgets++;
  };
  bus.subscribe((signal) => {
    if (signal.kind === 'resync') forget(null);
    else {
      const key = changedKey(signal);
      if (key !== null) forget(key);
    }
  });
  return {
    async get(key, lookUp) {
      const now = clock().getTime();
      const hit = kept.get(key);
      if (hit && hit.until > now) return hit.value;
      const before = forgets;
      const value = await lookUp();
      if (before === forgets) {
        if (kept.size >= maxEntries) kept.clear();
        kept.set(key, { value, until: now + ttlMs });
      }
      return value;
    },
    forget,
  };
}
