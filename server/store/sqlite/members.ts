/**
 * Members: people the host site vouches for with a signed token. The exchange of a host token is one
 * unit of work — its `jti` is recorded (a second use is refused, across restarts), and the member's
 * record and organization are brought up to date from the token's claims.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { newId } from '../ids.js';
import { preparedOnce } from './prepared.js';
import { readRequestById } from './request-view.js';
import { endUsers, organizations, requests, usedTokenIds } from './schema.js';
import { memberRead } from '../rules/member-record.js';
import type { MemberClaims, MemberRecord, RequestView } from '../types.js';

/** Signs a member in from verified claims; `replayed` when this token id was used before. */
export async function exchangeMemberToken(db: Db, siteId: string, claims: MemberClaims, now: string): Promise<MemberRecord | 'replayed'> {
  return commitWithOthers(db, (tx) => {
    const recorded = tx
      .insert(usedTokenIds)
      .values({ siteId, jti: claims.jti, expiresAt: claims.expiresAt })
      .onConflictDoNothing()
      .returning({ jti: usedTokenIds.jti })
      .all();
    if (recorded.length === 0) return 'replayed';

    let organizationId: string | null = null;
    if (claims.org) {
      const org = tx
        .insert(organizations)
        .values({ id: newId('org'), siteId, externalId: claims.org.id, name: claims.org.name, createdAt: now })
        .onConflictDoUpdate({ target: [organizations.siteId, organizations.externalId], set: { name: claims.org.name } })
        .returning({ id: organizations.id })
        .get();
      organizationId = org.id;
    }
    const profile = { email: claims.email, emailVerified: claims.emailVerified, name: claims.name, organizationId };
    const member = tx
      .insert(endUsers)
      .values({ id: newId('usr'), siteId, externalId: claims.sub, createdAt: now, updatedAt: now, ...profile })
      .onConflictDoUpdate({ target: [endUsers.siteId, endUsers.externalId], set: { ...profile, updatedAt: now } })
      .returning({ id: endUsers.id })
      .get();
    // The record as the port defines it (MemberRecord), the same as find() returns: no updatedAt.
    return { id: member.id, siteId, ...profile, organizationName: claims.org?.name ?? null };
  });
}

/** A member by id; `contactsToo` also finds people known only by email (sessions from email links). */
export async function findMember(db: Db, siteId: string, memberId: string, options = { contactsToo: false }): Promise<MemberRecord | undefined> {
  // Every member request runs this (and memberIdentities): prepared once, see prepared.ts.
  const statement = preparedOnce(db, `member|${options.contactsToo ? 'or-contact' : 'member'}`, () => {
    const member = memberRead({ endUsers, organizations }, sql.placeholder('siteId'), sql.placeholder('memberId'), options.contactsToo);
    return db.select(member.columns).from(endUsers).leftJoin(organizations, member.organization).where(member.where).prepare();
  });
  return statement.get({ siteId, memberId });
}

/**
 * The end-user records whose requests and CCs are this member's: their own, plus — only when the
 * host has verified the member's email — the records of people who wrote in with that address
 * before having an account. An unverified address links to nothing. A request filed under such a
 * record counts as the member's only once its sender is proven (rules/visibility.ts): the record
 * stands for an address, and anyone can type one.
 */
export async function memberIdentities(db: Db, member: MemberRecord): Promise<string[]> {
  if (!member.emailVerified) return [member.id];
  const statement = preparedOnce(db, 'member-identities', () =>
    db
      .select({ id: endUsers.id })
      .from(endUsers)
      .where(
        and(
          eq(endUsers.siteId, sql.placeholder('siteId')),
          or(eq(endUsers.id, sql.placeholder('memberId')), and(isNull(endUsers.externalId), eq(endUsers.email, sql.placeholder('email')))),
        ),
      )
      .prepare(),
  );
  return statement.all({ siteId: member.siteId, memberId: member.id, email: member.email }).map((row) => row.id);
}

/** Token ids only need remembering until their token would have expired anyway. */
export async function forgetExpiredTokenIds(db: Db, now: string): Promise<void> {
  db.delete(usedTokenIds).where(lt(usedTokenIds.expiresAt, now)).run();
}

/**
 * A mail link for request `number` sent to `endUserId` was opened: if that person is its requester,
 * its sender is proven now (rules/visibility.ts), and the request as it now is comes back (for live
 * updates). Undefined when there was nothing to prove: already proven, or the link went to a CC —
 * which proves nothing about who sent the request.
 */
export async function proveSender(db: Db, siteId: string, endUserId: string, number: number, now: string): Promise<RequestView | undefined> {
  const p = sql.placeholder;
  const statement = preparedOnce(db, 'prove-sender', () =>
    db
      .update(requests)
      .set({ senderVerifiedAt: sql`${p('now')}` })
      .where(
        and(eq(requests.siteId, p('siteId')), eq(requests.number, p('number')), eq(requests.requesterId, p('endUserId')), isNull(requests.senderVerifiedAt)),
      )
      .returning({ id: requests.id })
      .prepare(),
  );
  return commitWithOthers(db, () => {
    const proven = statement.get({ siteId, number, endUserId, now });
    return proven && readRequestById(db, proven.id, 'all');
  });
}
