/**
 * Live updates: "request N of site S changed". Events travel over the store's bus (in memory for
 * one process, LISTEN/NOTIFY between several: store/pg/bus.ts); the fan-out to each site's
 * listeners happens here, in each process. Events carry no content — listeners refetch through the
 * authorised routes.
 */
import type { RequestView } from '../store/types.js';
import { provenRequesterId } from '../store/rules/visibility.js';
import type { Bus, RequestChanged } from '../store/shared-state.js';

export type { RequestChanged };

/** The change event for a request as it now is. */
export const changeOf = (view: RequestView): RequestChanged => ({
  siteId: view.request.siteId,
  number: view.request.number,
  updatedAt: view.request.updatedAt,
  endUserIds: [provenRequesterId(view.request), ...view.ccs.map((cc) => cc.id)].filter((id) => id !== null),
  organizationId: view.request.organizationId,
});

export interface EventBus {
  publish(event: RequestChanged): void;
  /** Returns the unsubscribe function. */
  subscribe(siteId: string, listener: (event: RequestChanged) => void): () => void;
  /** `listener` runs when events may have been missed (the bus reconnected): its clients should refetch. */
  onResync(listener: () => void): () => void;
}

export function createEventBus(bus: Bus): EventBus {
  const listeners = new Map<string, Set<(event: RequestChanged) => void>>();
  const resyncListeners = new Set<() => void>();
  bus.subscribe((signal) => {
    if (signal.kind === 'request-changed') for (const listener of listeners.get(signal.event.siteId) ?? []) listener(signal.event);
    if (signal.kind === 'resync') for (const listener of resyncListeners) listener();
  });
  return {
    publish(event) {
      void bus.publish({ kind: 'request-changed', event });
    },
    subscribe(siteId, listener) {
      const set = listeners.get(siteId) ?? new Set();
      listeners.set(siteId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) listeners.delete(siteId);
      };
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
  };
}
