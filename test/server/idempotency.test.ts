/**
 * Idempotency-Key beyond the basics in requests.test.ts: keys belong to one site *and* one
 * requester (each member, and anonymous visitors, have their own), concurrent retries over a real
 * socket still make one request, and housekeeping forgets keys once their 24 hours are up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { runMaintenance } from '../../server/services/maintenance.js';
import { lastRequestNumber, requestByNumber, storedCounts } from '../support/inspect.js';
import { bearer, categoryIds, DEMO_ORIGIN, memberSession, submit } from './helpers.js';

const HOUR = 60 * 60 * 1000;

let t: TestApp;
let cats: Record<string, string>;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(() => t.close());

const ANA = { sub: 'idem-ana', email: 'ana@idem.example', name: 'Ana' };
const BEN = { sub: 'idem-ben', email: 'ben@idem.example', name: 'Ben' };

const memberBody = () => ({ categoryId: cats['Account & sign-in'], subject: 'Cannot sign in', description: 'The reset link has expired.' });
const anonymousBody = () => ({ ...memberBody(), email: 'visitor@idem.example', name: 'Visitor' });
const key = (value: string) => ({ 'idempotency-key': value });

const requesterOf = async (number: number) => (await requestByNumber(t.db, number)).requesterId;

describe('an Idempotency-Key belongs to the one who sent it', () => {
  it('two members sending the same key each get their own new request, not the other’s', async () => {
    const ana = await memberSession(t, ANA);
    const ben = await memberSession(t, BEN);
    const first = await submit(t.app, memberBody(), { headers: { ...bearer(ana), ...key('shared-idem-key-01') } });
    const second = await submit(t.app, memberBody(), { headers: { ...bearer(ben), ...key('shared-idem-key-01') } });
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    expect([first.json().request.id, second.json().request.id]).toEqual([1001, 1002]);
    expect(await requesterOf(1001)).not.toBe(await requesterOf(1002));
    expect(await storedCounts(t.db)).toMatchObject({ requests: 2, idempotencyKeys: 2 });
  });

  it('a member and an anonymous visitor sending the same key each get their own request', async () => {
    const ana = await memberSession(t, ANA);
    const anonymous = await submit(t.app, anonymousBody(), { headers: key('shared-idem-key-02') });
    const member = await submit(t.app, memberBody(), { headers: { ...bearer(ana), ...key('shared-idem-key-02') } });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    expect(member.statusCode, member.body).toBe(201);
    expect(member.headers['idempotency-replayed']).toBeUndefined();
    expect(member.json().request.id).toBe(1002);
    // …and the other way round: the visitor retrying still gets their own answer back.
    const anonymousRetry = await submit(t.app, anonymousBody(), { headers: key('shared-idem-key-02') });
    expect(anonymousRetry.headers['idempotency-replayed']).toBe('true');
    expect(anonymousRetry.json()).toEqual(anonymous.json());
    expect((await storedCounts(t.db)).requests).toBe(2);
  });

  it('a member whose session was renewed between two tries gets the first answer back, not a second request', async () => {
    const before = await memberSession(t, ANA);
    const first = await submit(t.app, memberBody(), { headers: { ...bearer(before), ...key('renewed-session-01') } });
    t.clock.advance(20 * 60 * 1000); // the first session has ended; the widget signs in again
    const after = await memberSession(t, ANA);
    const retry = await submit(t.app, memberBody(), { headers: { ...bearer(after), ...key('renewed-session-01') } });
    expect(retry.statusCode).toBe(first.statusCode);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await storedCounts(t.db)).requests).toBe(1);
  });

  it('a member reusing their own key for a different request is refused with 422, and nothing more is stored', async () => {
    const ana = await memberSession(t, ANA);
    await submit(t.app, memberBody(), { headers: { ...bearer(ana), ...key('member-reuse-0001') } });
    const before = await storedCounts(t.db);
    const reused = await submit(t.app, { ...memberBody(), subject: 'Another problem' }, { headers: { ...bearer(ana), ...key('member-reuse-0001') } });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect(await storedCounts(t.db)).toEqual(before);
  });
});

describe('concurrent retries over a real connection', () => {
  it('20 simultaneous POSTs with one key over HTTP make exactly one request, and all 20 get the same status and body', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify(anonymousBody());
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${address}/api/v1/sites/demo/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: DEMO_ORIGIN, 'idempotency-key': 'socket-race-key-01' },
          body,
        }).then(async (response) => ({ status: response.status, body: await response.text(), replayed: response.headers.get('idempotency-replayed') })),
      ),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(JSON.parse(responses[0].body).request.id).toBe(1001);
    expect(responses.filter((response) => response.replayed === 'true')).toHaveLength(19);
    expect(await storedCounts(t.db)).toMatchObject({ requests: 1, comments: 1, endUsers: 1, idempotencyKeys: 1 });
    expect(await lastRequestNumber(t.db, 'demo')).toBe(1001);
  });

  it('20 simultaneous POSTs with 20 different keys make 20 requests with 20 different numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(t.app, anonymousBody(), { headers: key(`distinct-key-${String(i).padStart(4, '0')}`) })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((response) => response.json().request.id)).size).toBe(20);
    expect(await storedCounts(t.db)).toMatchObject({ requests: 20, idempotencyKeys: 20 });
  });
});

describe('keys expire', () => {
  const maintain = () =>
    runMaintenance({
      store: t.store,
      clock: () => t.clock.now,
      events: t.app.porthole.events,
      autoCloseAfterHours: t.config.autoCloseAfterHours,
      files: t.app.porthole.files.storage,
    });

  it('housekeeping keeps a key that is less than 24 hours old, so a late retry is still answered from it', async () => {
    const first = await submit(t.app, anonymousBody(), { headers: key('housekeeping-0001') });
    t.clock.advance(23 * HOUR);
    await maintain();
    expect((await storedCounts(t.db)).idempotencyKeys).toBe(1);
    const retry = await submit(t.app, anonymousBody(), { headers: key('housekeeping-0001') });
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
  });

  it('housekeeping forgets keys (and the answers stored with them) once they are more than 24 hours old', async () => {
    await submit(t.app, anonymousBody(), { headers: key('housekeeping-0002') });
    const ana = await memberSession(t, ANA);
    await submit(t.app, memberBody(), { headers: { ...bearer(ana), ...key('housekeeping-0003') } });
    expect((await storedCounts(t.db)).idempotencyKeys).toBe(2);
    t.clock.advance(24 * HOUR + 60 * 1000);
    await maintain();
    expect((await storedCounts(t.db)).idempotencyKeys).toBe(0);
    // The requests themselves stay.
    expect((await storedCounts(t.db)).requests).toBe(2);
  });
});
