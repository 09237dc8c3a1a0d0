/**
 * Webhooks end to end, against a real HTTP receiver on 127.0.0.1: a request made through the widget
 * API is POSTed signed, with its delivery id; a receiver answering 500 gets the delivery again after
 * the back-off; internal notes go only to a `note.created` subscription; and without the development
 * flag the loopback receiver is refused and gets nothing.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent } from '../support/agent-side.js';
import { siteIdOf } from '../support/inspect.js';
import { newId } from '../../server/store/ids.js';
import { createWebhookWorker } from '../../server/webhooks/delivery-worker.js';
import type { WebhookEventType } from '../../server/store/rows.js';
import { DEFAULT_WEBHOOK_EVENTS } from '../../server/store/rules/webhook-events.js';
import { categoryIds, submit } from './helpers.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let receiver: Server;
let received: Received[];
let answers: number[];
let base: string;
const SECRET = 'whsec_test-secret';
const silent = { info() {}, warn() {}, error() {} };

beforeEach(async () => {
  t = await createTestApp();
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

async function addHook(path: string, events: readonly WebhookEventType[] = DEFAULT_WEBHOOK_EVENTS): Promise<string> {
  const id = newId('whk');
  const siteId = await siteIdOf(t.db, 'demo');
  await t.store.webhooks.add({ id, siteId, url: `${base}${path}`, events: [...events], secret: SECRET, createdAt: t.clock.now.toISOString(), removedAt: null });
  return id;
}

const worker = (allowPrivateNetworks = true) => createWebhookWorker({ store: t.store, clock: () => t.clock.now, allowPrivateNetworks, log: silent });

async function newRequest(): Promise<number> {
  const cats = await categoryIds(t.app);
  const response = await submit(t.app, {
    categoryId: cats['Account & sign-in'],
    subject: 'Cannot sign in',
    description: 'The reset link has expired.',
    email: 'pat@customer.example',
    name: 'Pat',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().request.id;
}

function verify(delivery: Received): void {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery.headers['porthole-signature']))!;
  expect(createHmac('sha256', SECRET).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
}

test('a new request is POSTed as JSON, signed with the secret, with its delivery id and event', async () => {
  await addHook('/hook');
  const number = await newRequest();
  const report = await worker().deliverDue();
  expect(report).toEqual({ sent: 1, retried: 0, dead: 0 });
  expect(received).toHaveLength(1);
  const [delivery] = received;
  verify(delivery!);
  const payload = JSON.parse(delivery!.body);
  expect(delivery!.headers['content-type']).toBe('application/json');
  expect(delivery!.headers['user-agent']).toBe('Porthole-Webhooks');
  expect(delivery!.headers['porthole-event']).toBe('request.created');
  expect(delivery!.headers['porthole-delivery']).toBe(payload.id);
  expect(payload).toMatchObject({
    type: 'request.created',
    site: 'demo',
    data: { request: { number, subject: 'Cannot sign in', status: 'new', requester: { name: 'Pat', email: 'pat@customer.example' } } },
  });
  expect(await worker().deliverDue()).toEqual({ sent: 0, retried: 0, dead: 0 });
});

test('a receiver answering 500 gets the same delivery again once the back-off has passed, and it then counts as sent', async () => {
  const hook = await addHook('/flaky');
  await newRequest();
  answers.push(500);
  expect(await worker().deliverDue()).toEqual({ sent: 0, retried: 1, dead: 0 });
  // Not yet due: the back-off holds it.
  t.clock.advance(10_000);
  expect(await worker().deliverDue()).toEqual({ sent: 0, retried: 0, dead: 0 });
  t.clock.advance(25_000);
  expect(await worker().deliverDue()).toEqual({ sent: 1, retried: 0, dead: 0 });
  expect(received).toHaveLength(2);
  expect(received[1]!.headers['porthole-delivery']).toBe(received[0]!.headers['porthole-delivery']);
  verify(received[1]!);
  const [latest] = await t.store.webhooks.recentDeliveries(hook, 1);
  expect(latest).toMatchObject({ status: 'sent', attempts: 2, lastStatusCode: 200 });
});

test('an internal note goes only to a webhook subscribed to note.created; a reply goes to the default one', async () => {
  await addHook('/default');
  await addHook('/notes', ['note.created']);
  const number = await newRequest();
  const agent = await addDemoAgent(t, 'riley@northwind.example', 'Riley');
  const write = (body: string, isPublic: boolean) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${number}/comments`,
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body, public: isPublic }),
    });
  expect((await write('Refund approved internally', false)).statusCode).toBe(201);
  expect((await write('We are on it', true)).statusCode).toBe(201);
  await worker().deliverDue();
  const events = (path: string) => received.filter((delivery) => delivery.path === path).map((delivery) => JSON.parse(delivery.body));
  expect(events('/notes').map((payload) => payload.type)).toEqual(['note.created']);
  expect(events('/notes')[0].data.note).toMatchObject({ body: 'Refund approved internally', author: { kind: 'agent', name: 'Riley' } });
  const publicOnes = events('/default');
  expect(publicOnes.map((payload) => payload.type).sort()).toEqual(['comment.created', 'request.created', 'request.status_changed']);
  expect(JSON.stringify(publicOnes)).not.toContain('Refund approved internally');
});

test('without WEBHOOK_ALLOW_PRIVATE_NETWORKS a loopback target is refused: the delivery is dead with the reason, and nothing reaches it', async () => {
  const hook = await addHook('/private');
  await newRequest();
  expect(await worker(false).deliverDue()).toEqual({ sent: 0, retried: 0, dead: 1 });
  expect(received).toHaveLength(0);
  const [delivery] = await t.store.webhooks.recentDeliveries(hook, 1);
  expect(delivery).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null });
  expect(delivery!.lastError).toContain('127.0.0.1, a loopback address');
});

test('a redirect is not followed but recorded as a failure; a delivery still failing a day after its event is dead', async () => {
  const hook = await addHook('/moved');
  await newRequest();
  answers.push(302);
  expect(await worker().deliverDue()).toEqual({ sent: 0, retried: 1, dead: 0 });
  expect(received).toHaveLength(1);
  expect((await t.store.webhooks.recentDeliveries(hook, 1))[0]).toMatchObject({
    status: 'pending',
    lastStatusCode: 302,
    lastError: 'redirect (302) not followed',
  });
  let report = { sent: 0, retried: 0, dead: 0 };
  for (let hours = 0; hours < 25 && report.dead === 0; hours += 1) {
    t.clock.advance(60 * 60 * 1000);
    answers.push(500);
    report = await worker().deliverDue();
  }
  expect(report.dead).toBe(1);
  const [dead] = await t.store.webhooks.recentDeliveries(hook, 1);
  expect(dead).toMatchObject({ status: 'dead', lastStatusCode: 500, lastError: 'answered 500' });
  expect(Date.parse(t.clock.now.toISOString()) - Date.parse(dead!.createdAt)).toBeGreaterThan(23 * 60 * 60 * 1000);
});
