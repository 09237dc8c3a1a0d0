/**
 * The Help Center's links and sessions, written once for both adapters: which link may still be
 * spent, why one may not, which links a newer one supersedes, and which session is alive. Each
 * adapter runs these in its own dialect (sqlite/portal.ts, pg/portal.ts).
 */
import { and, eq, gt, isNotNull, isNull, type Column, type SQL, type Table } from 'drizzle-orm';
import type { PortalLinkPurpose, PortalLinkRow } from '../rows.js';
import type { LinkSpend, NewPortalLink, OpenedSession, SessionLimits } from '../types.js';

export interface PortalTables {
  portalLinks: Table & { tokenHash: Column; siteId: Column; email: Column; purpose: Column; expiresAt: Column; endedAt: Column };
  portalAccounts: Table & { id: Column; siteId: Column; email: Column; passwordHash: Column; sessionGeneration: Column };
  portalSessions: Table & { tokenHash: Column; accountId: Column; generation: Column; createdAt: Column; lastSeenAt: Column };
}

/** What the port returns of an account (PortalAccount). */
export const accountColumns = <T extends PortalTables>(t: T) => {
  const { id, siteId, email, passwordHash, sessionGeneration } = t.portalAccounts;
  return { id, siteId, email, passwordHash, sessionGeneration } as Pick<T['portalAccounts'], 'id' | 'siteId' | 'email' | 'passwordHash' | 'sessionGeneration'>;
};

/** The site's link, while neither used, superseded nor expired at `now`: what spending it updates, so one of two racing spends wins. */
export const openLink = (t: Pick<PortalTables, 'portalLinks'>, siteId: string, tokenHash: string, now: string): SQL =>
  and(linkOf(t, siteId, tokenHash), isNull(t.portalLinks.endedAt), gt(t.portalLinks.expiresAt, now))!;

/** The link of this token on this site (another site's is none of its business). */
export const linkOf = (t: Pick<PortalTables, 'portalLinks'>, siteId: string, tokenHash: string): SQL =>
  and(eq(t.portalLinks.tokenHash, tokenHash), eq(t.portalLinks.siteId, siteId))!;

/** The still-open links a new one replaces: same site, address and purpose (an expired one keeps saying it expired). */
export const supersededBy = (t: Pick<PortalTables, 'portalLinks'>, link: NewPortalLink): SQL =>
  and(
    eq(t.portalLinks.siteId, link.siteId),
    eq(t.portalLinks.email, link.email),
    eq(t.portalLinks.purpose, link.purpose),
    isNull(t.portalLinks.endedAt),
    gt(t.portalLinks.expiresAt, link.createdAt),
  )!;

/** Why a link that `openLink` did not match cannot be spent. */
export const refusalOf = (link: Pick<PortalLinkRow, 'endedBy'> | undefined): Exclude<LinkSpend, { kind: 'spent' }> => ({
  kind: link === undefined ? 'not_found' : (link.endedBy ?? 'expired'),
});

/** The session a spent link opens: only a `set_password` link lets its session set a password. */
export const sessionOfLink = (purpose: PortalLinkPurpose, session: OpenedSession): { tokenHash: string; passwordGrantUntil: string | null } => ({
  ...session,
  passwordGrantUntil: purpose === 'set_password' ? session.passwordGrantUntil : null,
});

/** A session's account, joined to it only while the account is still in the session's generation. */
export const accountOfSession = (t: PortalTables): SQL =>
  and(eq(t.portalAccounts.id, t.portalSessions.accountId), eq(t.portalAccounts.sessionGeneration, t.portalSessions.generation))!;

/** The session, last used after `idleSince` and begun after `startedSince`. */
export const liveSession = (t: Pick<PortalTables, 'portalSessions'>, tokenHash: string, limits: SessionLimits): SQL =>
  and(eq(t.portalSessions.tokenHash, tokenHash), gt(t.portalSessions.lastSeenAt, limits.idleSince), gt(t.portalSessions.createdAt, limits.startedSince))!;

export interface PersonTables {
  endUsers: Table & { id: Column; siteId: Column; externalId: Column; email: Column; emailVerified: Column };
  organizationDomains: Table & { siteId: Column; domain: Column; organizationId: Column };
  organizations: Table & { id: Column; name: Column };
}

/**
 * The site's members the host vouches have this address (an external id, the address verified by
 * the host): whoever proves the address is that member. One the host has not verified is not: the
 * host only says someone typed it.
 */
export const hostMembersOfAddress = (t: Pick<PersonTables, 'endUsers'>, siteId: string, email: string): SQL =>
  and(eq(t.endUsers.siteId, siteId), eq(t.endUsers.email, email), isNotNull(t.endUsers.externalId), eq(t.endUsers.emailVerified, true))!;

/** The organization declared for the domain: organizations joined on `join`, filtered by `where`. */
export const domainOrganization = (t: Omit<PersonTables, 'endUsers'>, siteId: string, domain: string) => ({
  join: eq(t.organizations.id, t.organizationDomains.organizationId),
  where: and(eq(t.organizationDomains.siteId, siteId), eq(t.organizationDomains.domain, domain))!,
});
