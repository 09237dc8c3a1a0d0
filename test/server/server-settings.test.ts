// What the server reads from its environment (server/config.ts): the development defaults an
// operator relies on without reading the code, and the limits that protect it.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { defaultMaxConnections } from '../../server/http/descriptor-limit.js';
import { trustedProxy } from '../../server/http/trusted-proxy.js';

describe('development defaults', () => {
  it('the server listens on loopback only unless HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('mail without SMTP goes beside the database file (DATA_DIR), not into the checkout', () => {
    const config = readConfig({ DATABASE_PATH: '/srv/porthole/porthole.db' });
    expect(config.dataDir).toBe('/srv/porthole');
    expect(config.mailDir).toBe('/srv/porthole/mail');
  });

  it('DATA_DIR moves the mail folder; MAIL_DIR names it outright', () => {
    expect(readConfig({ DATABASE_PATH: '/srv/db/p.db', DATA_DIR: '/var/lib/porthole' }).mailDir).toBe('/var/lib/porthole/mail');
    expect(readConfig({ DATA_DIR: '/var/lib/porthole', MAIL_DIR: '/tmp/outbox' }).mailDir).toBe('/tmp/outbox');
  });

  it('with nothing set, the database and the mail stay together under ./data', () => {
    const config = readConfig({});
    expect(config.databasePath).toBe(resolve('data/porthole.db'));
    expect(config.mailDir).toBe(join(resolve('data'), 'mail'));
  });
});

describe('connection limits', () => {
  it('defaults: 30 s for headers and a stalled body, 8 KB/s after that, 5 s idle keep-alive, 256 connections per address', () => {
    const { connections } = readConfig({});
    expect(connections).toMatchObject({ requestTimeoutMs: 30_000, minBodyBytesPerSecond: 8192, keepAliveTimeoutMs: 5000, maxPerAddress: 256 });
  });

  it('each limit is set from the environment, in seconds and bytes', () => {
    const { connections } = readConfig({
      REQUEST_TIMEOUT_S: '10',
      MIN_BODY_BYTES_PER_S: '1000',
      KEEP_ALIVE_TIMEOUT_S: '2',
      MAX_CONNECTIONS_PER_ADDRESS: '1000',
      MAX_CONNECTIONS: '5000',
    });
    expect(connections).toEqual({ requestTimeoutMs: 10_000, minBodyBytesPerSecond: 1000, keepAliveTimeoutMs: 2000, maxPerAddress: 1000, maxConnections: 5000 });
  });

  it('a timeout or a cap of zero is refused at start (it would switch the protection off)', () => {
    expect(() => readConfig({ REQUEST_TIMEOUT_S: '0' })).toThrow(/REQUEST_TIMEOUT_S/);
    expect(() => readConfig({ MAX_CONNECTIONS_PER_ADDRESS: '0' })).toThrow(/MAX_CONNECTIONS_PER_ADDRESS/);
  });

  it('the process-wide ceiling leaves descriptors over for the database and mail', () => {
    expect(defaultMaxConnections(20_000)).toBe(18_000);
    expect(defaultMaxConnections(256)).toBe(192);
    expect(defaultMaxConnections(null)).toBe(0);
  });
});

describe('TRUST_PROXY', () => {
  it('addresses, subnets and the names loopback, linklocal and uniquelocal', () => {
    const trusted = trustedProxy('10.0.0.0/8, 203.0.113.7, loopback');
    if (!trusted) throw new Error('expected a rule');
    expect(['10.1.2.3', '203.0.113.7', '127.0.0.1', '::1', '::ffff:127.0.0.1'].map((a) => trusted(a, 0))).toEqual([true, true, true, true, true]);
    expect(['11.0.0.1', '203.0.113.8', '2001:db8::1'].map((a) => trusted(a, 0))).toEqual([false, false, false]);
  });

  it('unset trusts nobody; a typo stops the server at start instead of trusting the wrong peer', () => {
    expect(trustedProxy(false)).toBe(false);
    expect(readConfig({}).trustProxy).toBe(false);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => readConfig({ TRUST_PROXY: 'lookback' })).toThrow(/TRUST_PROXY/);
  });
});
