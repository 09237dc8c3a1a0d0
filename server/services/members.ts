/** Signing a member in: a host token in, a session and the member's profile out. */
import type { Db } from '../store/sqlite/client.js';
import { exchangeMemberToken, findMember, type MemberRecord } from '../store/sqlite/members.js';
import { proveSender } from '../store/sqlite/sender-proof.js';
import { changeOf } from './events.js';
import type { Porthole } from '../app.js';
import { MIN_SITE_SECRET_BYTES, type SiteRow } from '../store/sqlite/sites.js';
import { verifyHostToken } from '../auth/host-token.js';
import type { Member } from '../contract/types.js';
import { ApiError } from '../errors.js';
import type { Clock } from './clock.js';
import type { Reservation } from './attempt-limiter.js';

/** The secrets a host token may be signed with: the current one, and a rotated-out one during its grace period. */
export function hostTokenSecrets(site: SiteRow, now: Date): string[] {
  const previous = site.previousTokenSecret;
  const previousValid =
    previous && Buffer.byteLength(previous) >= MIN_SITE_SECRET_BYTES && site.previousSecretValidUntil && site.previousSecretValidUntil > now.toISOString();
  return previousValid ? [site.tokenSecret, previous] : [site.tokenSecret];
}

/**
 * Verifies the host token, counts a sign-in on `reserveUse` (which may refuse the subject, e.g. a
 * rate limit) while the token is still unused, then records its one use and brings the member's
 * record up to date. A token that turns out to be used already gives its count back: replaying a
 * member's old token must not use up that member's sign-ins.
 */
export async function signInMember(
  db: Db,
  site: SiteRow,
  token: string,
  clock: Clock,
  reserveUse: (sub: string) => Promise<Reservation>,
): Promise<MemberRecord> {
  const now = clock();
  const claims = verifyHostToken(token, hostTokenSecrets(site, now), now);
  const use = await reserveUse(claims.sub);
  let member: MemberRecord | 'replayed';
  try {
    member = await exchangeMemberToken(db, site.id, { ...claims, expiresAt: new Date(claims.exp * 1000 + 60_000).toISOString() }, now.toISOString());
  } catch (error) {
    await use.release();
    throw error;
  }
  if (member === 'replayed') {
    await use.release();
    throw new ApiError(401, 'token_replayed', 'This sign-in token was already used. Ask the site for a fresh one.');
  }
  return member;
}

export const presentMember = (member: MemberRecord): Member => ({
  name: member.name,
  email: member.email,
  emailVerified: member.emailVerified,
  organization: member.organizationName ? { name: member.organizationName } : null,
});

/**
 * The recipient and request of a mail link, if the link is genuine and the person still exists.
 * Opening it shows the recipient reads mail at that address: when they are the request's requester,
 * its sender is proven (sender-proof.ts). Their address as such stays as verified as it was: the
 * next request sent under it may come from anyone, and mail quotes text only to verified addresses.
 */
export async function openFromLink(porthole: Porthole, site: SiteRow, token: string): Promise<{ member: MemberRecord; number: number }> {
  const { endUserId, number } = porthole.links.verify(token, site);
  const member = await findMember(porthole.db, site.id, endUserId, { contactsToo: true });
  if (!member) throw new ApiError(401, 'token_invalid', 'This link is not valid.');
  const proven = await proveSender(porthole.db, site.id, endUserId, number, porthole.clock().toISOString());
  // Now the requester's (and no longer "unverified" in the inbox): open widgets and inboxes refetch.
  if (proven) porthole.events.publish(changeOf(proven));
  return { member, number };
}
