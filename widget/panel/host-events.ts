/**
 * The host page's event handlers (`Porthole('on', name, handler)`), kept by the panel: the loader keeps only
 * `ready`'s (it is the loader's event) and hands every other `on` to the panel with the commands it queued, so
 * a host page that never opens the panel pays no bytes for them.
 */
import type { WidgetEvent } from '../bridge.js';

type Handler = (detail?: unknown) => void;

export function createHostEvents() {
  const handlers: [WidgetEvent, Handler][] = [];
  return {
    on(event: unknown, handler: unknown) {
      if (typeof handler === 'function') handlers.push([event as WidgetEvent, handler as Handler]);
    },
    emit(event: WidgetEvent, detail?: unknown) {
      for (const [name, handler] of handlers) {
        if (name !== event) continue;
        try {
          handler(detail);
        } catch (error) {
          // A host's handler must not break the widget; report it where the host will look.
          reportError(error);
        }
      }
    },
  };
}
