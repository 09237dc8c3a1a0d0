/**
 * Services take the time from an injected clock, so tests can move it (expiry, auto-close, keys).
 * The type is the storage port's (store/shared-state.ts): its window counters read the same clock.
 */
import type { Clock } from '../store/shared-state.js';

export type { Clock };

export const systemClock: Clock = () => new Date();
