/**
 * Limits on attempts whose outcome decides whether they count — failed sign-ins per address,
 * successful ones per member — which a plain per-request limiter cannot express.
 *
 * An attempt is counted (reserved) before any work is done and given back once the outcome says it
 * does not count. Checking first and counting after the work let 400 parallel password guesses all
 * pass a check of 20 before the first was counted; a reservation is taken in the same step as the
 * check, so at most `max` attempts are ever under way or done.
 */
import { ApiError } from '../errors.js';
import type { LimitWindow, WindowCounter } from '../store/shared-state.js';
import type { Clock } from './clock.js';

export interface Reservation {
  /** Gives the attempt back: it turned out not to be the kind this limit counts. */
  release(): Promise<void>;
}

export interface AttemptLimiter {
  /** Counts one attempt on `key`, or throws 429 (with Retry-After) when `key` has none left. */
  reserve(key: string): Promise<Reservation>;
}

export interface AttemptRules {
  /** Attempts per key in a window. */
  max: number;
  windowMs: number;
  /**
   * Instead of refusing everything once `max` is reached, allow one more attempt after a pause that
   * doubles from `firstMs` up to `longestMs`. For keys an attacker can spend on someone else's
   * behalf (an agent's email): guessing stays slow, and the owner waits at most `longestMs`.
   */
  backoff?: { firstMs: number; longestMs: number };
}

const tooMany = (retryAtMs: number, now: number) => {
  const seconds = Math.max(1, Math.ceil((retryAtMs - now) / 1000));
  return new ApiError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) });
};

export function createAttemptLimiter(counter: WindowCounter, rules: AttemptRules, clock: Clock): AttemptLimiter {
  const reservation = (key: string, window: LimitWindow): Reservation => ({ release: () => counter.release(key, window) });
  return {
    async reserve(key) {
      const window = await counter.hit(key, rules.windowMs);
      if (window.count <= rules.max) return reservation(key, window);
      const beyond = window.count - rules.max;
      if (rules.backoff) {
        // The pause is a window of its own: the first attempt to open it goes ahead, the others wait for it to close.
        const pauseMs = Math.min(rules.backoff.firstMs * 2 ** Math.min(beyond - 1, 30), rules.backoff.longestMs);
        const pause = await counter.hit(`pause:${key}`, pauseMs);
        if (pause.count === 1) return reservation(key, window);
        await counter.release(key, window);
        throw tooMany(pause.resetAt, clock().getTime());
      }
      await counter.release(key, window);
      throw tooMany(window.resetAt, clock().getTime());
    },
  };
}

/** One key of one limiter. */
export type CountedOn = [limiter: AttemptLimiter, key: string];

/**
 * Runs `work` as one attempt on each `[limiter, key]`, counted before it starts, and gives the
 * attempts back unless `work` failed with a 401 — for limits on failures (wrong passwords, bad
 * tokens). When one limiter refuses, the attempts already counted on the others are given back.
 */
export async function countingFailures<T>(limits: CountedOn[], work: () => Promise<T>): Promise<T> {
  const taken: Reservation[] = [];
  const releaseAll = () => Promise.all(taken.map((reservation) => reservation.release()));
  try {
    for (const [limiter, key] of limits) taken.push(await limiter.reserve(key));
  } catch (error) {
    await releaseAll();
    throw error;
  }
  try {
    const result = await work();
    await releaseAll();
    return result;
  } catch (error) {
    if (!(error instanceof ApiError && error.statusCode === 401)) await releaseAll();
    throw error;
  }
}
