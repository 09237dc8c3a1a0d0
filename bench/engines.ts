/**
 * SQLite and PostgreSQL under the same load, in one bench/api run: one SQLite instance, one
 * PostgreSQL instance, and two PostgreSQL instances on one database with the connections split
 * between them — for the member list and the durable submit.
 *
 * Besides req/s and p99, each run is charged its CPU from /proc (proc-cpu.ts): the API processes
 * and the whole PostgreSQL cluster, per request. On this 2-core machine two instances, PostgreSQL
 * and the load generator share the cores, so req/s says little about N cores; µs per request does
 * (one core carries 1,000,000 / µs requests a second). SQLite's database work is inside the API
 * process, so its API column is API and database together.
 *
 * Goals (issue 10): a list request on PostgreSQL costs ≤ 1.5× the CPU it costs on SQLite, a durable
 * submit ≤ 2×. Each PostgreSQL run that misses says where the time goes: the API/PostgreSQL split
 * and the statements each request sent (counted in the server processes, statement-counter.ts).
 */
import autocannon, { type Request, type Result } from 'autocannon';
import pg from 'pg';
import { clusterCpuMicros, parentPid, processCpuMicros } from './proc-cpu.js';
import { startInstance, type Instance } from './instance.js';

export interface EngineLoad {
  name: string;
  kind: 'list' | 'submit';
  /** The autocannon requests for one instance at `base`, whose members are signed in with `auths`. */
  requests(auths: Record<string, string>[]): Request[];
}

export interface EngineSetup {
  script: string;
  sqlitePath: string;
  postgresUrl: string;
  /** Signs the bench members in on the instance at `base`: their Authorization headers. */
  signIn(base: string): Promise<Record<string, string>[]>;
  loads: EngineLoad[];
  headers: Record<string, string>;
  connections: number;
  duration: number;
  warmup: number;
}

/** What a server process reports after a run (the fields this comparison reads). */
interface InstanceReport {
  statements: [string, number][];
}

interface Measured {
  load: EngineLoad;
  engine: string;
  instances: number;
  requests: number;
  rps: number;
  p99: number;
  failed: number;
  apiMicros: number;
  pgMicros: number;
  statements: Map<string, number>;
}

const GOALS = { list: 1.5, submit: 2 } as const;

/** The postmaster of the cluster behind `url`, found as the parent of this connection's backend (so the cluster must run on this machine). */
async function postmasterOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return parentPid(rows[0]!.pid);
  } finally {
    await client.end();
  }
}

async function measure(setup: EngineSetup, servers: Instance<{ app: number }>[], auths: Record<string, string>[], load: EngineLoad, postmaster: number | null) {
  const share = Math.max(1, Math.round(setup.connections / servers.length));
  const fire = (duration: number) =>
    Promise.all(
      servers.map((server) =>
        autocannon({
          url: `http://127.0.0.1:${server.ready.app}`,
          connections: share,
          duration,
          timeout: 10,
          headers: setup.headers,
          requests: load.requests(auths),
        }),
      ),
    );
  const cpu = () => ({
    api: servers.reduce((sum, server) => sum + processCpuMicros(server.pid), 0),
    pg: postmaster ? clusterCpuMicros(postmaster) : 0,
  });
  if (setup.warmup > 0) await fire(setup.warmup);
  await Promise.all(servers.map((server) => server.ask('idle')));
  await Promise.all(servers.map((server) => server.ask('mark')));
  const before = cpu();
  const results: Result[] = await fire(setup.duration);
  const after = cpu();
  const reports = await Promise.all(servers.map((server) => server.ask<InstanceReport>('report')));
  const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
  const statements = new Map<string, number>();
  for (const [text, count] of reports.flatMap((r) => r.statements)) statements.set(text, (statements.get(text) ?? 0) + count);
  return {
    requests,
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    // autocannon gives no histogram to merge: with two instances, the worse of their two p99s.
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    apiMicros: (after.api - before.api) / requests,
    pgMicros: (after.pg - before.pg) / requests,
    statements,
  };
}

async function runEngine(setup: EngineSetup, engine: string, instances: number, env: Record<string, string>, postmaster: number | null): Promise<Measured[]> {
  // Started one after the other: the first runs the migrations (and seeding checks) alone.
  const servers: Instance<{ app: number }>[] = [];
  for (let n = 0; n < instances; n++) servers.push(await startInstance(setup.script, env));
  try {
    const auths = await setup.signIn(`http://127.0.0.1:${servers[0]!.ready.app}`);
    const measured: Measured[] = [];
    for (const load of setup.loads) {
      measured.push({ load, engine, instances, ...(await measure(setup, servers, auths, load, postmaster)) });
      process.stderr.write(`  done: ${load.name}, ${engine} ×${instances}\n`);
    }
    return measured;
  } finally {
    await Promise.all(servers.map((server) => server.ask('close').catch(() => undefined)));
  }
}

export async function compareEngines(setup: EngineSetup): Promise<void> {
  const postmaster = await postmasterOf(setup.postgresUrl);
  // Both instances of a run must accept each other's sessions. No CPU profiles here: BENCH_SERVER_PROFILE numbers
  // the main runs' profiles per process, and several processes would overwrite each other's.
  const shared = { SESSION_SECRET: 'bench-engines-session-secret-0123456789abcdef', BENCH_SERVER_PROFILE: '' };
  const sqlite = await runEngine(setup, 'SQLite', 1, { ...shared, BENCH_DB: setup.sqlitePath }, null);
  const postgres = [
    ...(await runEngine(setup, 'PostgreSQL', 1, { ...shared, DATABASE_URL: setup.postgresUrl }, postmaster)),
    ...(await runEngine(setup, 'PostgreSQL', 2, { ...shared, DATABASE_URL: setup.postgresUrl }, postmaster)),
  ];
  report(setup, sqlite, postgres);
}

function report(setup: EngineSetup, sqlite: Measured[], postgres: Measured[]): void {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const us = (value: number) => pad(Math.round(value), 8);
  console.log(
    `\nSQLite beside PostgreSQL (bench/engines.ts; ${setup.connections} connections split across the instances, ${setup.duration} s after ${setup.warmup} s warm-up; ` +
      'CPU from /proc per request: the API processes, and every process of the PostgreSQL cluster):',
  );
  console.log(
    `  ${'run'.padEnd(44)} ${pad('req/s', 7)} ${pad('p99 ms', 7)} ${pad('failed', 7)} ${pad('API µs', 8)} ${pad('PG µs', 8)} ${pad('total µs', 8)} ${pad('req/s/core', 10)}  × SQLite (goal)`,
  );
  const misses: Measured[] = [];
  for (const row of [...sqlite, ...postgres].sort((a, b) => setup.loads.indexOf(a.load) - setup.loads.indexOf(b.load))) {
    const total = row.apiMicros + row.pgMicros;
    const base = sqlite.find((s) => s.load === row.load)!;
    const ratio = total / (base.apiMicros + base.pgMicros);
    const goal = GOALS[row.load.kind];
    const verdict = row === base ? '' : `${ratio.toFixed(2)}× (≤ ${goal}×) ${ratio <= goal ? 'ok' : 'MISSED'}`;
    if (row !== base && ratio > goal) misses.push(row);
    console.log(
      `  ${`${row.load.name}, ${row.engine} ×${row.instances}`.padEnd(44)} ${pad(Math.round(row.rps), 7)} ${pad(row.p99, 7)} ${pad(row.failed, 7)} ` +
        `${us(row.apiMicros)} ${row.engine === 'SQLite' ? pad('(in API)', 8) : us(row.pgMicros)} ${us(total)} ${pad(Math.round(1e6 / total), 10)}  ${verdict}`,
    );
  }
  console.log('  (p99 with two instances: the worse of the two; req/s/core = 1,000,000 / total µs, what one core would carry at this cost)');
  for (const row of misses) {
    const sent = [...row.statements].sort(([, a], [, b]) => b - a);
    const perRequest = sent.reduce((sum, [, n]) => sum + n, 0) / row.requests;
    const total = row.apiMicros + row.pgMicros;
    console.log(
      `\n  Where the time goes — ${row.load.name}, ${row.engine} ×${row.instances}: API ${Math.round((100 * row.apiMicros) / total)} %, ` +
        `PostgreSQL ${Math.round((100 * row.pgMicros) / total)} %; ${perRequest.toFixed(2)} statements per request ` +
        `(${(row.pgMicros / perRequest).toFixed(0)} µs of PostgreSQL CPU each):`,
    );
    // Every statement sent at least once in twenty requests: a submission's whole sequence, a list's one.
    for (const [text, n] of sent.filter(([, n]) => n / row.requests >= 0.05).slice(0, 30))
      console.log(`    ${(n / row.requests).toFixed(2).padStart(5)} × ${text.replace(/\s+/g, ' ').slice(0, 140)}`);
  }
}
