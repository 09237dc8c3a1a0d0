/**
 * Group commit for the writes a client waits on (a new request, a reply, a sign-in): each is its
 * own unit of work, but the units that arrive together share one transaction and so one fsync.
 *
 * With `synchronous=FULL` every commit waits for the disk, and better-sqlite3 waits on the event
 * loop: one commit per write caps a server at 1/fsync writes per second (355/s here; bench/api).
 * Here a write is queued and the queue is committed on the next turn of the event loop, by which
 * time every request that arrived meanwhile has queued its own. Each unit runs in a savepoint, so a
 * unit that throws is undone alone and fails alone; the others commit. Nobody is answered before
 * the commit their unit is in has reached the disk, so an acknowledged write is as durable as
 * before. If the commit itself fails, every unit in it fails, and nothing of them is stored.
 */
import type { Db, Tx } from './client.js';

interface Unit {
  work: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queues = new WeakMap<Db, Unit[]>();

/** Runs `work` in a transaction shared with the other writes queued this turn; resolves once committed. */
export function commitWithOthers<T>(db: Db, work: (tx: Tx) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      setImmediate(() => commitQueue(db));
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

function commitQueue(db: Db): void {
  const units = queues.get(db) ?? [];
  queues.delete(db);
  let outcomes: Outcome[];
  try {
    // IMMEDIATE: take the write lock up front, so a busy database fails the group once (503 busy),
    // rather than each unit waiting out busy_timeout in turn.
    outcomes = db.transaction(
      (tx) =>
        units.map((unit): Outcome => {
          try {
            return { ok: true, value: tx.transaction((savepoint) => unit.work(savepoint)) };
          } catch (error) {
            return { ok: false, error };
          }
        }),
      { behavior: 'immediate' },
    );
  } catch (error) {
    for (const unit of units) unit.reject(error);
    return;
  }
  units.forEach((unit, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  });
}
