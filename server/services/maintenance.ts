/**
 * Housekeeping that runs on a timer: solved requests close by themselves after
 * AUTO_CLOSE_AFTER_HOURS (and live views hear of it), used host-token ids are forgotten once their
 * tokens could no longer be used anyway, and idempotency keys once their 24 hours are up (they hold
 * copies of what people wrote, which should not outlive their purpose).
 */
import type { Store } from '../store/types.js';
import { IDEMPOTENCY_WINDOW_MS } from './requests.js';
import type { Clock } from './clock.js';
import { changeOf, type EventBus } from './events.js';

export interface MaintenanceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  autoCloseAfterHours: number;
}

export async function runMaintenance({ store, clock, events, autoCloseAfterHours }: MaintenanceDeps): Promise<{ closed: number }> {
  const now = clock();
  const closed = await store.housekeeping.closeSolvedBefore(new Date(now.getTime() - autoCloseAfterHours * 3_600_000).toISOString());
  for (const { siteId, number } of closed) {
    const view = await store.agentRequests.find(siteId, number);
    if (view) events.publish(changeOf(view));
  }
  await store.housekeeping.forgetExpiredTokenIds(now.toISOString());
  await store.housekeeping.forgetIdempotencyKeysBefore(new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString());
  return { closed: closed.length };
}

/** Runs maintenance now and then every `intervalMs`; returns the function that stops it. */
export function scheduleMaintenance(deps: MaintenanceDeps, onError: (error: unknown) => void, intervalMs = 60_000): () => void {
  const run = () => void runMaintenance(deps).catch(onError);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
