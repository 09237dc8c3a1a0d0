/**
 * bench/seed-pg — copies a bench/seed SQLite database into PostgreSQL (bench/pg-copy.ts), by itself;
 * bench/api does the same before its PostgreSQL runs.
 *
 *   node bench/run.mjs seed-pg [path] [url]   (path, else $BENCH_DB, else ./data/bench.db;
 *                                              url, else $BENCH_DATABASE_URL: its database is dropped and re-created)
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { seedPostgres } from './pg-copy.js';

async function main(): Promise<void> {
  const path = resolve(process.argv[2] ?? process.env.BENCH_DB ?? './data/bench.db');
  const url = process.argv[3] ?? process.env.BENCH_DATABASE_URL;
  if (!existsSync(path)) throw new Error(`${path} does not exist: run \`node bench/run.mjs seed\` first`);
  if (!url) throw new Error('usage: node bench/run.mjs seed-pg [sqlite path] <postgres://…/bench> (or set BENCH_DATABASE_URL)');
  const started = performance.now();
  const { copied, phases } = await seedPostgres(path, url);
  const seconds = (performance.now() - started) / 1000;
  const spent = Object.entries(phases).map(([name, s]) => `${name} ${s.toFixed(2)} s`);
  const load = loadavg().map((n) => n.toFixed(2));
  console.log(`bench/seed-pg ${path} → ${url.replace(/\/\/[^@/]*@/, '//')}`);
  console.log(`  ${seconds.toFixed(2)} s (${spent.join(', ')}); load average ${load.join(' ')} on ${cpus().length} cores`);
  for (const [table, rows] of copied) if (rows > 0) console.log(`  ${table.padEnd(22)} ${String(rows).padStart(9)}`);
}

await main();
