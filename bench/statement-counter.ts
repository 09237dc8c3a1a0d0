/**
 * Counts the statements a bench server process sends to PostgreSQL, by SQL text, so bench/api can
 * say how many statements (BEGIN and COMMIT included) a request costs and which ones. It wraps
 * node-postgres's Client.prototype.query, which every pool and drizzle query goes through; the
 * count is one Map increment per statement. pg_stat_statements would tell more, but a stock
 * cluster does not load it.
 */
import pg from 'pg';

export function countStatements(): { take(): [string, number][] } {
  let counts = new Map<string, number>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0];
    const text = typeof config === 'string' ? config : ((config as { text?: string } | null)?.text ?? '(unknown)');
    counts.set(text, (counts.get(text) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    /** The counts since the last take. */
    take() {
      const taken = [...counts];
      counts = new Map();
      return taken;
    },
  };
}
