/** `POST /api/v1/inbound/mail`: the HTTP door of the inbound pipeline, for providers that forward mail by HTTP. */
import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readConfig } from '../../server/config.js';
import { siteIdOf } from '../support/inspect.js';
import { bearer, expectError } from './helpers.js';

const SECRET = 'inbound-secret-for-tests';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

let logged: string[] = [];
const inboundApp = async (secret: string | undefined) => {
  logged = [];
  const stream = { write: (line: string) => logged.push(line) };
  t = await createTestApp({ inbound: { ...readConfig({}).inbound, secret, maxBytes: 16 * 1024 } }, { logger: { level: 'warn', stream } });
  return t;
};

const message = (body = 'My parcel never came.') =>
  ['From: Quinn <quinn@new.example>', 'To: demo@inbound.localhost', 'Subject: Missing parcel', 'Message-ID: <1@new.example>', '', body, ''].join('\r\n');

const post = (app: TestApp, headers: Record<string, string>, payload: string) =>
  app.app.inject({ method: 'POST', url: '/api/v1/inbound/mail', headers: { 'content-type': 'message/rfc822', ...headers }, payload });

describe('POST /api/v1/inbound/mail', () => {
  test('without INBOUND_SECRET the route does not exist', async () => {
    const app = await inboundApp(undefined);
    expectError(await post(app, bearer(SECRET), message()), 404, 'not_found');
  });

  test('a missing or wrong secret is 401, and nothing is taken', async () => {
    const app = await inboundApp(SECRET);
    expectError(await post(app, {}, message()), 401, 'unauthorized');
    expectError(await post(app, bearer(`${SECRET}x`), message()), 401, 'unauthorized');
    expect(await app.store.inbound.countUnverifiedMail(await siteIdOf(app.db, 'demo'))).toBe(0);
  });

  test('with the secret, the mail goes through the pipeline and the answer says what became of it', async () => {
    const app = await inboundApp(SECRET);
    const response = await post(app, bearer(SECRET), message());
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ outcome: 'request', request: expect.any(Number) });
    expect(await app.store.inbound.countUnverifiedMail(await siteIdOf(app.db, 'demo'))).toBe(1);

    const automatic = await post(app, bearer(SECRET), `Auto-Submitted: auto-replied\r\n${message()}`);
    expect(automatic.json()).toEqual({ outcome: 'ignored', reason: 'auto_submitted' });
  });

  test('a mail over INBOUND_MAX_BYTES is 413; another content type is 415', async () => {
    const app = await inboundApp(SECRET);
    expectError(await post(app, bearer(SECRET), message('x'.repeat(32 * 1024))), 413, 'payload_too_large');
    expect(logged.some((line) => line.includes('over INBOUND_MAX_BYTES'))).toBe(true);
    const json = await app.app.inject({
      method: 'POST',
      url: '/api/v1/inbound/mail',
      headers: { ...bearer(SECRET), 'content-type': 'application/json' },
      payload: '{}',
    });
    expectError(json, 415, 'unsupported_media_type');
  });
});

describe('the settings of mail in', () => {
  test('defaults, and what the environment changes', () => {
    expect(readConfig({}).inbound).toEqual({
      domain: 'inbound.localhost',
      smtpPort: undefined,
      secret: undefined,
      maxBytes: 30 * 1024 * 1024,
      tls: undefined,
      replyTokenDays: 180,
      mailsPerSenderPerHour: 30,
      requestsPerSenderPerHour: 5,
      requestsPerSitePerHour: 100,
    });
    expect(readConfig({ INBOUND_DOMAIN: 'In.Example.com', INBOUND_SMTP_PORT: '2525', REPLY_TOKEN_DAYS: '30' }).inbound).toMatchObject({
      domain: 'in.example.com',
      smtpPort: 2525,
      replyTokenDays: 30,
    });
  });

  test('a certificate without its key, or a bad number, stops the server at start', () => {
    expect(() => readConfig({ INBOUND_TLS_CERT: 'cert.pem' })).toThrow(/INBOUND_TLS_CERT and INBOUND_TLS_KEY/);
    expect(() => readConfig({ INBOUND_MAX_BYTES: 'lots' })).toThrow(/INBOUND_MAX_BYTES/);
    expect(() => readConfig({ REPLY_TOKEN_DAYS: '0' })).toThrow(/REPLY_TOKEN_DAYS/);
  });
});
