/**
 * Help Center sessions: sign in with email and password, the session behind a cookie, sign-out,
 * and "sign out everywhere". A session ends after a day unused or two weeks after it began,
 * whichever is first, and with every password change (store: the account's session generation).
 */
import type { Services } from './context.js';
import type { LivePortalSession, MemberRecord, PortalAccount, SessionLimits } from '../store/types.js';
import type { SiteRow } from '../store/rows.js';
import { normalizeEmail } from '../contract/rules.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { verifyPassword } from '../auth/passwords.js';
import { ApiError, notFound } from '../errors.js';
import { countingFailures } from './attempt-limiter.js';
import type { PortalLimits } from './portal-limits.js';

const HOUR = 3_600_000;
export const PORTAL_IDLE_MS = 24 * HOUR;
export const PORTAL_MAX_MS = 14 * 24 * HOUR;

export const portalSessionLimits = (now: Date): SessionLimits => ({
  idleSince: new Date(now.getTime() - PORTAL_IDLE_MS).toISOString(),
  startedSince: new Date(now.getTime() - PORTAL_MAX_MS).toISOString(),
});

export interface SignIn {
  siteSlug: string;
  email: string;
  password: string;
  clientAddress: string;
}

/** Checks email and password under the failure limits; returns the new session's token (for the cookie) and the account. */
export async function signIn(services: Services, limits: PortalLimits, attempt: SignIn): Promise<{ token: string; account: PortalAccount }> {
  const site = await services.sites.find(attempt.siteSlug);
  if (!site) throw notFound('That Help Center');
  const email = normalizeEmail(attempt.email);
  const address = attempt.clientAddress;
  const account = `${site.id} ${email}`;
  return countingFailures(
    [
      [limits.signInByAddress, address],
      [limits.signInByAddressAndEmail, `${address} ${account}`],
      // The back-off last: a pause it starts is only worth starting for an attempt that goes ahead.
      [limits.signInByEmail, account],
    ],
    async () => {
      const found = await services.store.portal.findAccount(site.id, email);
      // An unknown address or one without a password costs the same hash as a real check (passwords.ts).
      if (!(await verifyPassword(attempt.password, found?.passwordHash ?? null)) || !found) {
        throw new ApiError(401, 'invalid_credentials', 'That email and password do not match. You can ask for a sign-in link instead.');
      }
      const token = newSecret();
      // In the generation the password was checked in: a change meanwhile leaves this session dead.
      await services.store.portal.createSession(hashSecret(token), found.id, found.sessionGeneration, services.clock().toISOString());
      return { token, account: found };
    },
  );
}

/** The site's session behind a cookie's token, its last use moved to now; 401 when there is none, it ended, or it is another site's. */
export async function portalSession(services: Services, siteId: string, token: string | undefined): Promise<LivePortalSession> {
  const now = services.clock();
  const found = token && (await services.store.portal.touchSession(hashSecret(token), portalSessionLimits(now), now.toISOString()));
  if (!found || found.account.siteId !== siteId) throw new ApiError(401, 'session_expired', 'Sign in to the Help Center again.');
  return found;
}

export const signOut = (services: Services, token: string) => services.store.portal.endSession(hashSecret(token));

/** "Sign out everywhere": every session of the account, this one included; returns how many ended. */
export async function signOutEverywhere(services: Services, siteId: string, token: string | undefined): Promise<number> {
  const session = await portalSession(services, siteId, token);
  return services.store.portal.endAllSessions(session.account.id);
}

/**
 * Whether the portal session behind a member token (the hash of its cookie's token) is still alive,
 * on this site, for this person's address: checked on every use of the token, so signing out or a
 * new password ends the Help Center's member tokens at once.
 */
export async function portalSessionActsAs(services: Services, siteId: string, sessionHash: string, person: Pick<MemberRecord, 'email'>): Promise<boolean> {
  const now = services.clock();
  const live = await services.store.portal.touchSession(sessionHash, portalSessionLimits(now), now.toISOString());
  return live !== undefined && live.account.siteId === siteId && live.account.email === person.email;
}

/**
 * The person a Help Center session acts as, for a member session of the widget's member API: the
 * host's member with this proven address, or the address's own record (store: personOf). Their
 * requests, CCs and organization are then found exactly as for that member in the widget.
 */
export async function personOfSession(services: Services, site: SiteRow, token: string | undefined): Promise<{ person: MemberRecord; sessionHash: string }> {
  const session = await portalSession(services, site.id, token);
  const personId = await services.store.portal.personOf(site.id, session.account.email, services.clock().toISOString());
  const known = await services.members.find(site, personId, { onlyRequest: null, viaPortal: true });
  if (!known) throw new ApiError(401, 'session_expired', 'Sign in to the Help Center again.');
  return { person: known.record, sessionHash: hashSecret(token!) };
}
