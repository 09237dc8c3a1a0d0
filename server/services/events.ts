/**
 * Live updates: "request N of site S changed". One in-process bus; with several API processes it
 * would be replaced by PostgreSQL LISTEN/NOTIFY behind the same two methods. Events carry no
 * content — listeners refetch through the authorised routes.
 */
import type { RequestView } from '../store/types.js';
import { provenRequesterId } from '../store/rules/visibility.js';

export interface RequestChanged {
  siteId: string;
  number: number;
  updatedAt: string;
  /**
   * Who may hear of it: the requester (once the sender is proven: store/rules/visibility.ts) and CCs, and the
   * organization where the plan shares requests.
   */
  endUserIds: string[];
  organizationId: string | null;
}

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
}

export function createEventBus(): EventBus {
  const listeners = new Map<string, Set<(event: RequestChanged) => void>>();
  return {
    publish(event) {
      for (const listener of listeners.get(event.siteId) ?? []) listener(event);
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
  };
}
