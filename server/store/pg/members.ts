/**
 * Members on PostgreSQL: the exchange of a host token (its `jti` recorded once — across restarts and
 * instances — and the member's record brought up to date from its claims), and sender proof.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { memberRead } from '../rules/member-record.js';
import type { MemberClaims, MemberRecord, RequestView } from '../types.js';
import { newId } from '../ids.js';
import type { PgSession, PgTx } from './client.js';
import { byId, readView } from './request-view.js';
import { endUsers, organizations, requests, usedTokenIds } from './schema.js';

export async function exchangeToken(tx: PgTx, siteId: string, claims: MemberClaims, now: string): Promise<MemberRecord | 'replayed'> {
  // Two instances exchanging one token at once: the second insert waits for the first, then conflicts.
  const recorded = await tx
    .insert(usedTokenIds)
    .values({ siteId, jti: claims.jti, expiresAt: claims.expiresAt })
    .onConflictDoNothing()
    .returning({ jti: usedTokenIds.jti });
  if (!recorded.length) return 'replayed';

  let organizationId: string | null = null;
  if (claims.org) {
    const [org] = await tx
      .insert(organizations)
      .values({ id: newId('org'), siteId, externalId: claims.org.id, name: claims.org.name, createdAt: now })
      .onConflictDoUpdate({ target: [organizations.siteId, organizations.externalId], set: { name: claims.org.name } })
      .returning({ id: organizations.id });
    organizationId = org!.id;
  }
  const profile = { email: claims.email, emailVerified: claims.emailVerified, name: claims.name, organizationId, updatedAt: now };
  const [member] = await tx
    .insert(endUsers)
    .values({ id: newId('usr'), siteId, externalId: claims.sub, createdAt: now, ...profile })
    .onConflictDoUpdate({ target: [endUsers.siteId, endUsers.externalId], set: profile })
    .returning({ id: endUsers.id });
  return {
    id: member!.id,
    siteId,
    email: claims.email,
    emailVerified: claims.emailVerified,
    name: claims.name,
    organizationId,
    organizationName: claims.org?.name ?? null,
  };
}

export async function find(tx: PgSession, siteId: string, memberId: string, options = { contactsToo: false }): Promise<MemberRecord | undefined> {
  const member = memberRead({ endUsers, organizations }, siteId, memberId, options.contactsToo);
  const [found] = await tx.select(member.columns).from(endUsers).leftJoin(organizations, member.organization).where(member.where);
  return found;
}

/**
 * The member's own record plus — only when the host verified their email — the contact records of
 * people who wrote in with that address (their requests count once the sender is proven).
 */
export async function identities(tx: PgSession, member: MemberRecord): Promise<string[]> {
  if (!member.emailVerified) return [member.id];
  const rows = await tx
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, member.siteId), or(eq(endUsers.id, member.id), and(isNull(endUsers.externalId), eq(endUsers.email, member.email)))));
  return rows.map((row) => row.id);
}

/** A mail link for request `number` sent to `endUserId` was opened: if that is its requester, the sender is proven now. */
export async function proveSender(tx: PgTx, siteId: string, endUserId: string, number: number, now: string): Promise<RequestView | undefined> {
  const [proven] = await tx
    .update(requests)
    .set({ senderVerifiedAt: now })
    .where(and(eq(requests.siteId, siteId), eq(requests.number, number), eq(requests.requesterId, endUserId), isNull(requests.senderVerifiedAt)))
    .returning({ id: requests.id });
  return proven && readView(tx, byId(proven.id), 'all');
}

export async function forgetExpiredTokenIds(tx: PgSession, now: string): Promise<void> {
  await tx.delete(usedTokenIds).where(lt(usedTokenIds.expiresAt, now));
}
