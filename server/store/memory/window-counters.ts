/**
 * One process's fixed-window counters (shared-state.ts `WindowCounters`), for SQLite's single
 * server; PostgreSQL's instances share theirs in a table (pg/window-counters.ts).
 *
 * A key's window opens at its first hit and closes `windowMs` later; until then nothing can take
 * it away. An LRU (the rate-limit plugin's default store) lets a flood of new keys push out a key
 * that is still limited, which resets that key's limit; here a key leaves only when its window has
 * closed. Memory is bounded by refusing to grow instead: once a table holds `capacity` open
 * windows, new keys share one overflow window (so newcomers are limited together while the flood
 * lasts), and the windows already open keep counting.
 */
import type { Clock, LimitWindow, WindowCounter, WindowCounters } from '../shared-state.js';

/** Keys that find a full table are counted here, together. */
const OVERFLOW = '\u0000overflow';
/** A full table of open windows is swept at most this often: a sweep reads every entry. */
const FULL_SWEEP_GAP_MS = 1_000;
const FIRST_SWEEP_SIZE = 1_024;

/** One in-memory table per limit, each holding at most `capacity` open windows. */
export function memoryWindowCounters(clock: Clock, capacity: number): WindowCounters {
  return () => memoryWindowCounter(clock, capacity);
}

function memoryWindowCounter(clock: Clock, capacity: number): WindowCounter {
  const windows = new Map<string, LimitWindow>();
  // Closed windows are dropped lazily: when the table has doubled since the last sweep (so the
  // cost of a sweep is spread over the inserts that made it necessary), or, when it is full, at
  // most once a second.
  let sweepAtSize = FIRST_SWEEP_SIZE;
  let lastSweep = 0;
  const sweep = (now: number) => {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    sweepAtSize = Math.max(FIRST_SWEEP_SIZE, windows.size * 2);
    lastSweep = now;
  };

  const open = (key: string, now: number): LimitWindow | undefined => {
    const window = windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  };

  return {
    async hit(key, windowMs) {
      const now = clock().getTime();
      let window = open(key, now);
      if (!window) {
        if (windows.size >= sweepAtSize || (windows.size >= capacity && now - lastSweep >= FULL_SWEEP_GAP_MS)) sweep(now);
        if (windows.size >= capacity && !windows.has(key)) key = OVERFLOW;
        window = open(key, now);
        if (!window) {
          window = { count: 0, resetAt: now + windowMs };
          windows.set(key, window);
        }
      }
      window.count += 1;
      return { count: window.count, resetAt: window.resetAt };
    },
    async release(key, taken) {
      const now = clock().getTime();
      // The hit may have gone to the overflow window; a window is recognised by when it closes.
      for (const counted of [key, OVERFLOW]) {
        const window = open(counted, now);
        if (window?.resetAt === taken.resetAt) {
          window.count = Math.max(0, window.count - 1);
          return;
        }
      }
    },
  };
}
