/**
 * State that several API processes on one database must share, beyond the tables: the messages
 * they send each other (live events, cache invalidations), the jobs only one of them may run at
 * a time, and the windows every limit counts in. Each adapter implements these shapes: in memory
 * for SQLite's single process (store/memory/), over LISTEN/NOTIFY, advisory locks and a table on
 * PostgreSQL (store/pg/). The port owns these types; limits/ and services/ take them from here.
 */
/** The time, injected (services/clock.ts), so tests can move it: the window counters read it too. */
export type Clock = () => Date;

/** "Request N of site S changed": carries no content — listeners refetch through the authorised routes. */
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

export type BusMessage =
  | { kind: 'request-changed'; event: RequestChanged }
  /** A member's sign-in stored something a cached look-up may not show (member-directory.ts). */
  | { kind: 'member-changed'; siteId: string; memberId: string }
  /** A site's row changed or was created (admin command, seed), for caches keyed by slug (site-directory.ts). */
  | { kind: 'site-changed'; slug: string };

/**
 * What listeners hear: the messages, and `resync` when some may have been lost (the bus lost its
 * connection for a while): a listener then drops what it cached, or tells its clients to refetch.
 */
export type BusSignal = BusMessage | { kind: 'resync' };

export interface Bus {
  /**
   * Sends to every process's listeners, this one's included, and resolves once sent. Never
   * rejects: a message that could not be sent is logged (its listeners miss it, as with any gap).
   */
  publish(message: BusMessage): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (signal: BusSignal) => void): () => void;
  close(): Promise<void>;
}

export interface Leases {
  /**
   * Runs `work` unless it is already running under `name` (here or in another process); resolves
   * to whether it ran. For housekeeping that every instance schedules but one run at a time suffices.
   */
  runExclusive(name: string, work: () => Promise<void>): Promise<boolean>;
  /** Runs `work` once no other run under `name` (here or in another process) is going, and gives its result. */
  runInTurn<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** Where a shared-state adapter reports trouble it does not throw for (a lost bus connection, a message too big to send). */
export interface BusLog {
  warn(details: object, message: string): void;
}

/**
 * Fixed-window counters: the one mechanism behind every limit (the submit limit through
 * @fastify/rate-limit's store option, limits/rate-limit-store.ts; sign-in attempts through
 * services/attempt-limiter.ts). Two instances on one database count into the same windows.
 */
export interface LimitWindow {
  /** Hits counted in this window, the current one included. */
  count: number;
  /** When the window closes (ms since the epoch); the key then starts afresh. */
  resetAt: number;
}

export interface WindowCounter {
  /** Counts one hit on `key`, opening a window of `windowMs` if none is open, and returns it. */
  hit(key: string, windowMs: number): Promise<LimitWindow>;
  /** Takes back one hit counted in `window` (returned by `hit`), if that window is still open. */
  release(key: string, window: LimitWindow): Promise<void>;
}

/** Opens the counters of one limit: `limit` names it, so a shared store can keep limits apart. */
export type WindowCounters = (limit: string) => WindowCounter;
