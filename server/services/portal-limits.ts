/**
 * The Help Center's limits, in the shared window counters (store/shared-state.ts), so several
 * instances count together. Link requests are limited per client address and per email — every
 * request counts, since each may send a mail; per email with a back-off rather than a wall, since
 * anyone can spend a stranger's. Failed sign-ins are limited like the agents' (routes/agent/session.ts),
 * reserved before the password is hashed (attempt-limiter.ts), so parallel guesses cannot outrun them.
 */
import type { Clock, LimitWindow, WindowCounters } from '../store/shared-state.js';
import { ApiError } from '../errors.js';
import { createAttemptLimiter, type AttemptLimiter } from './attempt-limiter.js';

const MINUTE = 60_000;

export interface PortalLimits {
  linksByAddress: AttemptLimiter;
  linksByEmail: AttemptLimiter;
  signInByAddress: AttemptLimiter;
  signInByAddressAndEmail: AttemptLimiter;
  signInByEmail: AttemptLimiter;
}

export function createPortalLimits(windows: WindowCounters, clock: Clock): PortalLimits {
  return {
    linksByAddress: createAttemptLimiter(windows('portal links per address'), { max: 10, windowMs: 10 * MINUTE }, clock),
    linksByEmail: createAttemptLimiter(
      windows('portal links per email'),
      { max: 3, windowMs: 60 * MINUTE, backoff: { firstMs: MINUTE, longestMs: 10 * MINUTE } },
      clock,
    ),
    signInByAddress: createAttemptLimiter(windows('portal sign-in failures per address'), { max: 20, windowMs: 10 * MINUTE }, clock),
    signInByAddressAndEmail: createAttemptLimiter(windows('portal sign-in failures per address and email'), { max: 10, windowMs: 10 * MINUTE }, clock),
    signInByEmail: createAttemptLimiter(
      windows('portal sign-in failures per email'),
      { max: 20, windowMs: 60 * MINUTE, backoff: { firstMs: 1000, longestMs: MINUTE } },
      clock,
    ),
  };
}

/** CC'd addresses a Help Center user may add in an hour: one request's worth (LIMITS.ccs). */
export const PORTAL_CCS_PER_HOUR = 20;

/**
 * Counts a Help Center user's CCs. Anyone who proves one mailbox can use the Help Center, so without
 * this a throwaway address could mail strangers through it; a host's member is someone the host vouches for.
 * A request that would pass the limit counts none of its CCs and is refused.
 */
export function createCcAllowance(windows: WindowCounters, clock: Clock) {
  const counter = windows('portal ccs per person');
  return async (personKey: string, count: number): Promise<void> => {
    const taken: LimitWindow[] = [];
    for (let i = 0; i < count; i++) {
      const window = await counter.hit(personKey, 60 * MINUTE);
      taken.push(window);
      if (window.count > PORTAL_CCS_PER_HOUR) {
        await Promise.all(taken.map((one) => counter.release(personKey, one)));
        const seconds = Math.max(1, Math.ceil((window.resetAt - clock().getTime()) / 1000));
        throw new ApiError(
          429,
          'cc_limit',
          `From the Help Center you can copy up to ${PORTAL_CCS_PER_HOUR} people an hour. Send it without CCs, or try again later.`,
          { ccs: 'too many people copied this hour' },
          { 'retry-after': String(seconds) },
        );
      }
    }
  };
}
