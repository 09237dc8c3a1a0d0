/**
 * The host page's event handlers (`Porthole('on', name, handler)`), kept by the panel: the loader keeps only
 * `ready`'s (it is the loader's event) and hands every other `on` to the panel with the commands it queued, so
 * a host page that never opens the panel pays no bytes for them.
 */
import type { PortholeEventName, PortholeEvents } from '../porthole.js';

type Handler = (detail?: unknown) => void;

/** Tells the host's handlers of `event`, with the payload porthole.d.ts promises for it (none for open and close). */
export type EmitHostEvent = <E extends PortholeEventName>(event: E, ...detail: PortholeEvents[E] extends undefined ? [] : [PortholeEvents[E]]) => void;

export function createHostEvents() {
  const handlers: [PortholeEventName, Handler][] = [];
  const emit: EmitHostEvent = (event, ...detail) => {
    for (const [name, handler] of handlers) {
      if (name !== event) continue;
      try {
        handler(detail[0]);
      } catch (error) {
        // A host's handler must not break the widget; report it where the host will look.
        reportError(error);
      }
    }
  };
  return {
    on(event: unknown, handler: unknown) {
      if (typeof handler === 'function') handlers.push([event as PortholeEventName, handler as Handler]);
    },
    emit,
  };
}
