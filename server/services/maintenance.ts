/**
 * Housekeeping that runs on a timer: solved requests close by themselves after
 * AUTO_CLOSE_AFTER_HOURS (and live views hear of it), used host-token ids are forgotten once their
 * tokens could no longer be used anyway, and idempotency keys once their 24 hours are up (they hold
 * copies of what people wrote, which should not outlive their purpose). Closed rate-limit windows
 * stored in the database are dropped too, and so are uploads nobody claimed within a day of
 * uploading (their record first, then their bytes: a file is never left named by a record without it).
 */
import type { Store } from '../store/types.js';
import type { FileStorage } from '../files/storage.js';
import { IDEMPOTENCY_WINDOW_MS } from './requests.js';
import type { Clock } from './clock.js';
import { changeOf, type EventBus } from './events.js';

export interface MaintenanceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  autoCloseAfterHours: number;
  /** Where attachments' bytes are (services' `files.storage`). */
  files: FileStorage;
}

/** An upload is a file for a message about to be sent; one not claimed within this long never will be. */
export const UNCLAIMED_UPLOAD_MS = 24 * 60 * 60 * 1000;

export async function runMaintenance({ store, clock, events, autoCloseAfterHours, files }: MaintenanceDeps): Promise<{ closed: number }> {
  const now = clock();
  const closed = await store.housekeeping.closeSolvedBefore(new Date(now.getTime() - autoCloseAfterHours * 3_600_000).toISOString());
  for (const { siteId, number } of closed) {
    const view = await store.agentRequests.find(siteId, number);
    if (view) events.publish(changeOf(view));
  }
  await store.housekeeping.forgetExpiredTokenIds(now.toISOString());
  await store.housekeeping.forgetIdempotencyKeysBefore(new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString());
  await store.housekeeping.forgetClosedWindows(now.toISOString());
  const unclaimed = await store.housekeeping.forgetUnclaimedAttachments(new Date(now.getTime() - UNCLAIMED_UPLOAD_MS).toISOString());
  for (const { siteId, storageKey } of unclaimed) await files.remove(siteId, storageKey);
  return { closed: closed.length };
}

/**
 * Runs maintenance now and then every `intervalMs`; returns the function that stops it. Every
 * instance schedules it, and one at a time runs it (the store's lease): a run is whole work, not a
 * share, so the others skip while it is under way.
 */
export function scheduleMaintenance(deps: MaintenanceDeps, onError: (error: unknown) => void, intervalMs = 60_000): () => void {
  const run = () =>
    void deps.store.leases
      .runExclusive('maintenance', async () => {
        await runMaintenance(deps);
      })
      .catch(onError);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
