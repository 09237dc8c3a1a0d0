/**
 * Host-side signing of member tokens for tests, as a host site's backend would do it — by hand,
 * so tests can also forge what a real library would refuse to make (alg none, other algorithms).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { TEST_SITE_SECRET } from './test-app.js';

export interface MemberClaimsInput {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  org?: { id: string; name: string };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs any header and payload; HS256/HS384/HS512 sign with `secret`, anything else gets no signature. */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret = TEST_SITE_SECRET): string {
  const input = `${part(header)}.${part(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  return `${input}.${hash ? createHmac(hash, secret).update(input).digest('base64url') : ''}`;
}

/** A valid host token for `now` (seconds-based iat/exp, a fresh jti), unless claims override it. */
export function hostToken(claims: MemberClaimsInput & Record<string, unknown>, now: Date, secret = TEST_SITE_SECRET): string {
  const iat = Math.floor(now.getTime() / 1000);
  return signJwt({ alg: 'HS256', typ: 'JWT' }, { email_verified: true, iat, exp: iat + 300, jti: randomUUID(), ...claims }, secret);
}
