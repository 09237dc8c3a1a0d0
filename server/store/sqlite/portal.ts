/**
 * The Help Center's accounts on SQLite: signup policy, organization domains, mailed links,
 * passwords and sessions. The conditions come from rules/portal.ts; each write is one unit in a
 * group commit (group-commit.ts).
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { enqueueMail } from './outbox.js';
import { newId } from '../ids.js';
import { endUsers, organizationDomains, organizations, portalAccounts, portalLinks, portalSessions, portalSettings } from './schema.js';
import { findOrCreateContact } from './requests.js';
import {
  accountColumns,
  accountOfSession,
  domainOrganization,
  hostMembersOfAddress,
  linkOf,
  liveSession,
  openLink,
  refusalOf,
  sessionOfLink,
  supersededBy,
} from '../rules/portal.js';
import type { SignupPolicy } from '../rows.js';
import type { LinkSpend, LivePortalSession, MailDraft, NewPortalLink, OpenedSession, PortalAccount, SessionLimits } from '../types.js';

const tables = { portalLinks, portalAccounts, portalSessions };
const account = accountColumns(tables);

export async function signupPolicy(db: Db, siteId: string): Promise<SignupPolicy> {
  const row = db.select({ policy: portalSettings.signupPolicy }).from(portalSettings).where(eq(portalSettings.siteId, siteId)).get();
  return row?.policy ?? 'known';
}

export async function setSignupPolicy(db: Db, siteId: string, policy: SignupPolicy): Promise<void> {
  await commitWithOthers(db, (tx) =>
    tx
      .insert(portalSettings)
      .values({ siteId, signupPolicy: policy })
      .onConflictDoUpdate({ target: portalSettings.siteId, set: { signupPolicy: policy } })
      .run(),
  );
}

export async function isKnownEmail(db: Db, siteId: string, email: string): Promise<boolean> {
  return (
    db
      .select({ one: sql`1` })
      .from(endUsers)
      .where(and(eq(endUsers.siteId, siteId), eq(endUsers.email, email)))
      .limit(1)
      .get() !== undefined
  );
}

export async function organizationOfDomain(db: Db, siteId: string, domain: string): Promise<{ id: string; name: string } | undefined> {
  const declared = domainOrganization({ organizationDomains, organizations }, siteId, domain);
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizationDomains)
    .innerJoin(organizations, declared.join)
    .where(declared.where)
    .get() as { id: string; name: string } | undefined;
}

export async function personOf(db: Db, siteId: string, email: string, now: string): Promise<string> {
  const member = db
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(hostMembersOfAddress({ endUsers }, siteId, email))
    .orderBy(endUsers.createdAt)
    .limit(1)
    .get();
  if (member) return member.id;
  return commitWithOthers(db, () => {
    const id = findOrCreateContact(db, siteId, email, null, now);
    db.update(endUsers)
      .set({ emailVerified: true, updatedAt: now })
      .where(and(eq(endUsers.id, id), eq(endUsers.emailVerified, false)))
      .run();
    return id;
  });
}

export async function addOrganizationDomain(db: Db, siteId: string, domain: string, organizationExternalId: string): Promise<'added' | 'org_not_found'> {
  return commitWithOthers(db, (tx) => {
    const org = tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.siteId, siteId), eq(organizations.externalId, organizationExternalId)))
      .get();
    if (!org) return 'org_not_found';
    tx.insert(organizationDomains)
      .values({ siteId, domain, organizationId: org.id })
      .onConflictDoUpdate({ target: [organizationDomains.siteId, organizationDomains.domain], set: { organizationId: org.id } })
      .run();
    return 'added';
  });
}

export async function issueLink(db: Db, link: NewPortalLink, mail: MailDraft): Promise<void> {
  await commitWithOthers(db, (tx) => {
    tx.update(portalLinks).set({ endedAt: link.createdAt, endedBy: 'superseded' }).where(supersededBy(tables, link)).run();
    tx.insert(portalLinks).values(link).run();
    enqueueMail(db, link.siteId, null, [mail], link.createdAt);
  });
}

export async function spendLink(db: Db, siteId: string, tokenHash: string, now: string, session: OpenedSession): Promise<LinkSpend> {
  return commitWithOthers(db, (tx): LinkSpend => {
    const spent = tx
      .update(portalLinks)
      .set({ endedAt: now, endedBy: 'used' })
      .where(openLink(tables, siteId, tokenHash, now))
      .returning({ siteId: portalLinks.siteId, email: portalLinks.email, purpose: portalLinks.purpose })
      .get();
    if (!spent)
      return refusalOf(
        tx
          .select({ endedBy: portalLinks.endedBy })
          .from(portalLinks)
          .where(linkOf(tables, siteId, tokenHash))
          .get(),
      );
    tx.insert(portalAccounts)
      .values({ id: newId('pa'), siteId: spent.siteId, email: spent.email, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .run();
    const found = tx
      .select(account)
      .from(portalAccounts)
      .where(and(eq(portalAccounts.siteId, spent.siteId), eq(portalAccounts.email, spent.email)))
      .get()!;
    tx.insert(portalSessions)
      .values({ ...sessionOfLink(spent.purpose, session), accountId: found.id, generation: found.sessionGeneration, createdAt: now, lastSeenAt: now })
      .run();
    return { kind: 'spent', purpose: spent.purpose, account: found };
  });
}

export async function findAccount(db: Db, siteId: string, email: string): Promise<PortalAccount | undefined> {
  return db
    .select(account)
    .from(portalAccounts)
    .where(and(eq(portalAccounts.siteId, siteId), eq(portalAccounts.email, email)))
    .get();
}

export async function createSession(db: Db, tokenHash: string, accountId: string, generation: number, now: string): Promise<void> {
  await commitWithOthers(db, (tx) => tx.insert(portalSessions).values({ tokenHash, accountId, generation, createdAt: now, lastSeenAt: now }).run());
}

export async function touchSession(db: Db, tokenHash: string, limits: SessionLimits, now: string): Promise<LivePortalSession | undefined> {
  return commitWithOthers(db, (tx) => {
    const { passwordHash: _hash, ...columns } = account;
    const found = tx
      .select({ account: columns, createdAt: portalSessions.createdAt, passwordGrantUntil: portalSessions.passwordGrantUntil })
      .from(portalSessions)
      .innerJoin(portalAccounts, accountOfSession(tables))
      .where(liveSession(tables, tokenHash, limits))
      .get();
    if (found) tx.update(portalSessions).set({ lastSeenAt: now }).where(eq(portalSessions.tokenHash, tokenHash)).run();
    return found;
  });
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await commitWithOthers(db, (tx) => tx.delete(portalSessions).where(eq(portalSessions.tokenHash, tokenHash)).run());
}

export async function endAllSessions(db: Db, accountId: string): Promise<number> {
  return commitWithOthers(db, (tx) => tx.delete(portalSessions).where(eq(portalSessions.accountId, accountId)).run().changes);
}

export async function setPassword(db: Db, accountId: string, passwordHash: string, keep: string, now: string): Promise<number> {
  return commitWithOthers(db, (tx) => {
    const moved = tx
      .update(portalAccounts)
      .set({ passwordHash, sessionGeneration: sql`${portalAccounts.sessionGeneration} + 1`, updatedAt: now })
      .where(eq(portalAccounts.id, accountId))
      .returning({ generation: portalAccounts.sessionGeneration })
      .get();
    if (!moved) return 0;
    const ended = tx
      .delete(portalSessions)
      .where(and(eq(portalSessions.accountId, accountId), ne(portalSessions.tokenHash, keep)))
      .run().changes;
    tx.update(portalSessions)
      .set({ generation: moved.generation, passwordGrantUntil: null })
      .where(and(eq(portalSessions.tokenHash, keep), eq(portalSessions.accountId, accountId)))
      .run();
    return ended;
  });
}
