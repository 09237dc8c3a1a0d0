/**
 * Porthole's JavaScript API for host pages, as types: what `Porthole(…)` accepts and what its events hand a
 * handler. Served beside the loader as `/widget/porthole.d.ts`; a host's TypeScript project copies it in (or
 * references it) and gets every command checked. This file is also the widget's own source of these types
 * (bridge.ts, the panel's models), so what it promises and what the widget does cannot drift apart.
 * It stands alone on purpose: a host gets one file with no imports.
 */

/** Where `Porthole('navigate', …)` goes: a view of the panel, an article or request in it, or the Help Center in a new tab. */
export type PortholeNavigateTarget = 'home' | 'contact' | 'requests' | 'helpcenter' | { article: string } | { request: number };

/** `Porthole('prefill', …)`: what the "Contact us" form starts with; `category` is a category's id or name. */
export interface PortholePrefill {
  subject?: string;
  description?: string;
  email?: string;
  name?: string;
  category?: string;
}

/** `Porthole('config', …)`: language and looks; each may change at any time. */
export interface PortholeConfig {
  /** The button's colour, a CSS colour. */
  color?: string;
  /** 'right' unless the host says 'left'. */
  position?: 'left' | 'right';
  hideLauncher?: boolean;
  /** A BCP 47 tag such as `de-AT`: the first choice, before the browser's languages. */
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
}

/** `Porthole('identify', …)`: a member token your backend signed, or a function that fetches a fresh one. */
export type PortholeIdentity = { token: string } | { jwt: () => Promise<string> };

/** A request's status as a customer sees it. */
export type PortholeRequestStatus = 'open' | 'awaiting_reply' | 'solved' | 'closed';

/** Each event's name and what its handler receives. */
export interface PortholeEvents {
  ready: undefined;
  open: undefined;
  close: undefined;
  /** A request was filed from the panel; `id` is its number. */
  'request:created': { id: number };
  /** A signed-in member's request changed while shown: `statusLabel` is the status in the panel's language. */
  'request:updated': { id: number; status: PortholeRequestStatus; statusLabel: string };
}

export type PortholeEventName = keyof PortholeEvents;

/** `Porthole('on', name, handler)` for each event, with that event's payload. */
export type PortholeSubscription = { [E in PortholeEventName]: ['on', E, (detail: PortholeEvents[E]) => void] }[PortholeEventName];

/** Every call `Porthole(…)` accepts, as its argument list (for a host that keeps calls to make later). */
export type PortholeCommand =
  | ['open']
  | ['close']
  | ['toggle']
  | ['navigate', PortholeNavigateTarget]
  | ['prefill', PortholePrefill]
  | ['suggest', { query?: string }]
  | ['config', PortholeConfig]
  | ['identify', PortholeIdentity]
  | ['logout']
  | PortholeSubscription;

/** The global the embed snippet defines: calls made before the loader arrives are queued and replayed in order. */
export interface Porthole {
  (command: 'open' | 'close' | 'toggle' | 'logout'): void;
  (command: 'navigate', target: PortholeNavigateTarget): void;
  (command: 'prefill', values: PortholePrefill): void;
  (command: 'suggest', options: { query?: string }): void;
  (command: 'config', settings: PortholeConfig): void;
  (command: 'identify', identity: PortholeIdentity): void;
  <E extends PortholeEventName>(command: 'on', event: E, handler: (detail: PortholeEvents[E]) => void): void;
}

declare global {
  interface Window {
    Porthole: Porthole;
  }
}
