/**
 * The Help Center's limits, in the shared window counters (store/shared-state.ts), so several
 * instances count together. Link requests are limited per client address and per email — every
 * request counts, since each may send a mail; per email with a back-off rather than a wall, since
 * anyone can spend a stranger's. Failed sign-ins are limited like the agents' (routes/agent/session.ts),
 * reserved before the password is hashed (attempt-limiter.ts), so parallel guesses cannot outrun them.
 */
import type { Clock, WindowCounters } from '../store/shared-state.js';
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
