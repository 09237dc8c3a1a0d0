/**
 * The host's commands that change what the panel shows or who it is for — `navigate` to a view, `identify`,
 * `logout`, `prefill`, `suggest` — as a chunk of their own: a host page that only lets visitors click Support never
 * downloads them. They run in the order given (state.ts chains them); a host's `navigate` opens the panel once it
 * has run, at the view it asked for.
 */
import type { Command } from '../bridge.js';
import type { Identity } from './models/member-session.js';
import type { PortholeNavigateTarget, PortholePrefill } from '../porthole.js';
import type { WidgetModel } from './state.js';

/** What `Porthole('navigate', …)` accepts, besides 'helpcenter' (a new tab, opened at once by state.ts). */
function viewFor(target: PortholeNavigateTarget) {
  if (target === 'home' || target === 'contact' || target === 'requests') return { name: target };
  if (target && typeof target === 'object' && 'article' in target && typeof target.article === 'string')
    return { name: 'article' as const, id: target.article };
  if (target && typeof target === 'object' && 'request' in target && Number.isInteger(Number(target.request)))
    return { name: 'request' as const, id: Number(target.request) };
}

function isIdentity(value: unknown): value is Identity {
  if (!value || typeof value !== 'object') return false;
  const { token, jwt } = value as { token?: unknown; jwt?: unknown };
  return (typeof token === 'string' && token.length > 0) || typeof jwt === 'function';
}

export function runHostCommand(model: WidgetModel, [name, first]: Command): void {
  const { navigation, help, session } = model;
  switch (name) {
    case 'navigate': {
      const view = viewFor(first as PortholeNavigateTarget);
      if (!view) return;
      navigation.show(view);
      if (view.name === 'article') help.openArticle(view.id);
      return model.open();
    }
    case 'identify':
      if (isIdentity(first)) session.identify(first);
      return;
    case 'logout': {
      session.logout();
      model.forgetMember();
      const view = navigation.view.value.name;
      if (view === 'requests' || view === 'request') navigation.show({ name: 'home' });
      return;
    }
    case 'prefill':
      if (first && typeof first === 'object') model.prefill(first as PortholePrefill);
      return;
    case 'suggest':
      return help.suggest((first as { query?: string } | undefined)?.query);
  }
}
