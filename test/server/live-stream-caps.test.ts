/**
 * How many live-event streams anyone may hold open — per person, per address, in the whole process —
 * and the log line each stream leaves when it ends. Against a real listening server: inject never
 * ends a stream. The caps are set small here; the defaults are in server/config.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { agentToken, anonymousRequest, captureLog, linkSession, memberToken } from '../support/live-streams.js';
import { readConfig, type Config } from '../../server/config.js';
import { MEMBER_SESSION_MS } from '../../server/auth/member-session.js';

let t: TestApp;
/** The app this test started, if it started one. */
let running: TestApp | undefined;
let base: string;
let log: ReturnType<typeof captureLog>;
const open: Response[] = [];

async function start(streams: Partial<Config['streams']>, config: Partial<Config> = {}) {
  log = captureLog();
  running = t = await createTestApp({ streams: { perPerson: 100, perAddress: 100, max: 100, ...streams }, ...config }, { logger: log.logger });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
}
afterEach(async () => {
  for (const response of open.splice(0)) await response.body?.cancel().catch(() => undefined);
  await running?.close();
  running = undefined;
});

/** Opens a member's stream (or an agent's, with `agent`); a stream that opens is cancelled after the test. */
async function stream(token: string, options: { agent?: boolean; from?: string } = {}): Promise<Response> {
  const url = options.agent ? `${base}/api/v1/agent/events` : `${base}/api/v1/sites/demo/events`;
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    ...(!options.agent && { origin: DEMO_ORIGIN }),
    ...(options.from && { 'x-forwarded-for': options.from }),
  };
  const response = await fetch(url, { headers });
  if (response.status === 200) open.push(response);
  return response;
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('retry-after')).toBe('30');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

const linesSaying = (text: string) => log.lines.filter((line) => String(line.msg).includes(text));

describe('live-event streams are capped', () => {
  it('one member gets a few streams however many sessions they start, the next is 429 too_many_streams, and closing one frees its place', async () => {
    await start({ perPerson: 2 });
    const sessions = [await memberToken(t, base, 'ana'), await memberToken(t, base, 'ana'), await memberToken(t, base, 'ana')];
    expect((await stream(sessions[0]!)).status).toBe(200);
    expect((await stream(sessions[1]!)).status).toBe(200);

    const refused = await stream(sessions[2]!);
    await expectRefused(refused, 429, 'too_many_streams');
    // The widget on the host page can read the refusal.
    expect(refused.headers.get('access-control-allow-origin')).toBe(DEMO_ORIGIN);
    // Someone else is not affected.
    expect((await stream(await memberToken(t, base, 'bob'))).status).toBe(200);

    await open.shift()!.body!.cancel();
    await vi.waitFor(async () => expect((await stream(sessions[2]!)).status).toBe(200), { timeout: 3000, interval: 50 });
  });

  it('sessions from a mail link, which anyone can get by writing in, count against the same cap', async () => {
    await start({ perPerson: 2 });
    const { linkToken } = await anonymousRequest(t, base, 'pat@example.com');
    expect((await stream(await linkSession(base, linkToken))).status).toBe(200);
    expect((await stream(await linkSession(base, linkToken))).status).toBe(200);
    await expectRefused(await stream(await linkSession(base, linkToken)), 429, 'too_many_streams');
  });

  it('one address gets more than one person, but not without end; another address still gets its own', async () => {
    await start({ perPerson: 5, perAddress: 3 }, { trustProxy: true });
    for (const sub of ['ana', 'bob', 'cat']) expect((await stream(await memberToken(t, base, sub), { from: '198.51.100.7' })).status).toBe(200);
    await expectRefused(await stream(await memberToken(t, base, 'dan'), { from: '198.51.100.7' }), 429, 'too_many_streams');
    expect((await stream(await memberToken(t, base, 'dan'), { from: '203.0.113.9' })).status).toBe(200);
  });

  it('the agent stream is capped per agent too', async () => {
    await start({ perPerson: 1 });
    const agent = await agentToken(t);
    expect((await stream(agent, { agent: true })).status).toBe(200);
    await expectRefused(await stream(agent, { agent: true }), 429, 'too_many_streams');
  });

  it('past the process-wide ceiling new streams are 503 busy, and the log says so once a minute, not once per refusal', async () => {
    await start({ max: 2 }, { trustProxy: true });
    expect((await stream(await memberToken(t, base, 'ana'), { from: '198.51.100.1' })).status).toBe(200);
    expect((await stream(await agentToken(t), { agent: true, from: '198.51.100.2' })).status).toBe(200);
    for (let i = 0; i < 5; i++) await expectRefused(await stream(await memberToken(t, base, `m${i}`), { from: `203.0.113.${i}` }), 503, 'busy');

    const ceiling = () => linesSaying('MAX_STREAMS');
    expect(ceiling()).toHaveLength(1);
    expect(ceiling()[0]).toMatchObject({ level: 40, cap: 'MAX_STREAMS', limit: 2, open: 2 });

    t.clock.advance(61_000);
    await expectRefused(await stream(await memberToken(t, base, 'late'), { from: '203.0.113.99' }), 503, 'busy');
    expect(ceiling()).toHaveLength(2);
    expect(ceiling()[1]).toMatchObject({ refused: 5 });
  });
});

describe('the caps’ settings', () => {
  it('are 5 per person, 200 per address and 10,000 per process unless STREAMS_PER_PERSON, STREAMS_PER_ADDRESS and MAX_STREAMS say otherwise', () => {
    expect(readConfig({}).streams).toEqual({ perPerson: 5, perAddress: 200, max: 10_000 });
    expect(readConfig({ STREAMS_PER_PERSON: '2', STREAMS_PER_ADDRESS: '50', MAX_STREAMS: '900' }).streams).toEqual({ perPerson: 2, perAddress: 50, max: 900 });
    expect(() => readConfig({ MAX_STREAMS: 'lots' })).toThrow(/MAX_STREAMS/);
  });
});

describe('a live-event stream that ends', () => {
  const ended = () => linesSaying('live stream ended');

  it('says in the log that the client went away, and how long it lasted', async () => {
    await start({});
    const response = await stream(await memberToken(t, base, 'ana'));
    t.clock.advance(5_000);
    await response.body!.cancel();
    await vi.waitFor(() => expect(ended()).toHaveLength(1), { timeout: 3000, interval: 20 });
    expect(ended()[0]).toMatchObject({ level: 30, stream: 'member', reason: 'client gone', durationMs: 5_000 });
  });

  it('says that the session ended, when it ends the stream at the session’s expiry', async () => {
    await start({});
    const token = await memberToken(t, base, 'ana');
    t.clock.advance(MEMBER_SESSION_MS - 200);
    const reader = (await stream(token)).body!.getReader();
    for (;;) if ((await reader.read()).done) break;
    expect(ended()).toEqual([expect.objectContaining({ stream: 'member', reason: 'session ended' })]);
  });

  it('says that the server shut down, for a member’s and an agent’s stream alike', async () => {
    await start({});
    await stream(await memberToken(t, base, 'ana'));
    await stream(await agentToken(t), { agent: true });
    await t.app.close();
    expect(
      ended()
        .map((line) => `${line.stream}: ${line.reason}`)
        .sort(),
    ).toEqual(['agent: shutdown', 'member: shutdown']);
  });
});
