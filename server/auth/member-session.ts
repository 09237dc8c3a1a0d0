/**
 * Member sessions: after a host token is exchanged, the server issues its own short-lived token
 * (15 minutes, the server's key, `aud: member`, bound to one site). Member routes call
 * `requireMember`, which accepts nothing else — not a host token, not another site's session,
 * not an agent token — and never falls back to anonymous: a bad or missing token is 401 session_expired.
 */
import jwt from '@fastify/jwt';
import { createVerifier, type Algorithm } from 'fast-jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { portalSessionActsAs } from '../services/portal-sessions.js';
import type { MemberRecord, MemberScope } from '../store/types.js';

// @fastify/jwt reads numeric lifetimes as seconds and strings as durations; '15m' leaves no doubt.
export const MEMBER_SESSION_MS = 15 * 60 * 1000;
const AUDIENCE = 'member';

export interface SignedInMember {
  record: MemberRecord;
  scope: MemberScope;
  /** When the session token stops being accepted (ms since the epoch): live streams end then. */
  expiresAt: number;
  /** Signed in through the Help Center (its CCs are capped: services/requests.ts), not by the host. */
  viaPortal: boolean;
}

/** What a session token is good for, besides its member. */
export interface SessionGrant {
  /** A session from an email link: that one request, to read and reply. */
  onlyRequest?: number;
  /** A session of the Help Center: good while that portal session (the hash of its cookie's token) lives. */
  portalSession?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    member?: SignedInMember;
  }
  interface FastifyInstance {
    memberSessions: {
      issue(member: MemberRecord, grant?: SessionGrant): { accessToken: string; expiresAt: string };
      /** The claims of a valid, unexpired session token; throws otherwise. */
      verify(token: string): SessionClaims;
    };
  }
}

const PINNED: { algorithms: Algorithm[]; allowedAud: string; requiredClaims: string[] } = {
  algorithms: ['HS256'],
  allowedAud: AUDIENCE,
  requiredClaims: ['exp', 'sub', 'site', 'aud'],
};

interface SessionClaims {
  sub?: unknown;
  site?: unknown;
  exp?: unknown;
  req?: unknown;
  ps?: unknown;
}

const expired = () => new ApiError(401, 'session_expired', 'Your session has ended. Sign in again.');

export async function installMemberSessions(app: FastifyInstance, sessionSecret: string): Promise<void> {
  await app.register(jwt, { secret: sessionSecret, sign: { algorithm: 'HS256' }, verify: PINNED });
  const { clock } = app.porthole;
  // Built once: every member request verifies a session, and building a verifier (its key, its
  // checks) cost more than verifying (12 % of a member's list request; bench/api). fast-jwt would
  // read the time once, when built, so expiry is checked here against the app's clock instead.
  const verifySignatureAndClaims = createVerifier({
    key: sessionSecret,
    ...PINNED,
    ignoreExpiration: true,
    cache: false,
  });

  app.decorate('memberSessions', {
    issue(member: MemberRecord, { onlyRequest, portalSession }: SessionGrant = {}) {
      const now = clock().getTime();
      // A new session starts from what sign-in just stored, not from what was kept of the last one.
      app.porthole.members.forget(member.siteId, member.id);
      const claims = {
        sub: member.id,
        site: member.siteId,
        aud: AUDIENCE,
        ...(onlyRequest !== undefined && { req: onlyRequest }),
        ...(portalSession !== undefined && { ps: portalSession }),
      };
      const accessToken = app.jwt.sign(claims, { expiresIn: '15m', clockTimestamp: now });
      return { accessToken, expiresAt: new Date(now + MEMBER_SESSION_MS).toISOString() };
    },
    verify(token: string) {
      const claims = verifySignatureAndClaims(token) as SessionClaims;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= clock().getTime()) throw expired();
      return claims;
    },
  });
}

/** The bearer token of a request, if it sent one. A malformed Authorization header counts as a bad token. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_.-]{10,4096})$/.exec(header);
  if (!match) throw expired();
  return match[1];
}

const outsideLink = () =>
  new ApiError(
    403,
    'link_session_scope',
    'This link opens one request, to read and reply. Sign in on the site to see your other requests or to start a new one.',
  );

/**
 * Resolves the signed-in member of a request to a site route, or refuses with 401.
 *
 * A session from a mail link is good for its one request only, and this is where that is decided
 * for every member route: it is accepted where the route's `:id` is that request (read, reply;
 * solving is then refused further in, as for anyone but the requester), and where the route says
 * it narrows what it reports to that request itself (`narrowsToLinkedRequest`: the live stream).
 * Anywhere else — lists, the badge count, a new request and so its CCs, any route added later — it
 * is 403 link_session_scope.
 */
export async function authenticateMember(
  app: FastifyInstance,
  request: FastifyRequest,
  use: { narrowsToLinkedRequest?: boolean } = {},
): Promise<SignedInMember> {
  const token = bearerToken(request);
  if (!token) throw expired();
  let claims: SessionClaims;
  try {
    claims = app.memberSessions.verify(token);
  } catch {
    throw expired();
  }
  if (claims.site !== request.site.id || typeof claims.sub !== 'string') throw expired();
  const onlyRequest = Number.isInteger(claims.req) ? (claims.req as number) : null;
  const portalSession = typeof claims.ps === 'string' ? claims.ps : null;
  const known = await app.porthole.members.find(request.site, claims.sub, { onlyRequest, viaPortal: portalSession !== null });
  if (!known) throw expired();
  // Signed out, or every session ended by a new password: its tokens end with it, not 15 minutes later.
  if (portalSession !== null && !(await portalSessionActsAs(app.porthole, request.site.id, portalSession, known.record))) throw expired();
  if (onlyRequest !== null && !use.narrowsToLinkedRequest && (request.params as { id?: unknown }).id !== onlyRequest) throw outsideLink();
  return { ...known, expiresAt: Number(claims.exp) * 1000, viaPortal: portalSession !== null };
}

/**
 * The member a request's session token names, if the token is one we issued, unexpired, for the
 * request's site — or undefined. For rate-limit keys, which run before the route: a key taken from
 * an unverified token would let anyone make up a fresh allowance per request.
 */
export function sessionSubject(app: FastifyInstance, request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  try {
    const claims = app.memberSessions.verify(header.slice(7));
    return claims.site === request.site?.id && typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
