/** The address rule webhooks are sent under, and their signature, on their own. */
import { expect, test } from 'vitest';
import { createHmac } from 'node:crypto';
import { nonPublicKind, resolveTarget, RefusedTargetError, webhookUrl } from '../../server/webhooks/safe-target.js';
import { signatureHeader } from '../../server/webhooks/signature.js';

test.each([
  ['127.0.0.1', 'a loopback address'],
  ['10.20.30.40', 'a private address'],
  ['172.16.0.1', 'a private address'],
  ['192.168.1.1', 'a private address'],
  ['169.254.169.254', 'a link-local address'],
  ['100.64.0.1', 'a carrier-grade NAT (CGNAT) address'],
  ['0.0.0.0', 'an unspecified address'],
  ['224.0.0.1', 'a multicast address'],
  ['::1', 'a loopback address'],
  ['::', 'an unspecified address'],
  ['fe80::1', 'a link-local address'],
  ['fd12:3456::1', 'a unique-local address'],
  ['ff02::1', 'a multicast address'],
  ['::ffff:127.0.0.1', 'a loopback address'],
  ['::ffff:a00:1', 'a private address'],
])('%s is refused as %s', (address, kind) => {
  expect(nonPublicKind(address)).toBe(kind);
});

test.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
  expect(nonPublicKind(address)).toBeNull();
});

test('only http and https URLs without credentials are webhook URLs', () => {
  expect(webhookUrl('https://hooks.example.com/x').host).toBe('hooks.example.com');
  expect(() => webhookUrl('file:///etc/passwd')).toThrow(RefusedTargetError);
  expect(() => webhookUrl('https://user:pw@hooks.example.com/')).toThrow(RefusedTargetError);
  expect(() => webhookUrl('not a url')).toThrow(RefusedTargetError);
});

test('a host that resolves to a loopback address is refused after resolution, unless private networks are allowed', async () => {
  await expect(resolveTarget(new URL('http://localhost:9/'), false)).rejects.toThrow(/refused: localhost resolves to .*loopback address/);
  await expect(resolveTarget(new URL('http://[::1]:9/'), false)).rejects.toThrow(RefusedTargetError);
  expect(await resolveTarget(new URL('http://127.0.0.1:9/'), true)).toEqual({ address: '127.0.0.1', family: 4 });
});

test('the signature is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> keyed by the secret', () => {
  const body = '{"id":"whd_1"}';
  const expected = createHmac('sha256', 'whsec_abc').update(`1700000000.${body}`).digest('hex');
  expect(signatureHeader('whsec_abc', 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  expect(signatureHeader('whsec_other', 1700000000, body)).not.toBe(`t=1700000000,v1=${expected}`);
});
