/**
 * The Help Center's accounts on PostgreSQL: the twin of sqlite/portal.ts, with the conditions of
 * rules/portal.ts. Spending a link is one conditional UPDATE, so of two instances spending it at
 * once one wins; issuing one locks its address first, so two racing links leave one open.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { enqueueMail } from './outbox.js';
import { newId } from '../ids.js';
import { endUsers, organizationDomains, organizations, portalAccounts, portalLinks, portalSessions, portalSettings, sites } from './schema.js';
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

export async function signupPolicy(tx: PgSession, siteId: string): Promise<SignupPolicy> {
  const [row] = await tx.select({ policy: portalSettings.signupPolicy }).from(portalSettings).where(eq(portalSettings.siteId, siteId));
  return row?.policy ?? 'known';
}

export async function setSignupPolicy(tx: PgSession, siteId: string, policy: SignupPolicy): Promise<void> {
  await tx
    .insert(portalSettings)
    .values({ siteId, signupPolicy: policy })
    .onConflictDoUpdate({ target: portalSettings.siteId, set: { signupPolicy: policy } });
}

export async function isKnownEmail(tx: PgSession, siteId: string, email: string): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), eq(endUsers.email, email)))
    .limit(1);
  return rows.length > 0;
}

export async function organizationOfDomain(tx: PgSession, siteId: string, domain: string): Promise<{ id: string; name: string } | undefined> {
  const declared = domainOrganization({ organizationDomains, organizations }, siteId, domain);
  const [row] = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizationDomains)
    .innerJoin(organizations, declared.join)
    .where(declared.where);
  return row as { id: string; name: string } | undefined;
}

export async function personOf(tx: PgTx, siteId: string, email: string, now: string): Promise<string> {
  const [member] = await tx
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(hostMembersOfAddress({ endUsers }, siteId, email))
    .orderBy(endUsers.createdAt)
    .limit(1);
  if (member) return member.id;
  // The lock request numbering takes: contacts are made under it (pg/requests.ts), so a request and a
  // sign-in arriving at once for a new address make one record, not two.
  await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).for('update');
  const id = await findOrCreateContact(tx, siteId, email, null, now);
  await tx
    .update(endUsers)
    .set({ emailVerified: true, updatedAt: now })
    .where(and(eq(endUsers.id, id), eq(endUsers.emailVerified, false)));
  return id;
}

export async function addOrganizationDomain(tx: PgTx, siteId: string, domain: string, organizationExternalId: string): Promise<'added' | 'org_not_found'> {
  const [org] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.siteId, siteId), eq(organizations.externalId, organizationExternalId)));
  if (!org) return 'org_not_found';
  await tx
    .insert(organizationDomains)
    .values({ siteId, domain, organizationId: org.id })
    .onConflictDoUpdate({ target: [organizationDomains.siteId, organizationDomains.domain], set: { organizationId: org.id } });
  return 'added';
}

export async function issueLink(tx: PgTx, link: NewPortalLink, mail: MailDraft): Promise<void> {
  // Without it two links issued at once would each supersede only the older ones, and both stay open.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`porthole:portal-link:${link.siteId}:${link.email}:${link.purpose}`}, 0))`);
  await tx.update(portalLinks).set({ endedAt: link.createdAt, endedBy: 'superseded' }).where(supersededBy(tables, link));
  await tx.insert(portalLinks).values(link);
  await enqueueMail(tx, link.siteId, null, [mail], link.createdAt);
}

export async function spendLink(tx: PgTx, siteId: string, tokenHash: string, now: string, session: OpenedSession): Promise<LinkSpend> {
  const [spent] = await tx
    .update(portalLinks)
    .set({ endedAt: now, endedBy: 'used' })
    .where(openLink(tables, siteId, tokenHash, now))
    .returning({ siteId: portalLinks.siteId, email: portalLinks.email, purpose: portalLinks.purpose });
  if (!spent) {
    const [link] = await tx
      .select({ endedBy: portalLinks.endedBy })
      .from(portalLinks)
      .where(linkOf(tables, siteId, tokenHash));
    return refusalOf(link);
  }
  await tx
    .insert(portalAccounts)
    .values({ id: newId('pa'), siteId: spent.siteId, email: spent.email, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [found] = await tx
    .select(account)
    .from(portalAccounts)
    .where(and(eq(portalAccounts.siteId, spent.siteId), eq(portalAccounts.email, spent.email)));
  await tx
    .insert(portalSessions)
    .values({ ...sessionOfLink(spent.purpose, session), accountId: found!.id, generation: found!.sessionGeneration, createdAt: now, lastSeenAt: now });
  return { kind: 'spent', purpose: spent.purpose, account: found! };
}

export async function findAccount(tx: PgSession, siteId: string, email: string): Promise<PortalAccount | undefined> {
  const [found] = await tx
    .select(account)
    .from(portalAccounts)
    .where(and(eq(portalAccounts.siteId, siteId), eq(portalAccounts.email, email)));
  return found;
}

export async function createSession(tx: PgSession, tokenHash: string, accountId: string, generation: number, now: string): Promise<void> {
  await tx.insert(portalSessions).values({ tokenHash, accountId, generation, createdAt: now, lastSeenAt: now });
}

export async function touchSession(tx: PgSession, tokenHash: string, limits: SessionLimits, now: string): Promise<LivePortalSession | undefined> {
  const { passwordHash: _hash, ...columns } = account;
  const [found] = await tx
    .select({ account: columns, createdAt: portalSessions.createdAt, passwordGrantUntil: portalSessions.passwordGrantUntil })
    .from(portalSessions)
    .innerJoin(portalAccounts, accountOfSession(tables))
    .where(liveSession(tables, tokenHash, limits));
  if (found) await tx.update(portalSessions).set({ lastSeenAt: now }).where(eq(portalSessions.tokenHash, tokenHash));
  return found;
}

export async function endSession(tx: PgSession, tokenHash: string): Promise<void> {
  await tx.delete(portalSessions).where(eq(portalSessions.tokenHash, tokenHash));
}

export async function endAllSessions(tx: PgSession, accountId: string): Promise<number> {
  const ended = await tx.delete(portalSessions).where(eq(portalSessions.accountId, accountId)).returning({ tokenHash: portalSessions.tokenHash });
  return ended.length;
}

export async function setPassword(tx: PgTx, accountId: string, passwordHash: string, keep: string, now: string): Promise<number> {
  const [moved] = await tx
    .update(portalAccounts)
    .set({ passwordHash, sessionGeneration: sql`${portalAccounts.sessionGeneration} + 1`, updatedAt: now })
    .where(eq(portalAccounts.id, accountId))
    .returning({ generation: portalAccounts.sessionGeneration });
  if (!moved) return 0;
  const ended = await tx
    .delete(portalSessions)
    .where(and(eq(portalSessions.accountId, accountId), ne(portalSessions.tokenHash, keep)))
    .returning({ tokenHash: portalSessions.tokenHash });
  await tx
    .update(portalSessions)
    .set({ generation: moved.generation, passwordGrantUntil: null })
    .where(and(eq(portalSessions.tokenHash, keep), eq(portalSessions.accountId, accountId)));
  return ended.length;
}
