/**
 * Opens the store the configuration asks for: PostgreSQL when DATABASE_URL names one (several
 * instances may share it), else the SQLite file at DATABASE_PATH (one server process). Each adapter
 * is imported only when chosen, so a SQLite server never loads the PostgreSQL driver.
 */
import type { Config } from '../config.js';
import type { Store } from './types.js';
import type { BusLog } from './shared-state.js';

export interface OpenStoreOptions {
  /**
   * Who opens it. A server holds a SQLite file for itself (a second server is refused at open); the
   * admin command writes beside a running server, between its writes.
   */
  purpose: 'server' | 'admin';
  /** Where a PostgreSQL store's bus reports trouble (the console when not given). */
  log?: BusLog;
}

export async function openStore(
  config: Pick<Config, 'databasePath' | 'databaseUrl' | 'databasePoolSize'>,
  options: OpenStoreOptions = { purpose: 'server' },
): Promise<Store> {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    const { openPgStore } = await import('./pg/store.js');
    return openPgStore(config.databaseUrl, { log: options.log, poolSize: config.databasePoolSize });
  }
  const { openSqliteStore } = await import('./sqlite/store.js');
  return openSqliteStore(config.databasePath, { instanceLock: options.purpose === 'server' });
}
