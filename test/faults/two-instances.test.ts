// Two built servers, A and B, on one PostgreSQL database (issue 10): what one instance writes the other
// serves, a live event crosses from B to A, one rate limit and one Idempotency-Key hold across both,
// every mail goes out once with both senders running, and a SIGKILL of A under load loses no
// acknowledged request while B keeps serving. The database is checked with `pg` directly, never
// through the servers. Tests run in order on the same pair; the last one kills A.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_COOKIE } from '../../server/auth/agent-auth.js';
import { CSRF_HEADER } from '../../server/auth/csrf.js';
import { DEV_DEMO_AGENT_PASSWORD } from '../../server/config.js';
import type { AgentBody } from '../../server/contract/types.js';
import { freePort, startBuiltServer, type BuiltServer } from '../support/built-server.js';
import { listen } from '../support/live-streams.js';
import { hostToken } from '../support/member-tokens.js';
import { freshDatabase, postgresAvailable, type TestDatabase, testPool } from '../support/postgres.js';
import { headersOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { TEST_SITE_SECRET } from '../support/test-app.js';

const SUBMIT_LIMIT = 20;
/** Both instances have the one public address a load balancer would give them. */
const PUBLIC_URL = 'http://porthole.test';
const RILEY = { email: 'riley@northwind.example', password: DEV_DEMO_AGENT_PASSWORD };
const LOAD_CLIENTS = 100;
/** Requests A acknowledges under load before it is killed, and B after. */
const LOAD_ACKS = 40;
const LOAD_TIMEOUT_MS = 15_000;

/** Waits until `done()` holds, or fails saying what it waited for. */
async function until(done: () => boolean, waitingFor: string): Promise<void> {
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${LOAD_TIMEOUT_MS} ms for ${waitingFor}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!postgresAvailable())('two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sink: SmtpSink;
  let a: BuiltServer;
  let b: BuiltServer;
  let categoryId: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    pool = testPool(database.url, 2);
    sink = await startSmtpSink();
    const shared = {
      DATABASE_URL: database.url,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DEMO_SITE_SECRET: TEST_SITE_SECRET,
      SMTP_URL: sink.url,
      PUBLIC_URL,
      // Behind a proxy on loopback: load clients each say who they are; plain requests are all 127.0.0.1.
      TRUST_PROXY: '127.0.0.1',
      SUBMIT_LIMIT_PER_10_MIN: String(SUBMIT_LIMIT),
      // Only single mails, each due at once: an agent's digest would be due when the hour ends.
      AGENT_MAILS_PER_HOUR: '1000000',
      NODE_ENV: 'development',
    };
    // Each instance its own DATABASE_PATH, so one that ignored DATABASE_URL would share nothing (and never touch ./data).
    const instance = async (name: string) => {
      const dir = mkdtempSync(join(tmpdir(), `porthole-two-${name}-`));
      dirs.push(dir);
      return startBuiltServer(name, await freePort(), { ...shared, DATABASE_PATH: join(dir, 'porthole.db'), DATA_DIR: dir });
    };
    // Started together: migrations and the first-start seed must be safe when two instances race on them.
    [a, b] = await Promise.all([instance('A'), instance('B')]);
    const { rows } = await pool.query<{ tables: string | null }>(`SELECT to_regclass('public.requests')::text AS tables`);
    if (rows[0]!.tables === null) throw new Error('the servers created no tables in the DATABASE_URL database: they do not run on PostgreSQL');
    const config = (await (await fetch(`${a.url}/api/v1/sites/demo/config`)).json()) as { categories: { id: string }[] };
    categoryId = config.categories[2]!.id;
  });

  afterAll(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await pool?.end();
    await sink?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  // ---- talking to the servers ------------------------------------------------------------

  let addresses = 0;
  /** A client address of its own (sent as X-Forwarded-For), so load never spends another test's rate limit. */
  const freshAddress = () => {
    const n = ++addresses;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };

  const post = (server: BuiltServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  const anonymousRequest = (email: string, subject = 'Two instances') => ({ categoryId, subject, description: 'Please help', email, name: 'Pat' });

  /** Submits as an anonymous visitor from `from` (an X-Forwarded-For), or from 127.0.0.1 itself when none is given. */
  const submit = (server: BuiltServer, body: unknown, options: { from?: string; headers?: Record<string, string> } = {}) =>
    post(server, '/api/v1/sites/demo/requests', body, { ...(options.from && { 'x-forwarded-for': options.from }), ...options.headers });

  const numberOf = async (response: Response) => ((await response.json()) as { request: { id: number } }).request.id;

  async function memberSession(server: BuiltServer, sub: string): Promise<string> {
    const response = await post(server, '/api/v1/sites/demo/session', { token: hostToken({ sub, email: `${sub}@two.example`, name: sub }, new Date()) });
    expect(response.status, `member sign-in on ${server.name}`).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  /** The demo agent signed in as the inbox does; the headers an inbox write sends with its cookie and the token sign-in answered. */
  async function agentWriteHeaders(server: BuiltServer): Promise<Record<string, string>> {
    const response = await post(server, '/api/v1/agent/session', RILEY);
    expect(response.status, `agent sign-in on ${server.name}`).toBe(200);
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie.startsWith(`${AGENT_COOKIE}=`)).toBe(true);
    return { cookie, origin: PUBLIC_URL, [CSRF_HEADER]: ((await response.json()) as AgentBody).csrfToken! };
  }

  /** The stream's events until `wanted` arrives or `deadline` (ms since the epoch) passes. */
  async function eventsUntil(events: ReturnType<typeof listen>, wanted: { id: number; updatedAt: string }, deadline: number) {
    const heard: { id: number; updatedAt: string }[] = [];
    for (;;) {
      const event = await events.next(Math.max(0, deadline - Date.now()));
      if (event === 'timeout') return heard;
      heard.push(event);
      if (event.id === wanted.id && event.updatedAt === wanted.updatedAt) return heard;
    }
  }

  // ---- the database, read directly ----------------------------------------------------------

  const storedNumbers = async () =>
    new Set(
      (await pool.query<{ number: number }>(`SELECT r.number FROM requests r JOIN sites s ON s.id = r.site_id WHERE s.slug = 'demo'`)).rows.map(
        (row) => row.number,
      ),
    );

  const outboxRows = async () =>
    (await pool.query<{ to_email: string; kind: string; subject: string; status: string }>('SELECT to_email, kind, subject, status FROM outbox')).rows;

  // ---- the proof ----------------------------------------------------------------------------

  it('a member signed in on A lists a request submitted on B', async () => {
    const session = await memberSession(a, 'two-ana');
    const created = await submit(b, { categoryId, subject: 'Written on B', description: 'Read on A' }, { headers: { authorization: `Bearer ${session}` } });
    expect(created.status, await created.clone().text()).toBe(201);
    const number = await numberOf(created);

    const listed = await fetch(`${a.url}/api/v1/sites/demo/requests`, { headers: { authorization: `Bearer ${session}` } });
    expect(listed.status).toBe(200);
    const { requests } = (await listed.json()) as { requests: { id: number; subject: string }[] };
    expect(requests.map((request) => [request.id, request.subject])).toContainEqual([number, 'Written on B']);
  });

  it("an agent's reply through B reaches the member's open event stream on A within a second", async () => {
    const session = await memberSession(a, 'two-ben');
    const created = await submit(b, { categoryId, subject: 'Hear it on A', description: 'Reply on B' }, { headers: { authorization: `Bearer ${session}` } });
    const number = await numberOf(created);
    // Signed in through A: B accepts the session and its CSRF token all the same (nothing of either is kept in memory).
    const agent = await agentWriteHeaders(a);
    // A note first: a fresh process's first writes pay for warming up (200 ms and more), which is not what this measures.
    const note = await post(b, `/api/v1/agent/requests/${number}/comments`, { body: 'Internal: warming up.', public: false }, agent);
    expect(note.status, await note.clone().text()).toBe(201);

    const stream = await fetch(`${a.url}/api/v1/sites/demo/events`, { headers: { authorization: `Bearer ${session}` } });
    expect(stream.status).toBe(200);
    const events = listen(stream);
    try {
      const sentAt = Date.now();
      const reply = await post(b, `/api/v1/agent/requests/${number}/comments`, { body: 'On it, from B.', public: true }, agent);
      expect(reply.status, await reply.clone().text()).toBe(201);
      // Earlier changes (the creation, the note) may come first: only the reply's own change (its updatedAt) counts.
      const change = { id: number, updatedAt: ((await reply.json()) as { request: { updatedAt: string } }).request.updatedAt };
      const heard = await eventsUntil(events, change, sentAt + 1000);
      expect(heard, "what A's stream carried within 1 s of the reply being sent to B").toContainEqual(change);
    } finally {
      await events.cancel();
    }
  });

  it(`25 anonymous submissions from one address, alternating A and B, meet one limit of ${SUBMIT_LIMIT}`, async () => {
    const answers: string[] = [];
    for (let i = 0; i < 25; i++) {
      const server = i % 2 === 0 ? a : b;
      const response = await submit(server, anonymousRequest(`limit-${i}@two.example`));
      const body = (await response.json()) as { error?: { code: string } };
      answers.push(`${i + 1} ${server.name} ${response.status}${body.error ? ` ${body.error.code}` : ''}`);
    }
    const expected = answers.map((answer, i) => answer.replace(/ \d{3}.*$/, i < SUBMIT_LIMIT ? ' 201' : ' 429 rate_limited'));
    expect(answers).toEqual(expected);
  });

  it('20 concurrent submissions with one Idempotency-Key, split across A and B, make one request', async () => {
    const key = `two-instances-${randomBytes(8).toString('hex')}`;
    const body = anonymousRequest('idem@two.example', `Once only ${key}`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const server = i % 2 === 0 ? a : b;
        const response = await submit(server, body, { from: freshAddress(), headers: { 'idempotency-key': key } });
        const replayed = response.headers.get('idempotency-replayed') === 'true';
        return { via: server.name, status: response.status, replayed, number: response.status === 201 ? await numberOf(response) : await response.text() };
      }),
    );
    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.number)).size, JSON.stringify(answers)).toBe(1);
    expect(answers.filter((answer) => !answer.replayed).length, JSON.stringify(answers)).toBe(1);
    const stored = await pool.query('SELECT number FROM requests WHERE subject = $1', [body.subject]);
    expect(stored.rows).toEqual([{ number: answers[0]!.number }]);
  });

  it('every mail is sent exactly once while both instances run their senders', async () => {
    const deadline = Date.now() + 20_000;
    let rows = await outboxRows();
    while (rows.some((row) => row.status === 'pending') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await outboxRows();
    }
    // A second sender that took a row already sent would be sending it now: give it time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(rows.length).toBeGreaterThan(SUBMIT_LIMIT * 2);
    // Each row as "recipient kind subject", which its one copy in the sink must say too.
    const expected = rows.map((row) => `${row.to_email} ${row.kind} ${row.subject}`).sort();
    const received = sink.received
      .map((mail) => {
        const headers = headersOf(mail.raw);
        return `${mail.rcptTo.join(',')} ${headers['x-porthole-mail']} ${headers.subject}`;
      })
      .sort();
    expect(received).toEqual(expected);
  });

  it('SIGKILL of A under load loses no acknowledged request, and B keeps serving', async () => {
    const acknowledged: { via: string; number: number }[] = [];
    const refusals: string[] = [];
    const ackedBy = (name: string) => acknowledged.filter((ack) => ack.via === name).length;
    let killed = false;
    let interrupted = 0;
    let stop = false;
    const client = async (c: number) => {
      const server = c % 2 === 0 ? a : b;
      for (let n = 0; !stop; n++) {
        let response: Response;
        let body: { request?: { id: number }; error?: { code: string } };
        try {
          response = await submit(server, anonymousRequest(`load-${c}-${n}@two.example`, `Load ${c}-${n}`), { from: freshAddress() });
          body = (await response.json()) as typeof body;
        } catch (error) {
          // A is gone: its clients stop. B going away is a failure.
          if (server === a && killed) interrupted += 1;
          else refusals.push(`${server.name}: ${(error as Error).message}`);
          return;
        }
        if (response.status === 201) acknowledged.push({ via: server.name, number: body.request!.id });
        // 100 clients on two cores are more than the instances take at once: they shed some as 503 busy, as designed (nothing
        // acknowledged, the client may retry). Every other answer but 201 is a failure.
        else if (response.status !== 503 || body.error?.code !== 'busy') refusals.push(`${server.name}: ${response.status} ${JSON.stringify(body)}`);
      }
    };
    const clients = Array.from({ length: LOAD_CLIENTS }, (_, c) => client(c));
    try {
      // Counted, not timed: the kill comes once A has answered its share, however fast this machine is.
      await until(() => ackedBy('A') >= LOAD_ACKS, `A to acknowledge ${LOAD_ACKS} requests under load`);
      const ackedByBBeforeKill = ackedBy('B');
      killed = true;
      await a.kill('SIGKILL');
      await until(() => ackedBy('B') >= ackedByBBeforeKill + LOAD_ACKS, `B to acknowledge ${LOAD_ACKS} more requests after A was killed`);
    } finally {
      stop = true;
      await Promise.all(clients);
    }

    expect(refusals).toEqual([]);
    expect(interrupted, 'clients of A whose request the kill cut off').toBeGreaterThan(0);
    const fresh = await submit(b, anonymousRequest('after-kill@two.example', 'After the kill'), { from: freshAddress() });
    expect(fresh.status, await fresh.clone().text()).toBe(201);
    acknowledged.push({ via: 'B', number: await numberOf(fresh) });

    const stored = await storedNumbers();
    expect(acknowledged.filter((ack) => !stored.has(ack.number))).toEqual([]);
    const numbers = acknowledged.map((ack) => ack.number);
    expect(numbers.filter((number, i) => numbers.indexOf(number) !== i)).toEqual([]);
  });
});
