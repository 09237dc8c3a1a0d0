/**
 * bench/api — HTTP throughput and latency of the real app on the bench database.
 *
 *   node bench/run.mjs seed            (once: builds ./data/bench.db)
 *   node bench/run.mjs api [path]      (path, else $BENCH_DB, else ./data/bench.db)
 *
 * Two processes, so load generator and server do not share a core (the machine has two): this one
 * drives autocannon; a child (the same file with BENCH_API_ROLE=server) runs buildApp on the
 * database exactly as the server opens it (openStore: on SQLite WAL, synchronous=FULL), with its logger on
 * at `info` like `npm start` but written to /dev/null, CORS on (every request carries the demo
 * host's Origin), on 127.0.0.1:0 — plus two bare Fastify hello-worlds for comparison.
 * Members sign in through the real POST …/session with host tokens signed as a host backend signs
 * them (test/support/member-tokens.ts), using the secret stored for the `demo` site.
 * The submit run is last because it writes (anonymous requests; members' lists are unaffected).
 *
 * Then, for the member lists, the query plans: the SQL the real repository function generates is
 * captured (drizzle logger) and run under EXPLAIN QUERY PLAN and timed on a read-only connection,
 * with and without the ANALYZE statistics (the server never runs ANALYZE), next to the rewrites
 * proposed where a target is missed. Nothing in server/ is changed.
 *
 * Knobs: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 2), BENCH_CONNECTIONS (20),
 * BENCH_LOG_LEVEL (info; "off" for none), BENCH_MEMBERS (signed-in members, 20), BENCH_ONLY (a regular
 * expression: run only the scenarios whose names match), BENCH_SERVER_PROFILE (a directory: the server
 * process writes a V8 CPU profile of each measured run there, 1.cpuprofile, 2.cpuprofile, … in the
 * order printed on stderr, to open in Chrome DevTools).
 */
import autocannon, { type Request, type RequestData, type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance as nodePerformance, PerformanceObserver } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { listenProtected } from '../server/server.js';
import { readConfig, type Config } from '../server/config.js';
import * as schema from '../server/store/sqlite/schema.js';
import { findMember, memberIdentities } from '../server/store/sqlite/members.js';
import { listVisibleRequests } from '../server/store/sqlite/member-requests.js';
import { openStore } from '../server/store/open.js';
import type { ListScope, MemberScope } from '../server/store/types.js';
import { decodeCursor, type Position } from '../server/services/cursor.js';
import { tierFeatures } from '../server/services/sites.js';
import { compareEngines, type EngineLoad } from './engines.js';
import { startInstance } from './instance.js';
import { seedPostgres } from './pg-copy.js';
import { countStatements } from './statement-counter.js';
import { pacedLoad, type PacedResult } from './paced-load.js';
import { uploadUntil } from './upload-load.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const SIGNED_IN = Number(process.env.BENCH_MEMBERS ?? 20);
const DEEP_PAGES = 20;
const FIXED_RATE = 1_000;
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

const TARGETS = {
  list: { rps: 4_000, p99AtFixedRate: 10 },
  submit: { rps: 2_000, p99: 50 },
  // Issue 12: uploads neither block other requests nor sit in memory whole.
  upload: { bytes: 5 * 1024 * 1024, everyMs: 1000, listRate: 200, p99Ratio: 2 },
};

// ---- the server process ----------------------------------------------------------------------------

type ServerReady = { app: number; bare: number; logged: number };
/** The server's CPU use, its garbage-collection pauses and the statements it sent to PostgreSQL over a run. */
type ServerReport = {
  cpuPercent: number;
  eventLoopPercent: number;
  gcPauses: number;
  gcMaxMs: number;
  statements: [string, number][];
  /** How far the resident set rose above its size at `mark` during the run (sampled every 5 ms). */
  rssGrowthBytes: number;
};

async function serve(): Promise<void> {
  const statements = countStatements();
  const config: Config = {
    // Only what the driver chose — the SQLite file (BENCH_DB) or PostgreSQL (DATABASE_URL), and engines.ts's
    // shared session secret — never the environment's other settings.
    ...readConfig({ DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRET: process.env.SESSION_SECRET }),
    host: '127.0.0.1',
    port: 0,
    databasePath: process.env.BENCH_DB ?? '',
    // Anonymous submissions are limited per address; the benchmark is one address.
    submitLimit: { max: 1_000_000_000, windowMs: 10 * 60 * 1000 },
    // The upload run's files (SQLite) go to a folder of their own, removed at close.
    filesDir: join(tmpdir(), `porthole-bench-files-${process.pid}`),
  };
  const store = await openStore(config);
  const logger: FastifyServerOptions['logger'] = LOG_LEVEL === 'off' ? false : { level: LOG_LEVEL, file: '/dev/null' };
  const app = await buildApp({ store, config, logger });
  // As the server listens: with the slow-client guard and connection caps on.
  await listenProtected(app, config);

  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ hello: 'world' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const logged = Fastify({ logger });
  logged.get('/', async () => ({ hello: 'world' }));
  await logged.listen({ host: '127.0.0.1', port: 0 });

  const portOf = (server: { server: { address(): unknown } }) => (server.server.address() as { port: number }).port;
  let mark = { cpu: process.cpuUsage(), elu: nodePerformance.eventLoopUtilization(), at: performance.now() };
  let gc: number[] = [];
  let rss = { atMark: process.memoryUsage.rss(), peak: 0 };
  let holdWatch: NodeJS.Timeout | undefined;
  let holdReport = () => 0;
  setInterval(() => (rss.peak = Math.max(rss.peak, process.memoryUsage.rss())), 5).unref();
  const profiler = process.env.BENCH_SERVER_PROFILE ? serverProfiler(resolve(process.env.BENCH_SERVER_PROFILE)) : null;
  new PerformanceObserver((entries) => gc.push(...entries.getEntries().map((entry) => entry.duration))).observe({ entryTypes: ['gc'] });
  process.on('message', async (message) => {
    if (message === 'mark') {
      mark = { cpu: process.cpuUsage(), elu: nodePerformance.eventLoopUtilization(), at: performance.now() };
      gc = [];
      rss = { atMark: process.memoryUsage.rss(), peak: 0 };
      statements.take();
      await profiler?.start();
      process.send!({ marked: true });
    } else if (message === 'report') {
      await profiler?.stop();
      const cpu = process.cpuUsage(mark.cpu);
      const elapsedMs = performance.now() - mark.at;
      const elu = nodePerformance.eventLoopUtilization(mark.elu);
      process.send!({
        cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
        eventLoopPercent: elu.utilization * 100,
        gcPauses: gc.length,
        gcMaxMs: Math.max(0, ...gc),
        statements: statements.take(),
        rssGrowthBytes: Math.max(0, rss.peak - rss.atMark),
      } satisfies ServerReport);
    } else if (message === 'hold-watch') {
      // What the server still holds while uploads arrive: a full collection every 20 ms, then the
      // bytes of buffers still reachable. Garbage waiting for a collection is what RSS shows; this is
      // what a body read whole into memory would show (its whole size), and a streamed one would not.
      const collect = forcedGc();
      collect();
      const base = process.memoryUsage().arrayBuffers;
      let held = 0;
      holdWatch = setInterval(() => {
        collect();
        held = Math.max(held, process.memoryUsage().arrayBuffers - base);
      }, 20);
      holdReport = () => held;
      process.send!({ watching: true });
    } else if (message === 'hold-report') {
      clearInterval(holdWatch);
      process.send!({ heldBytes: holdReport() });
    } else if (message === 'idle') {
      // Idle = a quarter second in which the event loop was busy less than 10 % of the time: any
      // backlog of requests a run left behind (slow ones keep running after autocannon stops) is done.
      for (;;) {
        const before = nodePerformance.eventLoopUtilization();
        await new Promise((done) => setTimeout(done, 250));
        if (nodePerformance.eventLoopUtilization(before).utilization < 0.1) break;
      }
      process.send!({ idle: true });
    } else if (message === 'close') {
      await Promise.all([app.close(), bare.close(), logged.close()]);
      await store.close();
      rmSync(config.filesDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ app: portOf(app), bare: portOf(bare), logged: portOf(logged) } satisfies ServerReady);
}

/** `global.gc` without starting the server process with --expose-gc (which would change every other run's collections). */
function forcedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * CPU profiles of the measured runs only (not warm-ups or idle time), through the inspector:
 * `node --cpu-prof` would profile the whole process, and its sampling kept the idle check from
 * ever seeing the server idle.
 */
function serverProfiler(dir: string) {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  const post = <T>(method: string) => new Promise<T>((done, fail) => session.post(method, (error, result) => (error ? fail(error) : done(result as T))));
  let runs = 0;
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.start');
    },
    stop: async () => {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      writeFileSync(join(dir, `${++runs}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

// ---- helpers for the driver ------------------------------------------------------------------------

/** A host token, signed by hand as a host backend would (see test/support/member-tokens.ts). */
function hostToken(claims: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ email_verified: true, iat, exp: iat + 300, jti: randomUUID(), ...claims })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** One request shape whose path and headers change on every request, taking items in turn. */
function rotating<T>(items: T[], build: (item: T, n: number) => Partial<RequestData>): Request {
  let n = 0;
  return {
    setupRequest(request) {
      const next = build(items[n % items.length]!, n);
      n++;
      return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
    },
  };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const ms = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

interface Row {
  name: string;
  result: Result;
  server: ServerReport;
  target: string;
  verdict: string;
}

// ---- the driver ------------------------------------------------------------------------------------

async function drive(): Promise<void> {
  const path = resolve(process.argv[2] ?? process.env.BENCH_DB ?? './data/bench.db');
  if (!existsSync(path)) throw new Error(`${path} does not exist: run \`node bench/run.mjs seed\` first`);
  const raw = new Database(path, { readonly: true });
  const site = raw.prepare("SELECT id, slug, tier, token_secret AS secret, allowed_origins AS origins FROM sites WHERE slug = 'demo'").get() as
    { id: string; slug: string; tier: 'basic' | 'pro'; secret: string; origins: string } | undefined;
  if (!site) throw new Error('no demo site in that database');
  const origin = (JSON.parse(site.origins) as string[])[0]!;
  const requestCount = (raw.prepare('SELECT count(*) AS n FROM requests WHERE site_id = ?').get(site.id) as { n: number }).n;
  const category = raw.prepare('SELECT id FROM categories WHERE site_id = ? AND json_array_length(fields) = 0 ORDER BY position').get(site.id) as {
    id: string;
  };
  // Members in an organization with at least one CC, picked by a fixed stride so runs compare.
  const members = raw
    .prepare(
      `SELECT e.id, e.external_id AS sub, e.email, e.name, o.external_id AS orgId, o.name AS orgName
       FROM end_users e JOIN organizations o ON o.id = e.organization_id
       WHERE e.site_id = ? AND e.external_id IS NOT NULL AND EXISTS (SELECT 1 FROM request_ccs c WHERE c.end_user_id = e.id)
       ORDER BY (e.rowid * 7919) % 100003 LIMIT ?`,
    )
    .all(site.id, SIGNED_IN) as { id: string; sub: string; email: string; name: string; orgId: string; orgName: string }[];
  if (members.length === 0) throw new Error('no members with an organization and a CC: is this a bench/seed database?');

  const server = await startInstance<ServerReady>(fileURLToPath(import.meta.url), { BENCH_DB: path });
  const ask = server.ask;
  const ports = server.ready;
  const base = `http://127.0.0.1:${ports.app}`;
  const api = `/api/v1/sites/${site.slug}`;
  const widgetHeaders = { origin, accept: 'application/json' };

  const callAt = (at: string) => async (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${at}${url}`, {
      method,
      headers: { ...widgetHeaders, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const call = callAt(base);

  // Sign in through the real session exchange: each member's Authorization header.
  const signIn = async (at: string) => {
    const auths: Record<string, string>[] = [];
    for (const member of members) {
      const token = hostToken({ sub: member.sub, email: member.email, name: member.name, org: { id: member.orgId, name: member.orgName } }, site.secret);
      const session = await callAt(at)('POST', `${api}/session`, {}, { token });
      auths.push({ authorization: `Bearer ${session.accessToken as string}` });
    }
    return auths;
  };
  const sessions = (await signIn(base)).map((auth, n) => ({ member: members[n]!, auth }));

  // What the detail and deep-page runs ask for: each member's own requests, and the cursor after
  // DEEP_PAGES pages of their organization's list.
  const details: { auth: Record<string, string>; number: number }[] = [];
  const deep: { auth: Record<string, string>; cursor: string; memberId: string }[] = [];
  let depths: number[] = [];
  for (const { member, auth } of sessions) {
    const mine = (await call('GET', `${api}/requests?scope=mine`, auth)) as { requests: { id: number }[] };
    for (const request of mine.requests) details.push({ auth, number: request.id });
    let cursor: string | null = null;
    let depth = 0;
    for (; depth < DEEP_PAGES; depth++) {
      const page = (await call('GET', `${api}/requests?scope=org${cursor ? `&cursor=${cursor}` : ''}`, auth)) as { nextCursor: string | null };
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    depths.push(depth);
    if (cursor) deep.push({ auth, cursor, memberId: member.id });
  }
  depths = depths.sort((a, b) => a - b);

  const pages = ['/billing', '/shipping', '/account', '/returns', '/', '/products/tents'];
  let submitted = 0;
  const runId = Date.now().toString(36);
  const submitBody = (n: number) =>
    JSON.stringify({
      categoryId: category.id,
      subject: `Bench request ${n}`,
      description: 'Sent by bench/api: an anonymous visitor asks about an order that has not arrived yet.',
      email: `visitor-${runId}-${n}@bench.example`,
      name: `Visitor ${n}`,
    });

  // Anonymous submissions, each with its own Idempotency-Key and address (one counter across instances).
  const submitRequests = () =>
    rotating([0], () => {
      const n = submitted++;
      return {
        method: 'POST',
        path: `${api}/requests`,
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runId}-${n}` },
        body: submitBody(n),
      };
    });
  const list = (scope: ListScope) => rotating(sessions, (s) => ({ path: `${api}/requests?scope=${scope}`, headers: s.auth }));
  const scenarios: { name: string; url: string; requests: Request[]; kind: 'list' | 'submit' | 'other' }[] = [
    { name: 'hello world (bare Fastify, no logger)', url: `http://127.0.0.1:${ports.bare}`, requests: [{ path: '/' }], kind: 'other' },
    { name: `hello world (bare Fastify, logger ${LOG_LEVEL})`, url: `http://127.0.0.1:${ports.logged}`, requests: [{ path: '/' }], kind: 'other' },
    {
      name: 'article suggestions (?url=)',
      url: base,
      requests: [rotating(pages, (page) => ({ path: `${api}/articles?url=${encodeURIComponent(origin + page)}`, headers: widgetHeaders }))],
      kind: 'other',
    },
    { name: 'list scope=mine, first page', url: base, requests: [list('mine')], kind: 'list' },
    { name: 'list scope=org, first page', url: base, requests: [list('org')], kind: 'list' },
    {
      // The lists above get the API's default page (20); the widget asks for 10 at a time.
      name: 'list scope=org, first page of 10 (widget)',
      url: base,
      requests: [rotating(sessions, (s) => ({ path: `${api}/requests?scope=org&limit=10`, headers: s.auth }))],
      kind: 'list',
    },
    {
      name: `list scope=org, page ${median(depths) + 1} (cursor)`,
      url: base,
      requests: [rotating(deep, (d) => ({ path: `${api}/requests?scope=org&cursor=${d.cursor}`, headers: d.auth }))],
      kind: 'list',
    },
    { name: 'list scope=ccd, first page', url: base, requests: [list('ccd')], kind: 'list' },
    {
      name: 'request detail',
      url: base,
      requests: [rotating(details, (d) => ({ path: `${api}/requests/${d.number}`, headers: d.auth }))],
      kind: 'other',
    },
  ];

  const settle = () => ask('idle');
  const measure = async (name: string, url: string, requests: Request[]) => {
    const common = { url, connections: CONNECTIONS, requests, timeout: 10, headers: widgetHeaders };
    if (WARMUP > 0) await autocannon({ ...common, duration: WARMUP });
    await settle();
    await ask('mark');
    const result = await autocannon({ ...common, duration: DURATION });
    const server = await ask<ServerReport>('report');
    await settle();
    process.stderr.write(`  done: ${name}\n`);
    return { result, server };
  };

  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`bench/api — ${path}: ${requestCount.toLocaleString('en')} requests on the demo site; ${sessions.length} members signed in`);
  console.log(
    `  node ${process.version}, ${cpus().length} cores, load average ${load()} at start; server: buildApp, logger ${LOG_LEVEL} → /dev/null, CORS on, ` +
      `synchronous=FULL; autocannon ${CONNECTIONS} connections × ${DURATION} s after ${WARMUP} s warm-up, in its own process`,
  );
  console.log(
    `  org pages followed before the deep run: median ${median(depths)}, min ${depths[0]}, max ${depths.at(-1)}; ${details.length} requests for the detail run\n`,
  );

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    if (ONLY && !ONLY.test(scenario.name)) continue;
    const { result, server } = await measure(scenario.name, scenario.url, scenario.requests);
    const rps = result.requests.average;
    const target = scenario.kind === 'list' ? `≥ ${TARGETS.list.rps} req/s` : '';
    rows.push({ name: scenario.name, result, server, target, verdict: target ? (rps >= TARGETS.list.rps ? 'ok' : 'MISSED') : '' });
  }

  // Fixed rate for the member lists: requests paced evenly, latency measured from when each was due.
  const fixed: { name: string; result: PacedResult; server: ServerReport; verdict: string }[] = [];
  for (const scope of ['mine', 'org', 'ccd'] as const) {
    const name = `list scope=${scope} @ ${FIXED_RATE} req/s`;
    if (ONLY && !ONLY.test(name)) continue;
    const target = (n: number) => ({ path: `${api}/requests?scope=${scope}`, headers: { ...widgetHeaders, ...sessions[n % sessions.length]!.auth } });
    if (WARMUP > 0) await pacedLoad(base, target, FIXED_RATE, WARMUP);
    await settle();
    await ask('mark');
    const result = await pacedLoad(base, target, FIXED_RATE, DURATION);
    const server = await ask<ServerReport>('report');
    await settle();
    process.stderr.write(`  done: ${name}\n`);
    const p99 = percentile(result.latencies, 0.99);
    fixed.push({ name, result, server, verdict: p99 <= TARGETS.list.p99AtFixedRate && result.non2xx + result.errors === 0 ? 'ok' : 'MISSED' });
  }

  // A 5 MB upload, again and again, beside the member list at a steady rate: the list's p99 against
  // its idle p99, and how far the server's memory rose beside what the list alone made it rise.
  let uploadRun: {
    idle: PacedResult;
    busy: PacedResult;
    idleRss: number;
    busyRss: number;
    heldBytes: number;
    uploads: number;
    failed: number;
    uploadMs: number;
  } | null = null;
  uploading: {
    const name = `upload ${TARGETS.upload.bytes / 1024 / 1024} MB beside list scope=mine`;
    if (ONLY && !ONLY.test(name)) break uploading;
    const target = (n: number) => ({ path: `${api}/requests?scope=mine`, headers: { ...widgetHeaders, ...sessions[n % sessions.length]!.auth } });
    const rate = TARGETS.upload.listRate;
    if (WARMUP > 0) await pacedLoad(base, target, rate, WARMUP);
    await settle();
    await ask('mark');
    const idle = await pacedLoad(base, target, rate, DURATION);
    const idleServer = await ask<ServerReport>('report');
    await settle();
    // A PNG's first bytes, so the upload is sniffed as an image and kept; the rest is filler.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const file = Buffer.concat([png, Buffer.alloc(TARGETS.upload.bytes - png.length, 0x5a)]);
    const uploadUrl = `${base}${api}/attachments?filename=bench.png`;
    const uploadHeaders = { ...widgetHeaders, ...sessions[0]!.auth, 'content-type': 'image/png' };
    await ask('mark');
    const busyRun = pacedLoad(base, target, rate, DURATION);
    const uploads = await uploadUntil(busyRun, uploadUrl, uploadHeaders, file, TARGETS.upload.everyMs);
    const busy = await busyRun;
    const busyServer = await ask<ServerReport>('report');
    await settle();
    // Then a few uploads alone, with the server watching what it holds (collections would distort the latencies above).
    await ask('hold-watch');
    await uploadUntil(new Promise((done) => setTimeout(done, 3 * TARGETS.upload.everyMs)), uploadUrl, uploadHeaders, file, TARGETS.upload.everyMs);
    const { heldBytes } = await ask<{ heldBytes: number }>('hold-report');
    await settle();
    process.stderr.write(`  done: ${name}\n`);
    uploadRun = {
      idle,
      busy,
      idleRss: idleServer.rssGrowthBytes,
      busyRss: busyServer.rssGrowthBytes,
      heldBytes,
      uploads: uploads.uploads,
      failed: uploads.failed,
      uploadMs: median(uploads.latencies),
    };
  }

  // Anonymous submissions, each with its own Idempotency-Key and address: durable commits.
  submitting: {
    const name = 'submit (anonymous, Idempotency-Key)';
    if (ONLY && !ONLY.test(name)) break submitting;
    const { result, server } = await measure(name, base, [submitRequests()]);
    const ok = result.requests.average >= TARGETS.submit.rps && result.latency.p99 <= TARGETS.submit.p99;
    rows.push({ name, result, server, target: `≥ ${TARGETS.submit.rps} req/s, p99 ≤ ${TARGETS.submit.p99} ms`, verdict: ok ? 'ok' : 'MISSED' });
  }
  await ask('close').catch(() => undefined);

  const header = `  ${'name'.padEnd(42)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('non-2xx', 8)} ${pad('err/t-o', 8)} ${pad('srv CPU', 8)}   target`;
  const line = (row: Row) =>
    `  ${row.name.padEnd(42)} ${pad(Math.round(row.result.requests.average), 8)} ${pad(ms(row.result.latency.p50), 7)} ${pad(ms(row.result.latency.p99), 7)} ${pad(row.result.non2xx, 8)} ${pad(`${row.result.errors}/${row.result.timeouts}`, 8)} ${pad(`${Math.round(row.server.cpuPercent)}%`, 8)}   ${row.target}${row.verdict ? `  ${row.verdict}` : ''}`;
  console.log(`Saturation (${CONNECTIONS} connections, as fast as the server answers):`);
  console.log(header);
  for (const row of rows) console.log(line(row));
  console.log(`  (latencies are autocannon's, whole milliseconds, 2xx only; srv CPU = server process CPU time / wall time)`);
  console.log(`\nFixed rate (${FIXED_RATE} req/s paced evenly, open loop: bench/paced-load.ts; latency from when each request was due):`);
  console.log(
    `  ${'name'.padEnd(42)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('max ms', 7)} ${pad('non-2xx', 8)} ${pad('errors', 8)} ${pad('srv CPU', 8)} ${pad('srv GC', 14)}   target`,
  );
  for (const { name, result, server, verdict } of fixed) {
    const { latencies } = result;
    console.log(
      `  ${name.padEnd(42)} ${pad(Math.round(latencies.length / result.seconds), 8)} ${pad(percentile(latencies, 0.5).toFixed(2), 7)} ${pad(percentile(latencies, 0.99).toFixed(2), 7)} ` +
        `${pad(Math.max(...latencies).toFixed(1), 7)} ${pad(result.non2xx, 8)} ${pad(result.errors, 8)} ${pad(`${Math.round(server.cpuPercent)}%`, 8)} ${pad(`${server.gcPauses}× ≤${server.gcMaxMs.toFixed(1)} ms`, 14)}   p99 ≤ ${TARGETS.list.p99AtFixedRate} ms  ${verdict}`,
    );
  }
  if (uploadRun) {
    const { idle, busy, idleRss, busyRss, heldBytes, uploads, failed, uploadMs } = uploadRun;
    const [idleP99, busyP99] = [percentile(idle.latencies, 0.99), percentile(busy.latencies, 0.99)];
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const p99Ok = busyP99 <= TARGETS.upload.p99Ratio * idleP99 && busy.non2xx + busy.errors === 0;
    // Held whole, an upload would keep its size reachable until stored; streamed, a few socket chunks are.
    const memoryOk = heldBytes < TARGETS.upload.bytes / 4;
    console.log(`\nUploads (${mb(TARGETS.upload.bytes)} MB each, one a second, in 64 KiB writes) beside list scope=mine at ${TARGETS.upload.listRate} req/s:`);
    console.log(
      `  list p99: ${idleP99.toFixed(2)} ms idle, ${busyP99.toFixed(2)} ms beside the uploads (${(busyP99 / idleP99).toFixed(2)}×; target ≤ ${TARGETS.upload.p99Ratio}×)  ${p99Ok ? 'ok' : 'MISSED'}`,
    );
    console.log(`  uploads: ${uploads} stored, ${failed} failed, median ${uploadMs.toFixed(0)} ms each`);
    console.log(
      `  server memory held while uploads arrive (buffers still reachable after a full collection, every 20 ms): at most ${mb(heldBytes)} MB ` +
        `(target: under a quarter of one file, ${mb(TARGETS.upload.bytes / 4)} MB)  ${memoryOk ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `  server RSS rose ${mb(idleRss)} MB with the list alone, ${mb(busyRss)} MB with the uploads: socket chunks already written, garbage until V8's next collection, not file contents held`,
    );
  }
  console.log(`  (load average now ${load()})`);

  // ---- SQLite beside PostgreSQL (bench/engines.ts), on a PostgreSQL copy of this database --------------
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const listOf = (scope: ListScope) => (auths: Record<string, string>[]) => [
    rotating(auths, (auth) => ({ path: `${api}/requests?scope=${scope}`, headers: auth })),
  ];
  const everyEngineLoad: EngineLoad[] = [
    { name: 'list scope=mine, first page', kind: 'list', requests: listOf('mine') },
    { name: 'list scope=org, first page', kind: 'list', requests: listOf('org') },
    { name: 'submit (durable)', kind: 'submit', requests: () => [submitRequests()] },
  ];
  const engineLoads = everyEngineLoad.filter((engineLoad) => !ONLY || ONLY.test(`engines ${engineLoad.name}`));
  if (!postgresUrl)
    console.log('\nPostgreSQL runs skipped: set BENCH_DATABASE_URL=postgres://…/porthole_bench (a cluster on this machine; that database is re-created)');
  else if (engineLoads.length > 0) {
    const began = performance.now();
    const { copied } = await seedPostgres(path, postgresUrl);
    console.log(
      `\nPostgreSQL ${postgresUrl.replace(/\/\/[^@/]*@/, '//')} re-created as a copy of ${path} (bench/pg-copy.ts, ${((performance.now() - began) / 1000).toFixed(1)} s): ` +
        `the same ${copied.get('requests')!.toLocaleString('en')} requests, ${copied.get('comments')!.toLocaleString('en')} comments, ${copied.get('end_users')!.toLocaleString('en')} end users on both engines`,
    );
    await compareEngines({
      script: fileURLToPath(import.meta.url),
      sqlitePath: path,
      postgresUrl,
      signIn,
      loads: engineLoads,
      headers: widgetHeaders,
      connections: CONNECTIONS,
      duration: DURATION,
      warmup: WARMUP,
    });
    console.log(`  (load average now ${load()})`);
  }

  // ---- query plans ------------------------------------------------------------------------------------
  const first = sessions[0]!.member.id;
  await explainLists(
    raw,
    site,
    sessions.map((s) => s.member.id),
    deep.find((d) => d.memberId === first)?.cursor ?? deep[0]?.cursor ?? null,
  );
  fsyncProbe(path);
  raw.close();
}

/** Runs `statement` until 200 runs or 1.5 s have passed (after 3 unmeasured ones): median and p99 in ms. */
function timeQuery(statement: Database.Statement, params: unknown[]): { median: number; p99: number; rows: number; runs: number } {
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = statement.all(...params).length;
  const times: number[] = [];
  const until = performance.now() + 1500;
  while (times.length < 200 && (times.length < 3 || performance.now() < until)) {
    const began = performance.now();
    statement.all(...params);
    times.push(performance.now() - began);
  }
  return { median: median(times), p99: percentile(times, 0.99), rows, runs: times.length };
}

function planText(db: Database.Database, query: string, params: unknown[]): string[] {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return steps.map((step) => {
    const d = (depth.get(step.parent) ?? 0) + 1;
    depth.set(step.id, d);
    return `${'  '.repeat(d)}${step.detail}`;
  });
}

async function explainLists(
  raw: Database.Database,
  site: { id: string; tier: 'basic' | 'pro' },
  memberIds: string[],
  deepCursor: string | null,
): Promise<void> {
  let captured: { query: string; params: unknown[] } | null = null;
  const db = drizzle(raw, { schema, logger: { logQuery: (query, params) => (captured = { query, params }) } });
  const memberId = memberIds[0]!;
  const scopeOf = async (id: string, extraIdentities: string[] = []): Promise<MemberScope> => {
    const record = await findMember(db, site.id, id);
    if (!record) throw new Error(`member ${id} not found`);
    return {
      siteId: site.id,
      memberId: record.id,
      identityIds: [...(await memberIdentities(db, record)), ...extraIdentities],
      organizationId: tierFeatures(site.tier).organizationRequests ? record.organizationId : null,
      onlyRequest: null,
    };
  };
  // The same queries on an empty copy of the schema: the plan SQLite picks without sqlite_stat1,
  // which is what a server's database has (nothing in server/ runs ANALYZE).
  const noStats = new Database(':memory:');
  const ddl = raw
    .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts%' ORDER BY type = 'index'")
    .all() as { sql: string }[];
  for (const { sql } of ddl) noStats.exec(sql);

  const generated = async (scope: MemberScope, list: ListScope, after: Position | null) => {
    captured = null;
    await listVisibleRequests(db, scope, { list, statuses: null, after, limit: 21 });
    const query = captured as { query: string; params: unknown[] } | null;
    if (!query) throw new Error('drizzle logged no query');
    return query;
  };
  const show = (query: string, params: unknown[]) => {
    const timing = timeQuery(raw.prepare(query), params);
    const withStats = planText(raw, query, params);
    const withoutStats = planText(noStats, query, params);
    console.log(
      `    ${timing.rows} rows; median ${timing.median.toFixed(3)} ms, p99 ${timing.p99.toFixed(3)} ms over ${timing.runs} runs (statement prepared once)`,
    );
    console.log('    plan with ANALYZE statistics (this database):');
    for (const step of withStats) console.log(`    ${step}`);
    if (withoutStats.join('\n') === withStats.join('\n')) {
      console.log('    (the same plan without statistics)');
      return;
    }
    console.log('    plan without statistics (a server database: nothing runs ANALYZE):');
    for (const step of withoutStats) console.log(`    ${step}`);
    // Reproduce that plan on this data, to see what it would cost.
    const index = /SEARCH requests USING (?:COVERING )?INDEX (\w+)/.exec(withoutStats.join('\n'))?.[1];
    const forced = index ? query.replace(/from "?requests"?(?=\s)/i, (from) => `${from} INDEXED BY ${index}`) : null;
    if (forced && forced !== query) {
      const slow = timeQuery(raw.prepare(forced), params);
      console.log(
        `    that plan on this data (INDEXED BY ${index}): median ${slow.median.toFixed(3)} ms, p99 ${slow.p99.toFixed(3)} ms over ${slow.runs} runs`,
      );
    }
  };

  const after = decodeCursor(deepCursor ?? undefined);
  const one = await scopeOf(memberId);
  // A member whose verified email also matches earlier anonymous contacts has several identities.
  const several = await scopeOf(memberId, ['usr_bench_linked_contact_1', 'usr_bench_linked_contact_2']);
  const cases: { name: string; scope: MemberScope; list: ListScope; after: Position | null }[] = [
    { name: `mine, first page, identities IN (${one.identityIds.length})`, scope: one, list: 'mine', after: null },
    { name: `mine, first page, identities IN (${several.identityIds.length})`, scope: several, list: 'mine', after: null },
    { name: `ccd, first page, identities IN (${one.identityIds.length})`, scope: one, list: 'ccd', after: null },
    { name: `ccd, first page, identities IN (${several.identityIds.length})`, scope: several, list: 'ccd', after: null },
    { name: 'org, first page', scope: one, list: 'org', after: null },
    ...(after ? [{ name: `org, after ${DEEP_PAGES} pages (cursor)`, scope: one, list: 'org' as const, after }] : []),
  ];

  console.log(`\nMember list queries: the SQL the repository generates (captured with drizzle's logger), run directly on SQLite (member ${memberId}):`);
  for (const c of cases) {
    const { query, params } = await generated(c.scope, c.list, c.after);
    console.log(`\n  ${c.name}`);
    if (c === cases[0]) console.log(`    SQL: ${query}`);
    show(query, params);
  }

  // Proposed rewrites, measured the same way (hand-written here; the repository is unchanged).
  const proposals: { name: string; query: string; params: unknown[] }[] = [];
  if (after) {
    proposals.push({
      name: `PROPOSED org after ${DEEP_PAGES} pages: row value (updated_at, number) < (?, ?) instead of the OR`,
      query: `SELECT number, subject, status, created_at, updated_at FROM requests
              WHERE +requests.site_id = ? AND requests.organization_id = ?
                AND (requests.updated_at, requests.number) < (?, ?)
              ORDER BY requests.updated_at DESC, requests.number DESC LIMIT 21`,
      params: [one.siteId, one.organizationId, after.updatedAt, after.number],
    });
  }
  for (const proposal of proposals) {
    console.log(`\n  ${proposal.name}`);
    show(proposal.query, proposal.params);
  }

  // What a list request costs in the database layer as the server runs it: the repository calls
  // (findMember and memberIdentities, which the member directory keeps for 5 s per member, then the
  // list), each on a drizzle statement prepared once and mapping its rows — against the same SQL
  // on a bare better-sqlite3 statement.
  const scopes = await Promise.all(memberIds.map((id) => scopeOf(id)));
  const perCall = async (label: string, call: (n: number) => Promise<unknown>) => {
    for (let n = 0; n < 200; n++) await call(n);
    const times: number[] = [];
    for (let n = 0; n < 3000; n++) {
      const began = performance.now();
      await call(n);
      times.push(performance.now() - began);
    }
    const sql = captured as { query: string; params: unknown[] } | null;
    const statement = sql ? raw.prepare(sql.query) : null;
    const prepared: number[] = [];
    if (statement && sql) {
      for (let n = 0; n < 3000; n++) {
        const began = performance.now();
        statement.all(...sql.params);
        prepared.push(performance.now() - began);
      }
    }
    const us = (value: number) => `${(value * 1000).toFixed(0)} µs`;
    console.log(
      `  ${label.padEnd(36)} ${us(median(times)).padStart(8)} through the repository   ${prepared.length ? us(median(prepared)).padStart(7) : '—'} on a bare statement`,
    );
    return median(times);
  };
  console.log(`\nDatabase work of one member-list request, as the server does it (median over 3,000 calls, ${scopes.length} members in turn):`);
  let total = 0;
  total += await perCall('findMember', (n) => findMember(db, site.id, scopes[n % scopes.length]!.memberId));
  const records = await Promise.all(memberIds.map((id) => findMember(db, site.id, id)));
  total += await perCall('memberIdentities', (n) => memberIdentities(db, records[n % records.length]!));
  const listMine = await perCall('listVisibleRequests(mine)', (n) =>
    listVisibleRequests(db, scopes[n % scopes.length]!, { list: 'mine', statuses: null, after: null, limit: 21 }),
  );
  await perCall('listVisibleRequests(org)', (n) =>
    listVisibleRequests(db, scopes[n % scopes.length]!, { list: 'org', statuses: null, after: null, limit: 21 }),
  );
  console.log(
    `  → about ${(listMine * 1000).toFixed(0)} µs per scope=mine request (${((total + listMine) * 1000).toFixed(0)} µs when the member directory must look the member up) ` +
      'before Fastify, JWT, CORS, helmet, logging and JSON; 4,000 req/s on one core is 250 µs each',
  );
  noStats.close();
}

/** What one durable commit (its fsync of the WAL) costs on this disk: the ceiling for one-request-per-transaction writes. */
function fsyncProbe(besides: string): void {
  const probe = `${besides}.fsync-probe`;
  const clean = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(probe + suffix, { force: true }));
  clean();
  const db = new Database(probe);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const began = performance.now();
    insert.run('x'.repeat(500));
    times.push(performance.now() - began);
  }
  db.close();
  clean();
  const mid = median(times);
  console.log(
    `\nfsync latency — one durable commit on this disk (WAL, synchronous=FULL, one small insert per transaction, 300 in a row): ` +
      `median ${mid.toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms → at most ~${Math.round(1000 / mid)} commits/s on one connection; ` +
      'the server commits the submissions of one event-loop turn together (server/store/sqlite/group-commit.ts), so it is not bound by this',
  );
}

if (process.env.BENCH_API_ROLE === 'server') await serve();
else await drive();
