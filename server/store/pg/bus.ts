/**
 * The bus between API processes on one PostgreSQL: `pg_notify('porthole_bus', json)` to publish,
 * one dedicated connection that LISTENs. Listeners hear only what LISTEN delivers, this process's
 * own messages included, so a change made here and one made on another instance reach them alike.
 *
 * A dropped LISTEN connection is reopened with a doubling pause; messages sent meanwhile are lost
 * to this process, so once it listens again its listeners hear `resync`. NOTIFY payloads must stay
 * under 8000 bytes: bus messages are ids and a timestamp, and anything bigger is refused and logged.
 */
import pg from 'pg';
import type { Bus, BusLog, BusMessage, BusSignal } from '../shared-state.js';

const CHANNEL = 'porthole_bus';
/** PostgreSQL's limit is "shorter than 8000 bytes". */
const MAX_PAYLOAD_BYTES = 7_999;
const KINDS = new Set<string>(['request-changed', 'member-changed', 'site-changed'] satisfies BusMessage['kind'][]);
/** What pg_stat_activity shows for the LISTEN connection. */
export const BUS_APPLICATION_NAME = 'porthole-bus';

export interface PgBusOptions {
  log: BusLog;
  /** The first pause before reconnecting; it doubles up to `longestRetryMs`. */
  firstRetryMs?: number;
  longestRetryMs?: number;
}

/**
 * `source`: the app's pool, which sends (the LISTEN connection is opened beside it, with its
 * settings), or a connection string for a bus with a small pool of its own. Resolves once listening.
 */
export async function createPgBus(source: string | pg.Pool, options: PgBusOptions): Promise<Bus> {
  const { log, firstRetryMs = 100, longestRetryMs = 5_000 } = options;
  const ownsPool = typeof source === 'string';
  const pool = ownsPool ? new pg.Pool({ connectionString: source, max: 2 }) : source;
  // An idle connection of our own pool that the server ends (restart, a dropped database) emits here;
  // unheard it would crash the process. The pool opens another when next needed. (The app's pool has its own.)
  if (ownsPool) pool.on('error', (error) => log.warn({ err: error }, 'the bus lost an idle connection'));
  const listeners = new Set<(signal: BusSignal) => void>();
  let listening: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let pause = firstRetryMs;

  const deliver = (signal: BusSignal) => {
    for (const listener of listeners) {
      try {
        listener(signal);
      } catch (error) {
        log.warn({ err: error, kind: signal.kind }, 'a bus listener failed');
      }
    }
  };

  const receive = (payload: string | undefined) => {
    let message: unknown;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      message = undefined;
    }
    if (isBusMessage(message)) deliver(message);
    else log.warn({ payload }, 'a bus message of unknown shape was dropped');
  };

  async function listen(): Promise<void> {
    const client = new pg.Client({ ...pool.options, application_name: BUS_APPLICATION_NAME });
    client.on('notification', (notification) => notification.channel === CHANNEL && receive(notification.payload));
    client.on('error', (error) => dropped(client, error));
    client.on('end', () => dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) await client.end();
    else listening = client;
  }

  function dropped(client: pg.Client, error?: Error) {
    if (client !== listening) return;
    listening = null;
    void client.end().catch(() => undefined);
    log.warn({ err: error }, 'the bus lost its LISTEN connection; reconnecting');
    reconnectLater();
  }

  function reconnectLater() {
    retry = setTimeout(() => {
      listen().then(
        () => {
          pause = firstRetryMs;
          if (!closed) deliver({ kind: 'resync' });
        },
        (error: Error) => {
          if (closed) return;
          pause = Math.min(pause * 2, longestRetryMs);
          log.warn({ err: error, retryInMs: pause }, 'the bus could not listen again yet');
          reconnectLater();
        },
      );
    }, pause);
    retry.unref();
  }

  try {
    await listen();
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }

  return {
    async publish(message) {
      if (closed) return;
      const payload = JSON.stringify(message);
      const bytes = Buffer.byteLength(payload);
      if (bytes > MAX_PAYLOAD_BYTES) {
        log.warn({ kind: message.kind, bytes }, 'a bus message too big for NOTIFY was not sent');
        return;
      }
      try {
        await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
      } catch (error) {
        log.warn({ err: error, kind: message.kind }, 'a bus message could not be sent');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      listeners.clear();
      const client = listening;
      listening = null;
      await client?.end();
      if (ownsPool) await pool.end();
    },
  };
}

function isBusMessage(value: unknown): value is BusMessage {
  return typeof value === 'object' && value !== null && KINDS.has(String((value as { kind?: unknown }).kind));
}
