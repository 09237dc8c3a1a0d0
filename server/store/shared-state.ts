/**
 * State that several API processes on one database must share, beyond the tables: the messages
 * they send each other (live events, cache invalidations) and the jobs only one of them may run at
 * a time. Each adapter implements these shapes: in memory for SQLite's single process
 * (store/memory/), over LISTEN/NOTIFY and advisory locks on PostgreSQL (store/pg/).
 */
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
