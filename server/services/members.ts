/** Signing a member in: a host token in, a session and the member's profile out. */
import type { SiteRow } from '../store/rows.js';
import type { MemberRecord, Store } from '../store/types.js';
import { MIN_SITE_SECRET_BYTES } from '../store/rules/site-secrets.js';
import { changeOf } from './events.js';
import type { Services } from './context.js';
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
  store: Store,
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
    member = await store.members.exchangeToken(site.id, { ...claims, expiresAt: new Date(claims.exp * 1000 + 60_000).toISOString() }, now.toISOString());
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
 * its sender is proven (store/rules/visibility.ts). Their address as such stays as verified as it was: the
 * next request sent under it may come from anyone, and mail quotes text only to verified addresses.
 */
export async function openFromLink(services: Services, site: SiteRow, token: string): Promise<{ member: MemberRecord; number: number }> {
  const { store, links, clock, events } = services;
  const { endUserId, number } = links.verify(token, site);
  const member = await store.members.find(site.id, endUserId, { contactsToo: true });
  if (!member) throw new ApiError(401, 'token_invalid', 'This link is not valid.');
  const proven = await store.members.proveSender(site.id, endUserId, number, clock().toISOString());
  // Now the requester's (and no longer "unverified" in the inbox): open widgets and inboxes refetch.
  if (proven) events.publish(changeOf(proven));
  return { member, number };
}
