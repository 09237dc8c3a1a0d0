/**
 * @fastify/rate-limit's `store` option, counting in our windowed counters (store/shared-state.ts)
 * instead of the plugin's LRU, so a flood of made-up keys cannot reset a limit that is in force.
 * Each route with a `rateLimit` config gets a counter of its own, named after the route.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../services/clock.js';
import type { WindowCounter, WindowCounters } from '../store/shared-state.js';

type Incr = FastifyRateLimitStore['incr'];

export function windowedRateLimitStore(counters: WindowCounters, clock: Clock): FastifyRateLimitStoreCtor {
  class WindowedStore implements FastifyRateLimitStore {
    // The plugin builds the root store itself (with its options) and asks it for one child per route.
    constructor(
      _options?: unknown,
      private readonly counter: WindowCounter = counters('rate-limit'),
    ) {}

    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number): void {
      this.counter.hit(key, timeWindow).then(
        (window) => callback(null, { current: window.count, ttl: Math.max(0, window.resetAt - clock().getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new WindowedStore(undefined, counters(`rate-limit ${String(route?.method)} ${String(route?.url)}`));
    }
  }
  return WindowedStore;
}
