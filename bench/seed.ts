/**
 * bench/seed — builds the database the API benchmark runs on: the real migrations and the real demo
 * sites (openDatabase + seedIfEmpty, without the demo conversations), then on the `demo` site
 * 1,000 organizations, 100,000 members and 1,000,000 requests with their comments and CCs.
 *
 *   node bench/run.mjs seed [path]        (path, else $BENCH_DB, else ./data/bench.db; deleted first)
 *
 * A benchmark data loader, so it bypasses the repositories: raw prepared statements on the
 * better-sqlite3 handle in a few big transactions, with durability off and the secondary indexes
 * dropped while loading (their definitions are read back from sqlite_master and re-created
 * unchanged, which sorts once instead of inserting at random), then WAL, ANALYZE and counts.
 * Organizations, members, requests and CCs are made in JavaScript; the comments (1.3 M rows) by one
 * INSERT … SELECT over the requests, which saves a bind and a call per row.
 * The data is pseudo-random from a fixed seed, so two runs build the same rows (ids aside).
 * Smaller runs: BENCH_ORGS, BENCH_MEMBERS, BENCH_REQUESTS.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { openSqliteStore } from '../server/store/sqlite/store.js';
import { seedIfEmpty } from '../server/seed/seed.js';
import { readConfig } from '../server/config.js';
import { demoOriginsFor } from '../server/server.js';

const count = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};

const ORGS = count('BENCH_ORGS', 1_000);
const MEMBERS = count('BENCH_MEMBERS', 100_000);
const REQUESTS = count('BENCH_REQUESTS', 1_000_000);
const IN_ORG_SHARE = 0.7;
const MORE_COMMENTS_SHARE = 0.2;
const CC_SHARE = 0.1;
const BATCH = 250_000;
const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

// ---- deterministic randomness -------------------------------------------------------------------

let state = 0x9e3779b9;
/** xorshift32: fast, deterministic, good enough to spread benchmark data. */
function nextU32(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
const random = () => nextU32() / 4294967296;
const below = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;

// ---- ids in the shape newId() makes (prefix_, 9 chars of time, 3 of sequence, 11 random) ---------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PAIRS = Array.from({ length: 4096 }, (_, n) => B64[n >> 6]! + B64[n & 63]!);
let idClock = Date.now();
let idSequence = 0;
let idTime = idClock.toString(36).padStart(9, '0');
/** Strictly increasing, so every table's primary-key index is appended to, never split at random. */
function benchId(prefix: string): string {
  if (++idSequence === 46_656) {
    idSequence = 0;
    idTime = (++idClock).toString(36).padStart(9, '0');
  }
  const a = nextU32();
  const b = nextU32();
  const c = nextU32();
  const tail = PAIRS[a & 4095]! + PAIRS[(a >>> 12) & 4095]! + PAIRS[b & 4095]! + PAIRS[(b >>> 12) & 4095]! + PAIRS[c & 4095]! + B64[(c >>> 12) & 63]!;
  return `${prefix}_${idTime}${idSequence.toString(36).padStart(3, '0')}${tail}`;
}

// ---- content --------------------------------------------------------------------------------------

const SUBJECTS = [
  'Parcel has not arrived',
  'Refund for returned boots',
  'Charged twice for one order',
  'Tent pole snapped on first trip',
  'Cannot sign in after password reset',
  'Change the delivery address',
  'Which backpack size should I pick?',
  'Invoice needs our VAT number',
  'Zip on rain jacket is stuck',
  'Order shows delivered but nothing came',
  'Exchange for a larger size',
  'Discount code not accepted',
];
const DESCRIPTIONS = [
  'Hello, I ordered last week and the tracking page has not changed for five days. Could you check where it is?',
  'I sent the boots back two weeks ago and have not seen the refund yet. The return label number is on the receipt.',
  'My card statement shows two identical charges for the same order. Please refund the duplicate.',
  'On our first night out one of the poles split near the joint. Photos attached. Is this covered by the warranty?',
  'After resetting my password the sign-in page keeps saying the link has expired. I tried twice in different browsers.',
  'We are moving on Friday; can the order still go to the new address? Thanks a lot for your help.',
];
const REPLIES = [
  'Thanks for getting in touch! I have looked into this and passed it to the warehouse team; you will hear from us shortly.',
  'Sorry about the trouble. I have issued a replacement and emailed you the new tracking number.',
  'Could you send us the order number and a photo? Then we can sort this out straight away.',
];
const FOLLOW_UPS = [
  'Thank you, that worked.',
  'Still nothing here, could you check again?',
  'Here is the photo you asked for.',
  'Great, thanks for the quick help!',
];

const days = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
/** `new Date(ms).toISOString()`, made cheaper for millions of calls by remembering each day's date part. */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let date = days.get(day);
  if (date === undefined) days.set(day, (date = new Date(day * DAY).toISOString().slice(0, 11)));
  const t = ms - day * DAY;
  const milli = t % 1000;
  return `${date}${pad2(Math.floor(t / 3_600_000))}:${pad2(Math.floor(t / 60_000) % 60)}:${pad2(Math.floor(t / 1000) % 60)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** A realistic status mix: old requests are mostly closed; recent ones are spread over the open states. */
function statusFor(ageDays: number): string {
  const r = random();
  if (ageDays > 14) return r < 0.86 ? 'closed' : r < 0.91 ? 'solved' : r < 0.95 ? 'pending' : r < 0.98 ? 'open' : 'hold';
  return r < 0.15 ? 'new' : r < 0.45 ? 'open' : r < 0.7 ? 'pending' : r < 0.75 ? 'hold' : r < 0.95 ? 'solved' : 'closed';
}

// ---- the load ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const path = resolve(process.argv[2] ?? process.env.BENCH_DB ?? './data/bench.db');
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const now = Date.now();

  // The real schema and the real demo sites, through the server's own code.
  const config = readConfig();
  const store = openSqliteStore(path);
  await seedIfEmpty(store, {
    demoSiteSecret: config.demoSiteSecret,
    demoOrigins: demoOriginsFor(config.demoPort),
    demoSupportUrl: `http://localhost:${config.demoPort}/`,
    now: new Date(now),
    conversations: false,
  });
  await store.close();

  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('temp_store = MEMORY');
  // 64 MB: a much larger page cache makes CREATE INDEX slower (it sorts in one huge array then).
  sqlite.pragma('cache_size = -65536');

  const site = sqlite.prepare("SELECT id, last_request_number AS last FROM sites WHERE slug = 'demo'").get() as { id: string; last: number };
  const categoryIds = (sqlite.prepare('SELECT id FROM categories WHERE site_id = ? ORDER BY position').all(site.id) as { id: string }[]).map((c) => c.id);

  const loaded = ['organizations', 'end_users', 'agents', 'requests', 'comments', 'request_ccs'];
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${loaded.map(() => '?').join(',')})`)
    .all(...loaded) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);

  const insertOrg = sqlite.prepare('INSERT INTO organizations (id, site_id, external_id, name, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertMember = sqlite.prepare(
    'INSERT INTO end_users (id, site_id, external_id, email, email_verified, name, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)',
  );
  const insertAgent = sqlite.prepare('INSERT INTO agents (id, site_id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, NULL, ?)');
  const insertRequest = sqlite.prepare(
    // Every requester is a member, so every sender is verified from the start (server/store/rules/visibility.ts).
    `INSERT INTO requests (id, site_id, number, category_id, requester_id, organization_id, subject, status, fields, created_at, updated_at, solved_at, sender_verified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const insertCc = sqlite.prepare('INSERT INTO request_ccs (request_id, end_user_id, created_at) VALUES (?, ?, ?)');
  // Which requests get an agent reply (1) or a reply and a follow-up (2), and when the reply came.
  sqlite.exec('CREATE TEMP TABLE bench_replies (number INTEGER PRIMARY KEY, replies INTEGER NOT NULL, replied_at TEXT NOT NULL)');
  sqlite.exec('CREATE TEMP TABLE bench_k (n INTEGER PRIMARY KEY); INSERT INTO bench_k VALUES (0), (1), (2)');
  const insertReplies = sqlite.prepare('INSERT INTO bench_replies (number, replies, replied_at) VALUES (?, ?, ?)');

  const firstDay = now - YEAR;
  const joined = iso(firstDay - 30 * DAY);
  const orgIds: string[] = [];
  const membersOfOrg: number[][] = [];
  const memberIds: string[] = [];
  const memberOrg: (string | null)[] = [];
  const memberOrgIndex = new Int32Array(MEMBERS);
  const agentId = benchId('agt');

  sqlite.transaction(() => {
    insertAgent.run(agentId, site.id, 'agent@bench.example', 'Bench Agent', joined);
    for (let o = 0; o < ORGS; o++) {
      const id = benchId('org');
      insertOrg.run(id, site.id, `bench-org-${o}`, `Bench Org ${o}`, joined);
      orgIds.push(id);
      membersOfOrg.push([]);
    }
    for (let m = 0; m < MEMBERS; m++) {
      const id = benchId('usr');
      const org = random() < IN_ORG_SHARE ? below(ORGS) : -1;
      memberOrgIndex[m] = org;
      if (org >= 0) membersOfOrg[org]!.push(m);
      insertMember.run(id, site.id, `bench-member-${m}`, `member${m}@bench.example`, `Member ${m}`, org >= 0 ? orgIds[org]! : null, joined, joined);
      memberIds.push(id);
      memberOrg.push(org >= 0 ? orgIds[org]! : null);
    }
  })();

  // Requests in number order (and their CCs), so every primary key grows.
  const spacing = (now - firstDay) / REQUESTS;
  let ccs = 0;
  const statusCounts: Record<string, number> = {};
  const loadBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const number = site.last + 1 + i;
      const createdMs = Math.floor(firstDay + i * spacing + random() * spacing * 0.9);
      const status = statusFor((now - createdMs) / DAY);
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      // Last activity: hours to weeks after creation (never in the future).
      const activity = Math.min(now - 1000, createdMs + Math.floor(-Math.log(1 - random()) * 3 * DAY));
      const solvedAt = status === 'solved' ? iso(activity) : status === 'closed' ? iso(Math.max(createdMs, activity - 4 * DAY)) : null;
      const member = below(MEMBERS);
      const requesterId = memberIds[member]!;
      const created = iso(createdMs);
      const id = benchId('req');
      insertRequest.run(
        id,
        site.id,
        number,
        pick(categoryIds),
        requesterId,
        memberOrg[member],
        `${pick(SUBJECTS)} (${number})`,
        status,
        created,
        iso(activity),
        solvedAt,
        created,
      );
      if (random() < MORE_COMMENTS_SHARE) insertReplies.run(number, random() < 0.5 ? 2 : 1, iso(createdMs + Math.floor((activity - createdMs) / 2)));
      if (random() < CC_SHARE) {
        const org = memberOrgIndex[member]!;
        const colleagues = org >= 0 ? membersOfOrg[org]! : [];
        let cc = colleagues.length > 1 ? pick(colleagues) : below(MEMBERS);
        if (cc === member) cc = (cc + 1) % MEMBERS;
        insertCc.run(id, memberIds[cc]!, created);
        ccs++;
      }
    }
  });
  for (let from = 0; from < REQUESTS; from += BATCH) loadBatch(from, Math.min(REQUESTS, from + BATCH));
  sqlite.prepare('UPDATE sites SET last_request_number = ? WHERE id = ?').run(site.last + REQUESTS, site.id);

  // Comments: the description of every request (k = 0), then for some an agent reply (k = 1) and a
  // follow-up by the requester (k = 2). Requests are read in rowid (= number) order and k inside it,
  // and each comment id is its request's id with k spliced in, so the ids grow as rows are written.
  const choose = (column: string, texts: string[]) =>
    `CASE ${column} % ${texts.length} ${texts.map((text, n) => `WHEN ${n} THEN '${text.replaceAll("'", "''")}'`).join(' ')} END`;
  const comments = sqlite
    .prepare(
      `INSERT INTO comments (id, request_id, author_end_user_id, author_agent_id, body, public, created_at)
       SELECT 'cmt_' || substr(r.id, 5, 12) || k.n || substr(r.id, 17, 10),
              r.id,
              CASE k.n WHEN 1 THEN NULL ELSE r.requester_id END,
              CASE k.n WHEN 1 THEN :agent END,
              CASE k.n WHEN 0 THEN ${choose('r.number', DESCRIPTIONS)} WHEN 1 THEN ${choose('r.number', REPLIES)} ELSE ${choose('r.number', FOLLOW_UPS)} END,
              1,
              CASE k.n WHEN 0 THEN r.created_at WHEN 1 THEN e.replied_at ELSE r.updated_at END
       FROM requests r LEFT JOIN bench_replies e ON e.number = r.number CROSS JOIN bench_k k
       WHERE r.site_id = :site AND r.number > :after AND k.n <= coalesce(e.replies, 0)`,
    )
    .run({ agent: agentId, site: site.id, after: site.last }).changes;
  sqlite.exec('DROP TABLE bench_replies; DROP TABLE bench_k');
  const rowsLoaded = performance.now();

  const indexTimes: string[] = [];
  for (const index of indexes) {
    const began = performance.now();
    sqlite.exec(index.sql);
    indexTimes.push(`${index.name} ${((performance.now() - began) / 1000).toFixed(2)}`);
  }
  const indexed = performance.now();
  // Sampled statistics (what `PRAGMA optimize` gathers): good enough for the planner, and quick.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.exec('ANALYZE');
  const analyzed = performance.now();

  // Back to what the server expects of the file. `synchronous` is per connection (the server sets
  // FULL itself); leaving it OFF here spares an fsync of the whole freshly written file.
  sqlite.pragma('locking_mode = NORMAL');
  sqlite.pragma('journal_mode = WAL');
  // Off by default: it reads every row again (about 3 s here) and the generator makes no dangling ids.
  const integrity = process.env.BENCH_FK_CHECK ? (sqlite.pragma('foreign_key_check', { simple: false }) as unknown[]).length : 'not checked (BENCH_FK_CHECK=1)';
  sqlite.close();
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuAtStart);

  const check = new Database(path, { readonly: true });
  const rows = (table: string) => (check.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(2);
  const total = (finished - started) / 1000;
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(`bench/seed → ${path}`);
  console.log(
    `  rows ${seconds(started, rowsLoaded)} s, indexes ${seconds(rowsLoaded, indexed)} s, ANALYZE ${seconds(indexed, analyzed)} s, close ${seconds(analyzed, finished)} s`,
  );
  console.log(`  index builds (s): ${indexTimes.join(', ')}`);
  console.log(
    `  total ${total.toFixed(2)} s (target ≤ 15 s)${total > 15 ? '  MISSED' : ''}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; load average ${load} on ${cpus().length} cores`,
  );
  for (const table of ['sites', 'organizations', 'end_users', 'agents', 'requests', 'comments', 'request_ccs', 'articles']) {
    console.log(`  ${table.padEnd(14)} ${String(rows(table)).padStart(9)}`);
  }
  console.log(`  inserted here: ${comments} comments, ${ccs} CCs; foreign-key violations: ${integrity}`);
  console.log(
    `  status mix: ${Object.entries(statusCounts)
      .sort(([, a], [, b]) => b - a)
      .map(([status, n]) => `${status} ${((100 * n) / REQUESTS).toFixed(1)}%`)
      .join(', ')}`,
  );
  check.close();
}

await main();
