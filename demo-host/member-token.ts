import { createHmac, randomUUID } from 'node:crypto';
import type { SeedMember } from '../server/seed/seed-content.js';

/**
 * This is what a host site's backend does to let Porthole know who is signed in (DESIGN §5
 * "Member tokens and sessions"): it signs a short-lived JWT about its own, already signed-in user
 * with the secret it shares with the support server, and hands it only to its own pages. The
 * secret never reaches a browser; the widget exchanges the token once for a support session.
 *
 * It is a plain HS256 JWT, signed by hand so nothing is hidden behind a library:
 * base64url(header) "." base64url(claims) "." base64url(HMAC-SHA256(secret, those two parts)).
 */

/** Five minutes: long enough to be exchanged, short enough that a leaked token is soon useless. */
export const MEMBER_TOKEN_LIFETIME_SECONDS = 300;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signMemberToken(member: SeedMember, secret: string, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    sub: member.sub,
    email: member.email,
    // Only say so when the host really has verified the address: it lets support link the member
    // to requests they sent with that address before signing in, and to CCs on it.
    email_verified: true,
    name: member.name,
    ...(member.org && { org: { id: member.org.id, name: member.org.name } }),
    iat,
    exp: iat + MEMBER_TOKEN_LIFETIME_SECONDS,
    // Unique per token: the support server accepts each one once.
    jti: randomUUID(),
  };
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
