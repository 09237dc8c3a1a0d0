/**
 * Counts attempts per key in a fixed window — for limits that count only some outcomes (failed
 * sign-ins per address, successful ones per member), which a plain per-request limiter cannot.
 * In memory: one process. Several API processes would put the counters in their shared store.
 */
import { ApiError } from '../errors.js';
import type { Clock } from './clock.js';

export interface AttemptLimiter {
  /** Throws 429 when `key` has used up its attempts in the current window. */
  check(key: string): void;
  record(key: string): void;
}

export function createAttemptLimiter(max: number, windowMs: number, clock: Clock): AttemptLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const now = clock().getTime();
    const window = windows.get(key);
    if (window && window.resetAt > now) return window;
    if (windows.size > 50_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    const fresh = { count: 0, resetAt: now + windowMs };
    windows.set(key, fresh);
    return fresh;
  };
  return {
    check(key) {
      const window = current(key);
      if (window.count >= max) {
        const seconds = Math.max(1, Math.ceil((window.resetAt - clock().getTime()) / 1000));
        throw new ApiError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) });
      }
    },
    record(key) {
      current(key).count += 1;
    },
  };
}
